"""A publication as reference managers and search engines read it: BibTeX, RIS, CSL-JSON and
schema.org JSON-LD. Only what the catalogue records is said: no author, ISBN or place is
invented; the IOM is the publisher."""

import re

from django.utils import translation

from iml_portal.citations import bibtex_entry, bibtex_escape, json_ld_script, ris_record
from iml_portal.citations import csl_json as site_csl_json
from iml_portal.languages import Language

PUBLISHER = "International Organization for Migration (IOM)"


def clean_title(publication):
    """The title a reference manager gets: the title as published, without the series and
    number that the citation gives in fields of its own. A numbered publication of a published
    series loses a leading "<a name of its series> N°<its number> -" (the International
    Migration Law series: "International Migration Law N°2 - Glossary on Migration (Russian)"
    gives "Glossary on Migration (Russian)") and a trailing ": … Series N°<its number>" (the
    ATD tools: "IOM Road Map on Alternatives to Migration Detention: Tools Series N°1").
    Anything else is kept as published."""
    title, number = publication.title, publication.number
    if number is None or not publication.series_title:
        return title
    series = publication.series
    names = {entry.name.casefold() for entry in series.published_names.all()}
    names |= {name.casefold() for name in (series.name_en, series.name_fr, series.name_es) if name}
    numbered = rf"N°\s*0*{number}(?!\d)"
    prefix = re.match(rf"(?P<name>.+?)\s*{numbered}\s*[-–—:]\s*(?P<rest>.+)", title)
    if prefix and prefix["name"].casefold() in names:
        return prefix["rest"]
    suffix = re.match(rf"(?P<rest>.+?)\s*[:,–—-]\s*(?:\w+\s+)*Series\s+{numbered}\s*$", title)
    if suffix:
        return suffix["rest"]
    return title


def _english_name(language):
    with translation.override("en"):
        return str(Language(language).label)


def bibtex(publication, url):
    fields = [
        # Double braces keep the title's capitals as published.
        ("title", "{" + bibtex_escape(clean_title(publication)) + "}"),
        ("year", str(publication.year)),
        ("publisher", bibtex_escape(PUBLISHER)),
        ("language", bibtex_escape(_english_name(publication.language))),
    ]
    if publication.series_title:
        fields.append(("series", bibtex_escape(publication.series_title)))
        if publication.number is not None:
            fields.append(("number", str(publication.number)))
    if publication.link:
        fields.append(("howpublished", r"\url{" + bibtex_escape(publication.link) + "}"))
    fields.append(("url", url))
    return bibtex_entry("book", publication.slug, fields)


def ris(publication, url):
    lines = [
        ("TY", "BOOK"),
        ("TI", clean_title(publication)),
        ("PY", str(publication.year)),
        ("PB", PUBLISHER),
        ("LA", publication.language),
    ]
    if publication.series_title:
        lines.append(("T3", publication.series_title))
        if publication.number is not None:
            lines.append(("VL", str(publication.number)))
    if publication.description_en:
        lines.append(("AB", publication.description_en))
    lines.append(("UR", url))
    if publication.link:
        lines.append(("UR", publication.link))
    return ris_record(lines)


def csl(publication, url):
    item = {
        "id": publication.slug,
        "type": "book",
        "title": clean_title(publication),
        "issued": {"date-parts": [[publication.year]]},
        "publisher": PUBLISHER,
        "language": publication.language,
        "URL": url,
    }
    if publication.series_title:
        item["collection-title"] = publication.series_title
        if publication.number is not None:
            item["collection-number"] = str(publication.number)
    if publication.description_en:
        item["abstract"] = publication.description_en
    return item


def csl_json(publication, url):
    return site_csl_json(csl(publication, url))


# The citation downloads, by file extension: (content type, renderer).
FORMATS = {
    "bib": ("application/x-bibtex; charset=utf-8", bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", ris),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", csl_json),
}


def json_ld(publication, url):
    """schema.org JSON-LD, safe inside <script type="application/ld+json">."""
    data = {
        "@context": "https://schema.org",
        "@type": "Book",
        "@id": url,
        "url": url,
        "name": clean_title(publication),
        "inLanguage": publication.language,
        "datePublished": str(publication.year),
        "publisher": {"@type": "Organization", "name": PUBLISHER},
    }
    if data["name"] != publication.title:
        data["alternateName"] = publication.title
    if publication.description:
        data["description"] = publication.description
    if publication.series_title:
        data["isPartOf"] = {"@type": "BookSeries", "name": publication.series_title}
        if publication.number is not None:
            data["position"] = publication.number
    themes = [theme.name for theme in publication.themes.all()]
    if themes:
        data["keywords"] = themes
    if publication.link:
        data["sameAs"] = publication.link
    return json_ld_script(data)
