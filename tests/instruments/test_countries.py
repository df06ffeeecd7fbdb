"""The countries' pages of the Migration Law Database: every country with the number of
instruments it is party to, and each country's page (its instruments with their dates, what it
only signed, the core treaties it has not joined, its national laws and bilateral agreements),
in English, French and Spanish, with a flat number of queries; and the contact form that a
country's page opens with the country chosen."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from iml_portal import countries
from iml_portal.models import Publishable
from instruments.models import ConsentKind, Instrument, Kind, Level, Participation
from tests.conftest import LANGUAGES
from tests.instruments.builders import (
    make_concerned,
    make_instrument,
    make_instruments,
    make_party,
    make_signatory,
)

pytestmark = pytest.mark.django_db

NIGERIA = {"en": "Nigeria", "fr": "Nigéria", "es": "Nigeria"}
FRANCE = {"en": "France", "fr": "France", "es": "Francia"}
DATES = {  # 4 March 1999 and 5 June 2001, as each language writes them
    "en": ("March 4, 1999", "June 5, 2001"),
    "fr": ("4 mars 1999", "5 juin 2001"),
    "es": ("4 de marzo de 1999", "5 de junio de 2001"),
}


def text(response):
    """The page's main content as plain text, tags and runs of white space removed."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def section(response, heading_id):
    html = response.content.decode()
    start = html.index(f'id="{heading_id}"')
    end = html.index("</section>", start)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[start:end]))


@pytest.fixture
def nigeria():
    """Nigeria: party to a core convention (signed, then ratified), signatory of another core
    convention, not party to a third; a national law and a bilateral agreement with France."""
    Instrument.objects.update(is_core=False)  # the seed's own core treaties aside
    ratified = make_instrument(title="Alpha convention on migrant workers", is_core=True)
    make_party(
        ratified,
        "NG",
        signed_on=datetime.date(1999, 3, 4),
        consent_on=datetime.date(2001, 6, 5),
    )
    signed = make_instrument(title="Beta protocol on smuggling", is_core=True)
    make_signatory(signed, "NG", signed_on=datetime.date(1999, 3, 4))
    missing = make_instrument(title="Gamma convention on statelessness", is_core=True)
    make_party(missing, "FR")
    law = make_instrument(
        title="Nigerian immigration act", kind=Kind.NATIONAL_LAW, level=Level.NATIONAL
    )
    make_concerned(law, "NG")
    agreement = make_instrument(
        title="Agreement on labour mobility", kind=Kind.BILATERAL, level=Level.BILATERAL
    )
    make_concerned(agreement, "NG", "FR")
    draft = make_instrument(title="Delta draft treaty", status=Publishable.Status.DRAFT)
    make_party(draft, "NG")
    return {
        "ratified": ratified,
        "signed": signed,
        "missing": missing,
        "law": law,
        "agreement": agreement,
        "draft": draft,
    }


# The list


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_list_shows_every_country_in_the_language_with_its_count(client, nigeria, language):
    response = client.get(f"/{language}/countries/")

    assert response.status_code == 200
    html = response.content.decode()
    rows = re.findall(r'<tr id="country-([a-z]{2})">\s*<th scope="row"><a href="([^"]+)">', html)
    assert {code for code, _href in rows} == {code.lower() for code in countries.NAMES}
    assert (f'href="/{language}/countries/ng/">{NIGERIA[language]}</a>') in html
    public_parties = Participation.objects.parties().filter(instrument__status="published")
    for code in ("NG", "FR"):
        row = re.search(rf'<tr id="country-{code.lower()}">.*?</tr>', html, re.S).group()
        assert f"<td>{public_parties.filter(country=code).count()}</td>" in row
    # A country party to nothing is listed, with 0.
    nothing = sorted(set(countries.NAMES) - set(public_parties.values_list("country", flat=True)))
    row = re.search(rf'<tr id="country-{nothing[0].lower()}">.*?</tr>', html, re.S).group()
    assert "<td>0</td>" in row


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_list_is_grouped_by_region_and_sorted_by_name_in_the_language(client, language):
    html = client.get(f"/{language}/countries/").content.decode()

    sections = re.findall(r'<section aria-labelledby="region-(\d{3})">(.*?)</section>', html, re.S)
    assert len(sections) == 5
    for region, body in sections:
        codes = re.findall(r'<tr id="country-([a-z]{2})">', body)
        assert {countries.region(code.upper()) for code in codes} == {region}
        names = [countries.NAMES[code.upper()][language] for code in codes]
        keys = [countries.sort_key(type("C", (), {"name": name})) for name in names]
        assert keys == sorted(keys)
    assert "<caption>" in html and '<th scope="col">' in html


