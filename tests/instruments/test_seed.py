"""The seed instruments (fixtures/instruments.json, built by
scripts/build_instruments_fixture.py from the research files): the instruments the issue
names, each valid and sourced, and the Migrant Workers Convention's States parties."""

import pytest

from iml_portal.countries import NAMES
from instruments.models import Instrument, Participation

pytestmark = pytest.mark.django_db

CORE = [
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
]
# The rows of the research's parties_mwc.csv (70 States, the fill's 3 rows replacing theirs).
MWC_ROWS = 70


def test_the_instruments_the_issue_names_are_there():
    slugs = set(Instrument.objects.values_list("slug", flat=True))

    assert Instrument.objects.count() >= 30
    assert {*CORE, "gats", "gcm"} <= slugs


def test_the_core_treaties_are_exactly_the_binding_international_ones_listed():
    core = set(Instrument.objects.filter(is_core=True).values_list("slug", flat=True))

    assert core == set(CORE)
    for instrument in Instrument.objects.filter(is_core=True):
        assert instrument.binding and instrument.level == "international"


def test_every_instrument_is_valid_titled_and_sourced():
    for instrument in Instrument.objects.all():
        instrument.full_clean()
        assert instrument.title_en, instrument.slug  # French and Spanish where researched
        assert instrument.sources, instrument.slug
        for line in instrument.sources.splitlines():
            what, _colon, addresses = line.partition(": ")
            assert what and addresses.startswith("http"), line
        if instrument.adopted_on:
            assert instrument.adopted_year == instrument.adopted_on.year


def test_the_protocols_supplement_their_convention():
    untoc = Instrument.objects.get(slug="untoc")

    assert set(untoc.children.values_list("slug", flat=True)) == {
        "trafficking-protocol",
        "smuggling-protocol",
    }
    assert Instrument.objects.get(slug="refugee-protocol").parent.slug == "refugee-convention"


def test_only_the_crc_and_the_vccr_have_related_publications():
    related = {
        instrument.slug: [
            publication.title for publication in instrument.related_publications.all()
        ]
        for instrument in Instrument.objects.exclude(related_publications=None).distinct()
    }

    assert related == {
        "crc": ["International Migration Law N°15 - Human Rights of Migrant Children"],
        "vccr": ["IML Information Note on Consular Assistance"],
    }


def test_the_migrant_workers_convention_has_its_parties():
    mwc = Instrument.objects.get(slug="mwc")

    assert mwc.participations.count() == MWC_ROWS
    assert mwc.participations.parties().count() == 59
    assert mwc.participations.filter(is_party=False).count() == 11


def test_every_participation_is_valid_and_sourced():
    for participation in Participation.objects.all():
        participation.full_clean()
        assert participation.source.startswith("http"), participation
        assert participation.country.code in NAMES


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        # The thesaurus carries a word into the other languages, as in the catalogue.
        ("en", "trata", "trafficking-protocol"),
        ("fr", "trafficking", "trafficking-protocol"),
        ("es", "niño", "crc"),
        ("fr", "travailleurs migrants", "mwc"),
        ("en", "statelessness", "statelessness-1954"),
    ],
)
def test_the_seed_database_is_found_by_its_search(client, language, query, expected):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        address = reverse("instruments:list")
    response = client.get(address, {"q": query})

    assert expected in [instrument.slug for instrument in response.context["instruments"]]
