"""The Migration Law Database's records for the site's OAI-PMH endpoint (iml_portal/oai/): one
record per public instrument, as Dublin Core, in the set "instruments" and in the set of its
kind, "instruments:<kind>" (a hierarchy, so that no set of ours can take a catalogue series'
slug)."""

from django.conf import settings
from django.db.models.functions import Coalesce, Greatest
from django.utils import translation

from iml_portal.countries import NAMES, Region
from iml_portal.oai.providers import RecordProvider

from .models import Instrument, Kind

SET = "instruments"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _in_english(label):
    with translation.override("en"):
        return str(label)


class InstrumentRecords(RecordProvider):
    kind = "instrument"
    # Sets are read by select() below; the field says that this provider has some.
    set_field = "kind"

    # A record scheduled for later is new to harvesters when it appears, not when it was
    # last edited: its datestamp is the later of the two.
    datestamp_field = "harvest_datestamp"

    def queryset(self):
        return (
            Instrument.objects.public()
            .annotate(harvest_datestamp=Greatest("updated", Coalesce("publish_at", "updated")))
            .select_related("parent")
            .prefetch_related("themes", "states")
        )

    def sets(self):
        return [
            (SET, "Migration Law Database: instruments"),
            *[
                (f"{SET}:{value}", f"Instruments: {_in_english(label)}")
                for value, label in Kind.choices
            ],
        ]

    def set_specs(self, instrument):
        return [SET, f"{SET}:{instrument.kind}"]

    def select(self, *, set_spec=None, since=None, until=None):
        records = super().select(since=since, until=until)
        if set_spec is None or set_spec == SET:
            return records
        prefix, _colon, kind = set_spec.partition(":")
        if prefix == SET and kind in Kind.values:
            return records.filter(kind=kind)
        return records.none()

    def dublin_core(self, instrument, request):
        """Its title and description in each language they are written in, the adopting body
        as creator, the themes as subjects (in each language), the date of adoption, its
        type, its region and the States it concerns, its page and its official texts, and the
        instrument it supplements."""
        page = request.build_absolute_uri(instrument.get_absolute_url())
        themes = list(instrument.themes.all())
        texts = instrument.text_urls()
        region = dict(Region.choices).get(instrument.region)
        parent = instrument.parent
        return [
            *_translations(instrument, "title", "title"),
            *_translations(instrument, "creator", "adopting_body"),
            *[
                ("subject", name, code)
                for theme in themes
                for code in LANGUAGES
                if (name := getattr(theme, f"name_{code}", "") or "")
            ],
            *_translations(instrument, "description", "description"),
            *([("date", instrument.adopted_on.isoformat(), None)] if instrument.adopted_on else []),
            ("type", "Text", None),
            ("type", _in_english(instrument.get_kind_display()), "en"),
            ("identifier", page, None),
            *[("identifier", url, None) for _code, url in texts],
            *[("language", code, None) for code, _url in texts],
            *(
                [("relation", request.build_absolute_uri(parent.get_absolute_url()), None)]
                if parent and parent.is_public
                else []
            ),
            *([("coverage", _in_english(region), "en")] if region else []),
            *[
                ("coverage", NAMES[state.country.code]["en"], "en")
                for state in instrument.states.all()
                if state.country.code in NAMES
            ],
        ]


def _translations(instrument, element, field):
    """`element` once per language `field` is written in (the same text given once)."""
    seen = set()
    found = []
    for code in LANGUAGES:
        value = getattr(instrument, f"{field}_{code}", "") or ""
        if value and value not in seen:
            seen.add(value)
            found.append((element, value, code))
    return found