def test_the_list_counts_in_one_query_whatever_the_number_of_parties(client):
    def queries():
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/countries/").status_code == 200
        return len(captured)

    before = queries()
    make_instruments(50, parties=list(countries.NAMES)[:60])
    assert queries() == before <= 10


def test_the_list_counts_once_then_reuses_the_counts_until_an_edit(client, nigeria):
    def nigeria_count(html):
        row = re.search(r'<tr id="country-ng">.*?</tr>', html, re.S).group()
        return int(re.search(r"<td>(\d+)</td>", row).group(1))

    with CaptureQueriesContext(connection) as first:
        before = nigeria_count(client.get("/en/countries/").content.decode())
    with CaptureQueriesContext(connection) as again:
        assert nigeria_count(client.get("/fr/countries/").content.decode()) == before
    # The counts, kept under the content generation, serve every language.
    counting = [q for q in first.captured_queries if "COUNT(" in q["sql"]]
    assert len(counting) == 1
    assert not [q for q in again.captured_queries if "COUNT(" in q["sql"]]

    make_party(make_instrument(title="Epsilon convention"), "NG")  # an edit: shown at once
    assert nigeria_count(client.get("/es/countries/").content.decode()) == before + 1


# A country's page


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_country_page_shows_what_it_is_party_to_with_the_dates(client, nigeria, language):
    response = client.get(f"/{language}/countries/ng/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{NIGERIA[language]}</h1>" in html
    signed_on, consent_on = DATES[language]
    parties = section(response, "parties")
    assert "Alpha convention on migrant workers" in parties
    assert signed_on in parties and consent_on in parties
    with translation.override(language):
        assert str(ConsentKind.RATIFICATION.label) in parties
    assert 'datetime="2001-06-05"' in html
    assert "Delta draft treaty" not in text(response)  # not public
    signed = section(response, "signed")
    assert "Beta protocol on smuggling" in signed and signed_on in signed
    assert "Beta protocol" not in parties


def test_a_title_missing_in_every_language_shows_empty_not_none(client, nigeria):
    """Only SQL can leave the English title NULL (the admin and the importer require it): the
    link is then empty, as modeltranslation gives it, never the word None."""
    Instrument.objects.filter(pk=nigeria["ratified"].pk).update(title_en=None, title_fr="")

    response = client.get("/fr/countries/ng/")

    assert response.status_code == 200
    assert f'href="/fr/instruments/{nigeria["ratified"].slug}/" lang="en"></a>' in (
        response.content.decode()
    )
    assert "None" not in section(response, "parties")


def test_a_consent_kind_outside_the_choices_is_shown_as_it_is_not_a_500(client, nigeria):
    """Written around the model's validation (SQL, an old import): shown as the model's
    get_consent_kind_display() shows it."""
    Participation.objects.filter(instrument=nigeria["ratified"], country="NG").update(
        consent_kind="definitive"
    )

    response = client.get("/fr/countries/ng/")

    assert response.status_code == 200
    assert "definitive" in section(response, "parties")


def test_a_country_page_shows_titles_in_its_language_or_in_english_and_sorts_them(client):
    """Each title in the page's language with its short title, the English one (marked
    lang="en") where there is none, and the order blind to accents and case."""
    for title_en, title_fr, short_fr, slug in [
        ("Zulu convention", "Écoles convention", "EC", "ecoles"),
        ("Alpha treaty", "", "", "english-only"),
        ("Mike protocol", "droits protocol", "", "droits"),
        ("Echo accord", "Égalité accord", "", "egalite"),
    ]:
        instrument = make_instrument(
            title_en=title_en, title_fr=title_fr, title_es="", short_title_fr=short_fr, slug=slug
        )
        make_party(instrument, "NG")

    html = client.get("/fr/countries/ng/").content.decode()
    parties = html[
        html.index('id="parties"') : html.index("</section>", html.index('id="parties"'))
    ]

    links = re.findall(r'<a href="/fr/instruments/([^/]+)/" lang="(\w+)">([^<]+)</a>', parties)
    ours = {"english-only", "droits", "ecoles", "egalite"}  # the seed's treaties aside
    assert [link for link in links if link[0] in ours] == [
        ("english-only", "en", "Alpha treaty"),
        ("droits", "fr", "droits protocol"),
        ("ecoles", "fr", "Écoles convention"),
        ("egalite", "fr", "Égalité accord"),
    ]
    assert "Écoles convention</a> (EC)" in parties


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_country_page_lists_the_core_treaties_it_has_not_joined(client, nigeria, language):
    response = client.get(f"/{language}/countries/ng/")

    core = section(response, "core")
    assert "Gamma convention on statelessness" in core
    assert "Beta protocol on smuggling" in core  # signed only: not joined
    assert "Alpha convention" not in core
    assert f'href="/{language}/instruments/{nigeria["missing"].slug}/"' in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_country_page_lists_its_laws_and_bilateral_agreements(client, nigeria, language):
    response = client.get(f"/{language}/countries/ng/")

    assert "Nigerian immigration act" in section(response, "national")
    agreements = section(response, "agreements")
    assert "Agreement on labour mobility" in agreements
    assert FRANCE[language] in agreements  # the other State, in the page's language
    assert f'href="/{language}/countries/fr/"' in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_country_party_to_every_core_treaty_says_so(client, nigeria, language):
    make_party(nigeria["missing"], "NG")
    make_party(nigeria["signed"], "FR")
    Participation.objects.filter(instrument=nigeria["signed"], country="NG").update(
        is_party=True, consent_on=datetime.date(2002, 1, 1)
    )

    core = section(client.get(f"/{language}/countries/ng/"), "core")

    assert NIGERIA[language] in core
    assert "Gamma" not in core and "Beta" not in core


def test_the_support_link_opens_the_contact_form_with_the_country_chosen(client, nigeria):
    html = client.get("/fr/countries/ng/").content.decode()

    assert 'href="/fr/contact/?country=ng"' in html
    form = client.get("/fr/contact/?country=ng").content.decode()
    assert re.search(r'<option value="NG" selected>Nigéria</option>', form)
    assert 'href="/fr/contact/?type=ratification&amp;country=ng"' in html


@pytest.mark.parametrize("value", ["ng", "NG", "Ng"])
def test_the_contact_form_takes_a_country_in_any_case(client, value):
    form = client.get(f"/en/contact/?country={value}").content.decode()
    assert '<option value="NG" selected>Nigeria</option>' in form


@pytest.mark.parametrize("value", ["zz", "AQ", "", "nigeria"])
def test_the_contact_form_ignores_an_unknown_country(client, value):
    response = client.get(f"/en/contact/?country={value}&type=ratification")
    assert response.status_code == 200
    form = response.content.decode()
    choices = form.split('name="country"')[1].split("</select>")[0]
    assert re.findall(r'<option value="([^"]*)" selected>', choices) == [""]
    assert 'value="ratification" id="id_request_type_3" required checked' in form


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_upper_case_code_redirects_to_the_lower_case_address(client, language):
    response = client.get(f"/{language}/countries/NG/")
    assert response.status_code == 301
    assert response["Location"] == f"/{language}/countries/ng/"
    assert client.get(f"/{language}/countries/Ng/")["Location"] == f"/{language}/countries/ng/"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", ["zz", "ZZ", "aq", "xyz", "n"])
def test_an_unknown_code_gets_a_clear_404(client, language, code):
    response = client.get(f"/{language}/countries/{code}/")

    assert response.status_code == 404
    page = text(response)
    quoted = {"en": f"“{code}”", "fr": f"« {code} »", "es": f"«{code}»"}[language]
    assert quoted in page
    assert response.content.decode().count("<h1>") == 1
    assert f'<html lang="{language}"' in response.content.decode()


def test_a_country_page_runs_a_flat_number_of_queries(client, nigeria):
    def queries():
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/countries/ng/").status_code == 200
        return len(captured)

    before = queries()
    many = make_instruments(60, parties=["NG", "FR", "DE", "BR"], is_core=True)
    make_instruments(40, parties=["FR"], is_core=True, prefix="core")
    for instrument in many[:10]:
        make_concerned(instrument, "NG", "FR", "DE")
    after = queries()
    assert after == before <= 10
    assert "Bulk convention core 39" in text(client.get("/en/countries/ng/"))
