#!/usr/bin/env python3
"""Builds fixtures/instruments.json (the seed instruments and States parties) from the
research files, so that it can be rebuilt when they change:

    .venv/bin/python scripts/build_instruments_fixture.py [RESEARCH_DIR]

RESEARCH_DIR (default fixtures/research) holds instruments_r1.json, its
corrections instruments_r1_fill.json (optional: its values replace the first round's, its
sources are added), instruments_r2.json, and the States parties parties_mwc.csv and
parties_mwc_fill.csv (optional: its rows replace those of the same State).

Nothing is invented: only what the research files hold is copied. A date given with its year
only is left empty; a value that is null is left out (the model's default: empty). Themes are
found by slug and the two related publications by title in fixtures/publications.json.
Primary keys follow the research files' order (instruments) and the instrument then the
country (parties), so that a rebuild changes only what changed.
"""

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESEARCH = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "fixtures" / "research"
OUTPUT = ROOT / "fixtures" / "instruments.json"
PUBLICATIONS = ROOT / "fixtures" / "publications.json"

LANGUAGES = ("en", "fr", "es")
TRANSLATED = ("title", "adopting_body", "adopted_at", "depositary", "description")
REGIONS = {"Africa": "002", "Americas": "019", "Asia": "142", "Europe": "150", "Oceania": "009"}
# The binding international treaties a country's page checks (the core list).
CORE = {
    "refugee-convention",
    "refugee-protocol",
    "statelessness-1954",
    "statelessness-1961",
    "iccpr",
    "icescr",
    "cerd",
    "cedaw",
    "cat",
    "crc",
    "mwc",
    "crpd",
    "ced",
    "untoc",
    "trafficking-protocol",
    "smuggling-protocol",
    "ilo-c97",
    "ilo-c143",
    "ilo-c189",
    "vccr",
    "unclos",
    "solas",
    "sar",
}
# Publications of the catalogue that discuss an instrument, by their exact titles.
RELATED_PUBLICATIONS = {
    "crc": ["International Migration Law N°15 - Human Rights of Migrant Children"],
    "vccr": ["IML Information Note on Consular Assistance"],
}
# Whether a State with neither a signature nor a consent date is a party, as the research
# notes on the parties (parties_mwc_fill_NOTES.md) say: Mozambique "party, year 2013", Saint
# Vincent and the Grenadines "had become a party ... in October 2010", Palau a "signatory
# state" (no date seen). Any other such row stops the build.
STATUS_WITHOUT_DATES = {("mwc", "MZ"): True, ("mwc", "VC"): True, ("mwc", "PW"): False}
# Parties whose signature date the research gives but not the date of their consent (only its
# year, in the world-politics-datalab dataset: Togo 2020, Venezuela 2016; see the research
# notes): parties, their consent date left empty.
PARTIES_WITHOUT_CONSENT_DATE = {("mwc", "TG"), ("mwc", "VE")}
# What each key of a research record's `sources` establishes, in the order listed.
FACTS = {
    "titles": "titles",
    "title_en": "English title",
    "title_fr": "French title",
    "title_es": "Spanish title",
    "short_title": "short title",
    "binding": "binding or not",
    "adopting_body": "adopting body",
    "resolution": "adopting resolution",
    "endorsement_resolution": "endorsement resolution",
    "adopted_on": "date of adoption",
    "adopted_at": "place of adoption",
    "in_force_on": "date of entry into force",
    "depositary": "depositary",
    "text_urls": "official texts",
    "description": "description",
}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def load(name, required=True):
    path = RESEARCH / name
    if not path.exists():
        if required:
            sys.exit(f"Missing {path}")
        print(f"(no {name}: skipped)", file=sys.stderr)
        return None
    return path


def records():
    """The research records in order, the fill's values merged into the first round's."""
    first = json.loads(load("instruments_r1.json").read_text(encoding="utf-8"))
    fill_path = load("instruments_r1_fill.json", required=False)
    by_slug = {record["slug"]: record for record in first}
    for correction in json.loads(fill_path.read_text(encoding="utf-8")) if fill_path else []:
        record = by_slug[correction["slug"]]
        for key, value in correction.items():
            if key == "sources":
                for fact, urls in value.items():
                    known = record["sources"].setdefault(fact, [])
                    known += [url for url in urls if url not in known]
            elif key == "text_urls":
                record["text_urls"] = {
                    **(record.get("text_urls") or {}),
                    **{lang: url for lang, url in value.items() if url},
                }
            elif key != "notes" and value is not None:
                record[key] = value
    second = json.loads(load("instruments_r2.json").read_text(encoding="utf-8"))
    return first + second


def date(value, where):
    if value is None:
        return None
    if not DATE.fullmatch(value):
        print(f"{where}: {value!r} is not a full date: left empty", file=sys.stderr)
        return None
    return value


