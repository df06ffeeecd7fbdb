"""The six verbs of OAI-PMH 2.0 over the records of every provider (settings.OAI_PROVIDERS).

Lists are paged by keyset: records in primary key order, provider after provider, PAGE_SIZE a
page; a resumption token says where the next page starts. Each request runs a few queries
(a count per provider, the page, what the records' metadata prefetches), whatever the page's
size or the catalogue's.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from . import xml
from .protocol import GRANULARITY, OAIError, Selection, datestamp, make_token, read_token
from .providers import providers

PAGE_SIZE = 100

# The repository identifier of the oai-identifier scheme: a domain name.
_DOMAIN = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+")


def repository_identifier():
    """OAI_REPOSITORY_IDENTIFIER, or the host name of the site's address."""
    return settings.OAI_REPOSITORY_IDENTIFIER or urlsplit(settings.SITE_URL).hostname


class Repository:
    """Answers one request: each verb's method returns its element, or raises OAIError."""

    def __init__(self, request):
        self.request = request
        self.providers = providers()
        self.identifier_prefix = f"oai:{repository_identifier()}:"

    @property
    def base_url(self):
        return self.request.build_absolute_uri(reverse("oai"))

    def identifier(self, provider, record):
        return f"{self.identifier_prefix}{provider.kind}:{record.pk}"

    def find(self, identifier):
        """(provider, record) of an identifier, or idDoesNotExist."""
        kind, _colon, key = identifier.removeprefix(self.identifier_prefix).partition(":")
        provider = self.providers.get(kind)
        record = None
        if identifier.startswith(self.identifier_prefix) and provider and key.isdigit():
            record = provider.get(key)
        if record is None:
            raise OAIError("idDoesNotExist", "No record has this identifier.")
        return provider, record

    # The verbs.

    def Identify(self, arguments):
        body = xml.container("Identify")
        xml.element(body, "repositoryName", settings.OAI_REPOSITORY_NAME)
        xml.element(body, "baseURL", self.base_url)
        xml.element(body, "protocolVersion", "2.0")
        xml.element(body, "adminEmail", settings.OAI_ADMIN_EMAIL)
        stamps = [stamp for p in self.providers.values() if (stamp := p.earliest())]
        xml.element(body, "earliestDatestamp", datestamp(min(stamps, default=timezone.now())))
        # Deleted records leave no trace: a harvester learns of them by harvesting again.
        xml.element(body, "deletedRecord", "no")
        xml.element(body, "granularity", GRANULARITY)
        repository_id = repository_identifier()
        sample_kind = next(iter(self.providers), "record")
        if repository_id and _DOMAIN.fullmatch(repository_id):
            description = xml.element(body, "description")
            scheme = xml.element(
                description,
                "oai-identifier",
                namespace=xml.OAI_IDENTIFIER,
                **{xml.SCHEMA_LOCATION: f"{xml.OAI_IDENTIFIER} {xml.OAI_IDENTIFIER_SCHEMA}"},
            )
            for tag, text in [
                ("scheme", "oai"),
                ("repositoryIdentifier", repository_id),
                ("delimiter", ":"),
                ("sampleIdentifier", f"{self.identifier_prefix}{sample_kind}:1"),
            ]:
                xml.element(scheme, tag, text, namespace=xml.OAI_IDENTIFIER)
        return body

    def ListMetadataFormats(self, arguments):
        if "identifier" in arguments:
            self.find(arguments["identifier"])
        body = xml.container("ListMetadataFormats")
        for prefix, (schema, namespace) in xml.METADATA_FORMATS.items():
            entry = xml.element(body, "metadataFormat")
            xml.element(entry, "metadataPrefix", prefix)
            xml.element(entry, "schema", schema)
            xml.element(entry, "metadataNamespace", namespace)
        return body

    def ListSets(self, arguments):
        if "resumptionToken" in arguments:  # every set fits in one response
            raise OAIError("badResumptionToken", "The resumption token is not valid.")
        sets = [entry for provider in self.providers.values() for entry in provider.sets()]
        if not sets:
            raise OAIError("noSetHierarchy", "This repository has no sets.")
        body = xml.container("ListSets")
        for spec, name in sets:
            entry = xml.element(body, "set")
            xml.element(entry, "setSpec", spec)
            xml.element(entry, "setName", name)
        return body

    def GetRecord(self, arguments):
        _check_format(arguments["metadataPrefix"])
        provider, record = self.find(arguments["identifier"])
        body = xml.container("GetRecord")
        self._record(body, provider, record)
        return body

    def ListIdentifiers(self, arguments):
        return self._list("ListIdentifiers", arguments, self._header)

    def ListRecords(self, arguments):
        return self._list("ListRecords", arguments, self._record)

    # Lists, a page at a time.

    def _list(self, verb, arguments, write):
        kind, after, cursor = None, None, 0
        if "resumptionToken" in arguments:
            arguments, kind, after, cursor = read_token(arguments["resumptionToken"], verb)
            if kind not in self.providers or "metadataPrefix" not in arguments:
                raise OAIError("badResumptionToken", "The resumption token is not valid.")
        selection = Selection.from_arguments(arguments)
        _check_format(selection.metadata_prefix)
        if selection.set_spec is not None and not any(p.set_field for p in self.providers.values()):
            raise OAIError("noSetHierarchy", "This repository has no sets.")

        chosen = {
            provider: provider.select(
                set_spec=selection.set_spec, since=selection.since, until=selection.until
            )
            for provider in self.providers.values()
        }
        counts = {provider: records.count() for provider, records in chosen.items()}
        page, resume_at = self._page(chosen, counts, kind, after)
        if not page:
            raise OAIError("noRecordsMatch", "No record matches these arguments.")

        body = xml.container(verb)
        for provider, record in page:
            write(body, provider, record)
        if resume_at is not None or cursor:
            # A list in several parts: each part but the last says where the next one starts;
            # the last has an empty token.
            token = ""
            if resume_at is not None:
                next_kind, next_after = resume_at
                token = make_token(
                    verb, arguments, kind=next_kind, after=next_after, cursor=cursor + len(page)
                )
            total = max(sum(counts.values()), cursor + len(page))
            xml.element(
                body, "resumptionToken", token, completeListSize=str(total), cursor=str(cursor)
            )
        return body

    def _page(self, chosen, counts, kind, after):
        """Up to PAGE_SIZE (provider, record) pairs, from the provider `kind` after primary key
        `after` (from the first provider's first record when `kind` is None) on, and where the
        next page starts, a (kind, after) pair, or None when this page ends the list."""
        page = []
        providers = list(chosen)
        start = next((i for i, p in enumerate(providers) if p.kind == kind), 0)
        for index, provider in enumerate(providers[start:], start):
            if not counts[provider]:
                continue
            room = PAGE_SIZE - len(page)
            records = chosen[provider].order_by("pk")
            if index == start and after is not None:
                records = records.filter(pk__gt=after)
            batch = list(records[: room + 1])  # one more than there is room for: a next page?
            page += [(provider, record) for record in batch[:room]]
            if len(batch) > room:
                return page, (provider.kind, batch[room - 1].pk if room else None)
        return page, None

    def _header(self, parent, provider, record):
        xml.header(
            parent,
            self.identifier(provider, record),
            provider.datestamp(record),
            provider.set_specs(record),
        )

    def _record(self, parent, provider, record):
        entry = xml.element(parent, "record")
        self._header(entry, provider, record)
        xml.oai_dc(entry, provider.dublin_core(record, self.request))


def _check_format(prefix):
    if prefix not in xml.METADATA_FORMATS:
        raise OAIError("cannotDisseminateFormat", f"This repository does not serve {prefix}.")
