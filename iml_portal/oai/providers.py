"""What a content app gives the OAI-PMH endpoint: a RecordProvider subclass in the app's own
oai.py, listed in settings.OAI_PROVIDERS (e.g. "publications.oai.PublicationRecords")."""

from django.conf import settings
from django.db.models import Min
from django.utils.module_loading import import_string


class RecordProvider:
    """A content app's records. Subclasses set `kind` and write `queryset()` and
    `dublin_core()`; with sets, `set_field`, `sets()` and `set_specs()` too."""

    # The records' kind in their identifiers, oai:<repository>:<kind>:<primary key>: never
    # change it once harvested.
    kind = ""
    # The field holding each record's last change: its datestamp, and what from/until select.
    datestamp_field = "updated"
    # The lookup whose value is a record's setSpec (e.g. "series__slug"); None: no sets.
    set_field = None

    def queryset(self):
        """Every record, with what `dublin_core()` and `set_specs()` read (select_related,
        prefetch_related), so that a page of records costs the same few queries."""
        raise NotImplementedError

    def sets(self):
        """The sets, as (setSpec, setName) pairs."""
        return []

    def set_specs(self, record):
        return []

    def dublin_core(self, record, request):
        """The record as Dublin Core: (element, value, xml:lang or None) triples, element being
        one of the fifteen (title, creator, subject, …), in the order they should appear."""
        raise NotImplementedError

    # What the endpoint calls.

    def select(self, *, set_spec=None, since=None, until=None):
        """The records in `set_spec` changed at or after `since` and before `until`."""
        records = self.queryset()
        if set_spec is not None:
            if self.set_field is None:
                return records.none()
            records = records.filter(**{self.set_field: set_spec})
        if since is not None:
            records = records.filter(**{f"{self.datestamp_field}__gte": since})
        if until is not None:
            records = records.filter(**{f"{self.datestamp_field}__lt": until})
        return records

    def get(self, key):
        """The record whose primary key is `key` (digits), or None."""
        return self.queryset().filter(pk=int(key)).first()

    def datestamp(self, record):
        return getattr(record, self.datestamp_field)

    def earliest(self):
        return self.queryset().aggregate(earliest=Min(self.datestamp_field))["earliest"]


def providers():
    """An instance of each provider of settings.OAI_PROVIDERS, by kind, in that order."""
    found = {}
    for dotted in settings.OAI_PROVIDERS:
        provider = import_string(dotted)()
        if not provider.kind or provider.kind in found:
            raise ValueError(f"{dotted}: each OAI provider needs a kind of its own")
        found[provider.kind] = provider
    return found
