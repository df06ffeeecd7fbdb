"""An instrument as reference managers and search engines read it: BibTeX, RIS, CSL-JSON and
schema.org `Legislation` JSON-LD. Only what the database records is said; the title is the
official English one (reference managers keep one title)."""

from iml_portal.citations import bibtex_entry, bibtex_escape, json_ld_script, ris_record
from iml_portal.citations import csl_json as site_csl_json

from .models import Level


def _date(value):
    return value.isoformat() if value else ""


def bibtex(instrument, url):
    fields = [("title", "{" + bibtex_escape(instrument.title_en) + "}")]
    if instrument.adopted_on:
        fields += [
            ("year", str(instrument.adopted_on.year)),
            ("date", _date(instrument.adopted_on)),
        ]
    if instrument.adopting_body_en:
        fields.append(("organization", bibtex_escape(instrument.adopting_body_en)))
    if instrument.adopted_at_en:
        fields.append(("address", bibtex_escape(instrument.adopted_at_en)))
    if instrument.short_title_en:
        fields.append(("shorttitle", bibtex_escape(instrument.short_title_en)))
    fields.append(("url", url))
    return bibtex_entry("misc", instrument.slug, fields)


def ris(instrument, url):
    # RIS has no type for a treaty: STAT (statute) is what reference managers map to one.
    lines = [("TY", "STAT"), ("TI", instrument.title_en)]
    if instrument.short_title_en:
        lines.append(("ST", instrument.short_title_en))
    if instrument.adopted_on:
        lines += [("PY", str(instrument.adopted_on.year)), ("DA", _date(instrument.adopted_on))]
    if instrument.adopting_body_en:
        lines.append(("A2", instrument.adopting_body_en))
    if instrument.adopted_at_en:
        lines.append(("CY", instrument.adopted_at_en))
    if instrument.description_en:
        lines.append(("AB", instrument.description_en))
    lines.append(("UR", url))
    return ris_record(lines)


def csl(instrument, url):
    item = {
        "id": instrument.slug,
        "type": "legislation" if instrument.level == Level.NATIONAL else "treaty",
        "title": instrument.title_en,
        "URL": url,
    }
    if instrument.short_title_en:
        item["title-short"] = instrument.short_title_en
    if instrument.adopted_on:
        date = instrument.adopted_on
        item["issued"] = {"date-parts": [[date.year, date.month, date.day]]}
    if instrument.adopting_body_en:
        item["authority"] = instrument.adopting_body_en
    if instrument.adopted_at_en:
        item["publisher-place"] = instrument.adopted_at_en
    if instrument.description_en:
        item["abstract"] = instrument.description_en
    return item


def csl_json(instrument, url):
    return site_csl_json(csl(instrument, url))


# The citation downloads, by file extension: (content type, renderer).
FORMATS = {
    "bib": ("application/x-bibtex; charset=utf-8", bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", ris),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", csl_json),
}


def json_ld(instrument, url):
    """schema.org Legislation, in the page's language, safe inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": url,
        "url": url,
        "name": instrument.title,
        "legislationType": instrument.get_kind_display(),
    }
    if instrument.binding and instrument.in_force_on:
        data["legislationLegalForce"] = "InForce"
    if instrument.short_title:
        data["alternateName"] = instrument.short_title
    if instrument.adopted_on:
        data["legislationDate"] = _date(instrument.adopted_on)
    if instrument.in_force_on:
        data["legislationDateOfApplicability"] = _date(instrument.in_force_on)
    if instrument.adopting_body:
        data["legislationPassedBy"] = {"@type": "Organization", "name": instrument.adopting_body}
    if instrument.description:
        data["description"] = instrument.description
    texts = instrument.text_urls()
    if texts:
        data["workExample"] = [
            {"@type": "Legislation", "url": address, "inLanguage": code} for code, address in texts
        ]
    themes = [theme.name for theme in instrument.themes.all()]
    if themes:
        data["keywords"] = themes
    return json_ld_script(data)