def sources_text(sources):
    keys = [key for key in FACTS if key in sources] + sorted(set(sources) - set(FACTS))
    return "\n".join(
        f"{FACTS.get(key, key.replace('_', ' '))}: {' ; '.join(sources[key])}"
        for key in keys
        if sources[key]
    )


def instrument_fields(record, pks, themes, publications):
    slug = record["slug"]
    fields = {"slug": slug}
    for name in TRANSLATED:
        for lang in LANGUAGES:
            if record.get(f"{name}_{lang}"):
                fields[f"{name}_{lang}"] = record[f"{name}_{lang}"]
    if record.get("short_title"):
        fields["short_title_en"] = record["short_title"]
    for lang in LANGUAGES:
        if record.get(f"short_title_{lang}"):
            fields[f"short_title_{lang}"] = record[f"short_title_{lang}"]
    for lang, url in (record.get("text_urls") or {}).items():
        if url:
            fields[f"text_url_{lang}"] = url
    fields["kind"] = record["kind"]
    fields["level"] = record["level"]
    fields["binding"] = bool(record["binding"])
    fields["is_core"] = slug in CORE
    if record.get("region"):
        fields["region"] = REGIONS[record["region"]]
    for name in ("adopted_on", "in_force_on"):
        value = date(record.get(name), f"{slug}.{name}")
        if value:
            fields[name] = value
    if "adopted_on" in fields:
        # save() keeps it from adopted_on; loaddata does not call save().
        fields["adopted_year"] = int(fields["adopted_on"][:4])
    if record.get("parent"):
        fields["parent"] = pks[record["parent"]]
    fields["themes"] = [themes[theme] for theme in record.get("themes") or []]
    fields["related_publications"] = [
        publications[title] for title in RELATED_PUBLICATIONS.get(slug, [])
    ]
    fields["sources"] = sources_text(record.get("sources") or {})
    return fields


def parties(pks):
    """{(slug, country): row}, the fill's rows replacing the first file's."""
    rows = {}
    for name, required in (("parties_mwc.csv", True), ("parties_mwc_fill.csv", False)):
        path = load(name, required)
        if path:
            with path.open(encoding="utf-8", newline="") as file:
                for row in csv.DictReader(file):
                    rows[(row["instrument"], row["country"].upper())] = row
    objects = []
    for (slug, country), row in sorted(rows.items(), key=lambda item: (pks[item[0][0]], item[0])):
        signed_on = date(row["signed_on"] or None, f"{slug}/{country}.signed_on")
        consent_on = date(row["consent_on"] or None, f"{slug}/{country}.consent_on")
        if consent_on or row["consent_kind"] or (slug, country) in PARTIES_WITHOUT_CONSENT_DATE:
            is_party = True
        elif signed_on:
            is_party = False
        else:
            is_party = STATUS_WITHOUT_DATES[(slug, country)]
        urls = [url.strip() for url in row["source"].split(" ; ") if url.strip()]
        fields = {"instrument": pks[slug], "country": country, "is_party": is_party}
        if signed_on:
            fields["signed_on"] = signed_on
        if consent_on:
            fields["consent_on"] = consent_on
        if row["consent_kind"]:
            fields["consent_kind"] = row["consent_kind"]
        if urls:
            # One address per record; where the research gives several, the others are
            # kept in the instrument's sources (see main()).
            fields["source"] = urls[0].split()[0]  # the address, without a remark after it
        objects.append((fields, urls))
    return objects


def main():
    catalogue = json.loads(PUBLICATIONS.read_text(encoding="utf-8"))
    themes = {o["fields"]["slug"]: o["pk"] for o in catalogue if o["model"] == "publications.theme"}
    publications = {
        o["fields"]["title"]: o["pk"] for o in catalogue if o["model"] == "publications.publication"
    }
    research = records()
    pks = {record["slug"]: pk for pk, record in enumerate(research, start=1)}
    instruments = [
        {
            "model": "instruments.instrument",
            "pk": pks[record["slug"]],
            "fields": instrument_fields(record, pks, themes, publications),
        }
        for record in research
    ]
    by_pk = {o["pk"]: o for o in instruments}
    participations = []
    for pk, (fields, urls) in enumerate(parties(pks), start=1):
        participations.append({"model": "instruments.participation", "pk": pk, "fields": fields})
        if len(urls) > 1:
            instrument = by_pk[fields["instrument"]]["fields"]
            instrument["sources"] += f"\n{fields['country']} as a State party or signatory: "
            instrument["sources"] += " ; ".join(urls)
    OUTPUT.write_text(
        json.dumps(instruments + participations, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    print(f"{OUTPUT}: {len(instruments)} instruments, {len(participations)} States parties")


if __name__ == "__main__":
    main()
