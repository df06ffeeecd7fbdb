"""A publication as reference managers and search engines read it: BibTeX, RIS, CSL-JSON and
schema.org JSON-LD. Only what the catalogue records is said: no author, ISBN or place is
invented; the IOM is the publisher."""

import json

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


def _english_name(language):
    with translation.override("en"):
        return str(Language(language).label)


def bibtex(publication, url):
    fields = [
        # Double braces keep the title's capitals as published.
        ("title", "{" + _bibtex_escape(publication.title) + "}"),
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
        ("TI", publication.title),
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
        "title": publication.title,
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
        "name": publication.title,
        "inLanguage": publication.language,
        "datePublished": str(publication.year),
        "publisher": {"@type": "Organization", "name": PUBLISHER},
    }
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
