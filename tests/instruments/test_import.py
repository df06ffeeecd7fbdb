"""import_instruments: instruments and States parties from CSV, each row validated in full
before anything is written, the rejected rows reported by line, a second import a no-op."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from instruments.importing import import_file
from instruments.models import Instrument, Participation

pytestmark = pytest.mark.django_db

INSTRUMENTS = """\
slug,title_en,title_fr,title_es,short_title_en,kind,level,binding,is_core,adopted_on,in_force_on,region,states,themes,parent,text_url_en,description_en,sources
test-convention,Test Convention on Migrants,Convention de test,Convención de prueba,TCM,convention,international,true,true,1990-12-18,2003-07-01,,,human-rights labour-migration,,https://example.org/tcm,A test convention.,adoption: https://example.org/a
test-protocol,Test Protocol,,,,protocol,international,true,false,2000-11-15,,,,children,test-convention,,,
test-charter,Test Charter,,,,convention,regional,true,false,1981-06-27,,002,,,,,,
test-agreement,Test Agreement,,,,bilateral,bilateral,true,false,2010-01-01,,,fr ES,,,,,
"""  # noqa: E501 (a CSV file's rows)

PARTIES = """\
instrument,country,signed_on,consent_on,consent_kind,source
test-convention,ar,2004-08-10,2007-02-23,ratification,https://example.org/ar
test-convention,DZ,,2005-04-21,accession,https://example.org/dz
test-convention,AM,2013-09-26,,,https://example.org/am
"""


def run(text, name="test.csv"):
    return import_file(StringIO(text), name=name)


def write(tmp_path, text, name):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_instruments_are_created_with_every_column():
    report = run(INSTRUMENTS)

    assert (report.kind, report.created, report.updated, report.unchanged) == (
        "instruments",
        4,
        0,
        0,
    )
    assert report.rejected == []
    convention = Instrument.objects.get(slug="test-convention")
    assert (convention.title_en, convention.title_fr, convention.short_title_en) == (
        "Test Convention on Migrants",
        "Convention de test",
        "TCM",
    )
    assert convention.is_core and convention.binding
    assert convention.adopted_on == datetime.date(1990, 12, 18)
    assert convention.adopted_year == 1990
    assert convention.text_url_en == "https://example.org/tcm"
    assert set(convention.themes.values_list("slug", flat=True)) == {
        "human-rights",
        "labour-migration",
    }
    assert Instrument.objects.get(slug="test-protocol").parent == convention
    assert Instrument.objects.get(slug="test-charter").region == "002"
    agreement = Instrument.objects.get(slug="test-agreement")
    assert sorted(agreement.states.values_list("country", flat=True)) == ["ES", "FR"]


def test_importing_the_same_files_again_changes_nothing():
    run(INSTRUMENTS)
    run(PARTIES)
    stamps = dict(Instrument.objects.values_list("slug", "updated"))
    parties = list(Participation.objects.values())

    instruments_again, parties_again = run(INSTRUMENTS), run(PARTIES)

    assert (instruments_again.created, instruments_again.updated) == (0, 0)
    assert instruments_again.unchanged == 4
    assert (parties_again.created, parties_again.updated, parties_again.unchanged) == (0, 0, 3)
    assert dict(Instrument.objects.values_list("slug", "updated")) == stamps
    assert list(Participation.objects.values()) == parties


def test_a_changed_value_updates_its_row_only():
    run(INSTRUMENTS)
    before = dict(Instrument.objects.values_list("slug", "updated"))

    report = run(INSTRUMENTS.replace("A test convention.", "A changed description."))

    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    after = dict(Instrument.objects.values_list("slug", "updated"))
    assert after["test-convention"] > before["test-convention"]
    assert after["test-protocol"] == before["test-protocol"]
    assert Instrument.objects.get(slug="test-convention").description_en == (
        "A changed description."
    )


def test_parties_are_created_for_the_instruments_of_the_same_run(tmp_path):
    instruments = write(tmp_path, INSTRUMENTS, "instruments.csv")
    parties = write(tmp_path, PARTIES, "parties.csv")

    call_command("import_instruments", instruments, parties, stdout=StringIO())

    convention = Instrument.objects.get(slug="test-convention")
    rows = {p.country.code: p for p in convention.participations.all()}
    assert sorted(rows) == ["AM", "AR", "DZ"]
    assert rows["AR"].is_party and rows["AR"].consent_kind == "ratification"
    assert rows["AR"].signed_on == datetime.date(2004, 8, 10)
    assert rows["AR"].source == "https://example.org/ar"
    assert not rows["AM"].is_party  # signed only
    assert rows["AM"].consent_on is None


@pytest.mark.parametrize(
    ("row", "column", "quoted"),
    [
        ("bad-date,Bad date,convention,international,1990-13-01,,,", "adopted_on", "1990-13-01"),
        ("bad-year,Bad year,convention,international,1990,,,", "adopted_on", "1990"),
        ("no-title,,convention,international,,,,", "title_en", "required"),
        ("bad-kind,Bad kind,treaty,international,,,,", "kind", "treaty"),
        ("bad-level,Bad level,convention,planetary,,,,", "level", "planetary"),
        (
            "bad-theme,Bad theme,convention,international,,no-such-theme,,",
            "themes",
            "no-such-theme",
        ),
        ("bad-url,Bad URL,convention,international,,,not an address,", "text_url_en", "URL"),
        ("bad-parent,Bad parent,protocol,international,,,,nowhere", "parent", "nowhere"),
    ],
)
def test_a_bad_instrument_row_is_reported_and_nothing_of_it_written(row, column, quoted):
    header = "slug,title_en,kind,level,adopted_on,themes,text_url_en,parent"
    text = f"{header}\nfine,A fine instrument,convention,international,,,,\n{row}\n"

    report = run(text)

    assert report.created == 1
    ((line, reason),) = report.rejected
    assert line == 3
    assert reason.startswith(f"{column}:")
    assert quoted in reason
    assert not Instrument.objects.filter(slug=row.split(",")[0]).exists()


def test_a_constraint_gives_its_own_message():
    text = (
        "slug,title_en,kind,level,region,adopted_on,in_force_on\n"
        "regional-only,Region but international,convention,international,150,,\n"
        "backwards,In force before adoption,convention,international,,2000-01-01,1999-01-01\n"
    )

    report = run(text)

    assert report.rejected == [
        (2, "Only a regional instrument has a region."),
        (3, "It cannot enter into force before its adoption."),
    ]
    assert not Instrument.objects.filter(slug__in=["regional-only", "backwards"]).exists()


def test_a_bad_row_leaves_an_existing_instrument_as_it_was():
    run(INSTRUMENTS)
    before = Instrument.objects.get(slug="test-convention")

    report = run(
        "slug,title_en,description_en,adopted_on,themes\n"
        "test-convention,A new title,A new description,1990-12-18,no-such-theme\n"
    )

    assert len(report.rejected) == 1
    after = Instrument.objects.get(slug="test-convention")
    assert (after.title_en, after.description_en, after.updated) == (
        before.title_en,
        before.description_en,
        before.updated,
    )
    assert after.themes.count() == 2


@pytest.mark.parametrize(
    ("row", "column", "quoted"),
    [
        ("test-convention,BR,2004-02-30,,,", "signed_on", "2004-02-30"),
        ("test-convention,XX,,2004-02-01,ratification,", "country", "XX"),
        ("test-convention,AQ,,2004-02-01,ratification,", "country", "AQ"),  # not a State
        ("no-such-instrument,BR,,2004-02-01,ratification,", "instrument", "no-such-instrument"),
        ("test-convention,BR,,2004-02-01,adoption,", "consent_kind", "adoption"),
        ("test-convention,BR,,2004-02-01,ratification,not an address", "source", "URL"),
    ],
)
def test_a_bad_party_row_is_reported_and_nothing_of_it_written(row, column, quoted):
    run(INSTRUMENTS)
    text = f"instrument,country,signed_on,consent_on,consent_kind,source\n{row}\n"

    report = run(text)

    ((line, reason),) = report.rejected
    assert line == 2
    assert reason.startswith(f"{column}:")
    assert quoted in reason
    assert not Participation.objects.filter(country=row.split(",")[1]).exists()


def test_a_consent_before_the_signature_is_refused():
    run(INSTRUMENTS)

    report = run(
        "instrument,country,signed_on,consent_on,consent_kind\n"
        "test-convention,BR,2005-01-01,2004-01-01,ratification\n"
    )

    assert report.rejected == [(2, "The consent cannot come before the signature.")]
    assert not Participation.objects.filter(instrument__slug="test-convention").exists()


def test_an_unknown_column_rejects_the_file():
    report = run("slug,title_en,kind,level,titel_fr\nx,X,convention,international,Y\n")

    assert report.rejected == [(1, "Unknown columns: titel_fr.")]
    assert not Instrument.objects.filter(slug="x").exists()


def test_a_file_of_neither_kind_is_rejected():
    report = run("name,year\nx,2000\n")

    assert report.rejected[0][0] == 1
    assert "slug" in report.rejected[0][1]


def test_missing_optional_columns_keep_the_values_recorded():
    run(INSTRUMENTS)

    report = run("slug,title_fr\ntest-convention,Convention de test révisée\n")

    assert (report.updated, report.rejected) == (1, [])
    convention = Instrument.objects.get(slug="test-convention")
    assert convention.title_fr == "Convention de test révisée"
    assert convention.title_en == "Test Convention on Migrants"
    assert convention.themes.count() == 2


def test_the_command_imports_the_good_rows_and_exits_with_an_error(tmp_path):
    path = write(
        tmp_path,
        "slug,title_en,kind,level,adopted_on\n"
        "good,Good,convention,international,2000-01-01\n"
        "bad,Bad,convention,international,2000-01-32\n",
        "mixed.csv",
    )
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="1 row rejected"):
        call_command("import_instruments", path, stdout=out, stderr=err)

    assert Instrument.objects.filter(slug="good").exists()
    assert not Instrument.objects.filter(slug="bad").exists()
    assert "1 created, 0 updated, 0 unchanged, 1 rejected" in out.getvalue()
    assert f"{path}, line 3: adopted_on:" in err.getvalue()


def test_a_byte_order_mark_is_not_part_of_the_first_column(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_text("slug,title_en,kind,level\nbom,BOM,convention,international\n", "utf-8-sig")

    call_command("import_instruments", str(path), stdout=StringIO())

    assert Instrument.objects.filter(slug="bom").exists()


def test_every_reason_of_a_row_is_reported_at_once():
    report = run(
        "slug,title_en,kind,level,adopted_on,themes\n"
        "many,,convention,international,2000-02-30,no-such-theme\n"
    )

    ((line, reason),) = report.rejected
    assert line == 2
    for expected in ("adopted_on: “2000-02-30”", "themes: unknown theme", "title_en: required"):
        assert expected in reason
