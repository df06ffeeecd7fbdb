"""A publication as reference managers and search engines read it: BibTeX, RIS, CSL-JSON and
schema.org JSON-LD. Only what the catalogue records is said: no author, ISBN or place is
invented; the IOM is the publisher."""

import json
import re

from django.utils import translation
from django.utils.safestring import mark_safe

from iml_portal.languages import Language

PUBLISHER = "International Organization for Migration (IOM)"

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _bibtex_escape(text):
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in " ".join(str(text).split()))


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
        ("title", "{" + _bibtex_escape(clean_title(publication)) + "}"),
        ("year", str(publication.year)),
        ("publisher", _bibtex_escape(PUBLISHER)),
        ("language", _bibtex_escape(_english_name(publication.language))),
    ]
    if publication.series_title:
        fields.append(("series", _bibtex_escape(publication.series_title)))
        if publication.number is not None:
            fields.append(("number", str(publication.number)))
    if publication.link:
        fields.append(("howpublished", r"\url{" + _bibtex_escape(publication.link) + "}"))
    fields.append(("url", url))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@book{{{publication.slug},\n{body}\n}}\n"


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
    lines.append(("ER", ""))
    # RIS: one tag per line, "XX  - value" (the final "ER  - " keeps its space, as strict
    # readers want), CRLF line ends; a value never spans lines.
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)


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
    return json.dumps([csl(publication, url)], ensure_ascii=False, indent=2) + "\n"


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
    # As Django's json_script does: no "<", ">" or "&" can close the script element early.
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(text)
