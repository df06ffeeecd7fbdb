"""What a hostile or careless user found (review of issue 17): files that are not UTF-8,
duplicate rows, control characters, reserved or upper-case slugs and impossible years in the
import; drafts' words in "did you mean …?"; accents in the parties table's order; the
language of a title shown in English; and no claim that a country has not joined a treaty
whose States parties are not all recorded."""

import datetime
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from iml_portal.models import SearchWord
from instruments.importing import import_file
from instruments.models import Instrument
from tests.conftest import Page
from tests.instruments.builders import make_instrument, make_party

pytestmark = pytest.mark.django_db

HEADER = "slug,title_en,kind,level,adopted_on\n"


def run(text):
    return import_file(StringIO(text), name="test.csv")


def test_a_file_that_is_not_utf8_is_refused_whole(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        (HEADER + "ok,Fine,convention,international,\ncafe,Caf\xe9,other,national,\n").encode(
            "latin-1"
        )
    )
    errors = StringIO()

    with pytest.raises(CommandError):
        call_command("import_instruments", str(path), stderr=errors, stdout=StringIO())

    assert "not UTF-8" in errors.getvalue()
    assert not Instrument.objects.filter(slug__in=["ok", "cafe"]).exists()


def test_a_row_given_twice_in_one_file_is_refused_and_a_second_import_changes_nothing():
    text = HEADER + "dup,Dup A,convention,international,\ndup,Dup B,declaration,international,\n"

    first, second = run(text), run(text)

    assert (first.created, [line for line, _reason in first.rejected]) == (1, [3])
    assert "Line 2" in first.rejected[0][1]
    assert (second.created, second.updated, second.unchanged) == (0, 0, 1)
    assert Instrument.objects.get(slug="dup").title_en == "Dup A"


def test_a_party_given_twice_in_one_file_is_refused():
    make_instrument(slug="treaty")
    report = run(
        "instrument,country,consent_on,source\n"
        "treaty,FR,2010-01-01,https://example.org/a\n"
        "treaty,fr,2011-01-01,https://example.org/b\n"
    )

    assert (report.created, [line for line, _reason in report.rejected]) == (1, [3])


@pytest.mark.parametrize(
    "row",
    [
        "nul,Title\x00with NUL,convention,international,",
        "feed,The feed's address,convention,international,",
        "UPPER,Upper case,convention,international,",
        "old,Too old,convention,international,1815-06-09",
    ],
)
def test_a_row_the_site_could_not_serve_is_refused(row):
    report = run(HEADER + row + "\n")

    assert report.created == 0 and len(report.rejected) == 1
    # By its slug: PostgreSQL's driver refuses a NUL even in a query.
    assert not Instrument.objects.filter(slug__iexact=row.split(",")[0]).exists()


def test_a_draft_gives_no_word_to_did_you_mean(client):
    make_instrument(title="Zanzibarqux protocol", slug="draft-one", status=Instrument.Status.DRAFT)

    assert not SearchWord.objects.filter(word="zanzibarqux").exists()
    response = client.get("/en/instruments/", {"q": "Zanzibarqu"})
    assert not response.context["filterset"].search_plan.corrected


def test_the_parties_table_sorts_accented_names_as_readers_do(client):
    treaty = make_instrument(slug="sorted")
    for code in ("BF", "BJ", "EG", "VE"):  # Burkina Faso, Bénin, Égypte, Venezuela
        make_party(treaty, code)
    cache.clear()

    response = client.get("/fr/instruments/sorted/")

    assert [row["country"] for row in response.context["parties"]] == ["BJ", "BF", "EG", "VE"]


def test_a_title_shown_in_english_on_a_spanish_page_says_so(client):
    make_instrument(title_en="Only in English", title_fr="", title_es="", slug="english-only")

    page = Page(client.get("/es/instruments/english-only/"))

    assert [span["lang"] for span in page.elements("span") if span.get("lang")][:1] == ["en"]


def test_a_country_is_said_not_to_have_joined_only_treaties_whose_parties_are_complete(client):
    complete = make_instrument(
        title="Complete treaty", slug="complete", is_core=True, parties_complete=True
    )
    partial = make_instrument(title="Partly recorded treaty", slug="partial", is_core=True)
    make_party(partial, "FR", consent_on=datetime.date(2001, 1, 1))
    cache.clear()

    context = client.get("/en/countries/us/").context

    def listed(name):
        return [entry["instrument"].pk for entry in context[name]]

    assert listed("core_not_joined") == [complete.pk]
    assert partial.pk in listed("core_unrecorded")
    assert partial.pk not in listed("core_not_joined")
