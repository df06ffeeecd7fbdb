import pytest

from tests.conftest import LANGUAGES, Page, assert_language_links, url
from trainings.models import Course, Edition

from .factories import days_from_today, make_document, make_edition

pytestmark = pytest.mark.django_db

LIST_HEADINGS = {
    "en": "Training and capacity building",
    "fr": "Formation et renforcement des capacités",
    "es": "Formación y fortalecimiento de capacidades",
}
SANREMO = {
    "en": "IML Course in Sanremo",
    "fr": "Cours de DIM à Sanremo",
    "es": "Curso de DIM en Sanremo",
}
NO_EDITION = {
    "en": "No edition is scheduled at the moment.",
    "fr": "Aucune session n'est prévue pour le moment.",
    "es": "No hay ninguna edición prevista por el momento.",
}


def detail(language, slug="iml-course-sanremo"):
    return url("trainings:detail", language, slug)


def anchors(page, prefix="edition-"):
    """The ids of the editions on a page, in the page's order."""
    ids = [attrs.get("id", "") for _tag, attrs in page._parser.tags]
    return [i for i in ids if i.startswith(prefix) and not i.endswith("-title")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_list_shows_courses_topics_figures_workshops_in_each_language(client, language):
    response = client.get(url("trainings:list", language))

    assert response.status_code == 200
    page = Page(response)
    assert page.lang == language
    assert page.h1 == LIST_HEADINGS[language]
    links = [a["href"] for a in page.elements("a") if a.get("href", "").count("/") == 4]
    # The courses offered today, then the course of 2011 in the history section.
    assert list(dict.fromkeys(links)) == [
        detail(language, slug)
        for slug in ("iml-course-sanremo", "trainings-on-request", "iml-course-new-york")
    ]
    assert SANREMO[language] in page.texts("h3")
    text = page.text()
    expected = {
        "en": [
            "Training for lawyers specialized in legal assistance to migrants.",
            "United Nations Institute for Training and Research (UNITAR)",
            "Alternatives to detention",
            "Business and human rights",
            "Every year since 2005",
            "More than 1,800",
        ],
        "fr": [
            "Formation des avocats spécialisés dans l'assistance juridique aux migrants.",
            "Institut des Nations Unies pour la formation et la recherche (UNITAR)",
            "Alternatives à la détention",
            "Entreprises et droits de l'homme",
            "Chaque année depuis 2005",
            "Plus de 1 800",
        ],
        "es": [
            "Formación de abogados especializados en asistencia jurídica a migrantes.",
            "Instituto de las Naciones Unidas para Formación Profesional e Investigaciones",
            "Alternativas a la detención",
            "Empresas y derechos humanos",
            "Cada año desde 2005",
            "Más de 1.800",
        ],
    }[language]
    for snippet in expected:
        assert snippet in text
    # The framework as a heading, then the six thematic areas.
    assert len(page.elements("h3", id="topic-1")) == 1
    thematic = [li["id"] for li in page.elements("li") if li.get("id", "").startswith("topic-")]
    assert thematic == [f"topic-{pk}" for pk in range(2, 8)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_list_asks_for_a_training_through_the_contact_form_with_the_type_chosen(client, language):
    page = Page(client.get(url("trainings:list", language)))

    assert page.elements("a", href=f"/{language}/contact/?type=training")


@pytest.mark.parametrize("language", LANGUAGES)
def test_course_page_without_editions_says_so_and_how_to_express_interest(client, language):
    page = Page(client.get(detail(language)))

    assert page.h1 == SANREMO[language]
    assert NO_EDITION[language] in page.text()
    assert page.elements("a", href=f"/{language}/contact/?type=training")
    assert anchors(page) == []


def test_course_on_request_explains_it_has_no_dates(client):
    page = Page(client.get(detail("fr", "trainings-on-request")))

    assert page.h1 == "Formations régionales et nationales sur demande"
    assert "Cette formation est organisée sur demande" in page.text()
    assert page.elements("a", href="/fr/contact/?type=training")


def test_new_york_course_links_to_unitar(client):
    page = Page(client.get(detail("en", "iml-course-new-york")))

    href = "http://www.unitar.org/event/migration-and-development-series-course-international-migration-law"
    assert page.elements("a", href=href)
    assert "United Nations Institute for Training and Research (UNITAR)" in page.text()


NEW_YORK = {
    "en": {
        "title": "International Migration Law course in New York",
        "history": "Courses the Unit ran, as of 2011",
        "tag": "As of 2011",
        "note": "A course the Unit ran, as the Unit's description of 2011 gives it",
        "partners": "Partners as of 2011",
        "every_year": ["Every year", "every year", "yearly", "Frequency"],
    },
    "fr": {
        "title": "Cours sur le droit international de la migration à New York",
        "history": "Cours que l'Unité a dispensés, en 2011",
        "tag": "En 2011",
        "note": "Un cours que l'Unité a dispensé, d'après sa description de 2011",
        "partners": "Partenaires en 2011",
        "every_year": ["Chaque année", "chaque année", "annuel", "Fréquence"],
    },
    "es": {
        "title": "Curso de Derecho Internacional sobre Migración en Nueva York",
        "history": "Cursos que la Unidad impartió, en 2011",
        "tag": "En 2011",
        "note": "Un curso que la Unidad impartió, según su descripción de 2011",
        "partners": "Socios en 2011",
        "every_year": ["Cada año", "cada año", "anual", "Periodicidad"],
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_new_york_course_is_a_course_of_2011_not_a_yearly_one(client, language):
    words = NEW_YORK[language]
    listing = Page(client.get(url("trainings:list", language)))

    assert words["title"] not in listing.section("courses")
    history = listing.section("history")
    assert words["history"] in listing.texts("h3")
    assert words["title"] in history and words["tag"] in history
    # UNITAR, its partner, is a partner of 2011 only.
    assert words["partners"] in listing.texts("h3")
    assert "UNITAR" in history and "UNITAR" not in listing.section("partners")

    page = Page(client.get(detail(language, "iml-course-new-york")))
    assert page.h1 == words["title"]
    assert words["note"] in page.text()
    main = page.text().split(page.h1, 1)[1]
    for word in words["every_year"]:
        assert word not in main, word
    # No "no edition is scheduled" notice nor "express your interest" for a course of 2011.
    assert NO_EDITION[language] not in page.text()
    assert page.section("upcoming") == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_new_york_course_says_nothing_the_documents_do_not(client, language):
    text = Page(client.get(detail(language, "iml-course-new-york"))).text()

    for phrase in [
        "Migration and Development",
        "migration et le développement",
        "migración y desarrollo",
    ]:
        assert phrase not in text


def test_unknown_course_is_a_404(client):
    assert client.get(detail("en", "no-such-course")).status_code == 404


def test_upcoming_editions_soonest_first_and_past_ones_most_recent_first(client):
    later = make_edition(starts_in=90)
    sooner = make_edition(starts_in=10)
    today = make_edition(starts_in=-3, days=4)  # ends today: still upcoming
    old = make_edition(starts_in=-400)
    recent = make_edition(starts_in=-30)
    yesterday = make_edition(starts_in=-5, days=5)  # ended yesterday: past

    page = Page(client.get(detail("en")))

    upcoming = [today, sooner, later]
    past = [yesterday, recent, old]
    assert anchors(page) == [e.anchor for e in upcoming + past]
    assert NO_EDITION["en"] not in page.text()
    assert page.texts("h2")[:2] == ["Upcoming editions", "Past editions"]
    # Only upcoming editions offer a calendar file.
    ics_links = [a["href"] for a in page.elements("a") if a.get("href", "").endswith(".ics")]
    assert ics_links == [f"/en/trainings/iml-course-sanremo/editions/{e.pk}.ics" for e in upcoming]


def test_only_past_editions_still_says_none_is_scheduled(client):
    make_edition(starts_in=-60)

    page = Page(client.get(detail("es")))

    assert NO_EDITION["es"] in page.text()
    assert "Ediciones anteriores" in page.texts("h2")


def test_upcoming_edition_shows_the_practical_details(client):
    edition = make_edition(
        starts_in=60,
        language="fr",
        format=Edition.Format.HYBRID,
        admission=Edition.Admission.APPLICATION,
        application_deadline=days_from_today(20),
        registration_open=True,
        registration_url="https://example.org/apply",
        fee_amount="1250.00",
        fee_currency="EUR",
        certificate=True,
        audience_en="Government officials",
        contact_email="course@example.org",
    )

    page = Page(client.get(detail("en")))
    text = page.text()

    for snippet in [
        "Language French",
        "Format Hybrid (in person and online)",
        "Audience Government officials",
        "Fee 1,250 EUR",
        "How to join Application and selection",
        "Registration Open",
        "Certificate Yes",
    ]:
        assert snippet in text
    (deadline,) = page.elements("time", datetime=edition.application_deadline.isoformat())
    assert page.elements("a", href="https://example.org/apply")
    assert page.elements("a", href="mailto:course@example.org")


def test_registration_closes_after_the_deadline_or_when_staff_close_it(client):
    make_edition(
        starts_in=10,
        registration_open=True,
        application_deadline=days_from_today(-1),
        registration_url="https://example.org/late",
    )
    make_edition(starts_in=40, registration_open=False, registration_url="https://example.org/no")
    make_edition(
        starts_in=70,
        is_free=True,
        admission=Edition.Admission.REGISTRATION,
        registration_open=True,
        registration_url="https://example.org/yes",
    )

    page = Page(client.get(detail("fr")))
    text = page.text()

    assert text.count("Inscription Fermée") == 2
    assert text.count("Inscription Ouverte") == 1
    assert "Frais Gratuit" in text
    assert "Modalités de participation Inscription libre" in text
    hrefs = {a.get("href") for a in page.elements("a")}
    assert "https://example.org/yes" in hrefs
    assert not {"https://example.org/late", "https://example.org/no"} & hrefs


def test_contact_defaults_to_the_units_address(client):
    make_edition(starts_in=10)

    page = Page(client.get(detail("en")))

    assert len(page.elements("a", href="mailto:iml@iom.int")) == 2  # the edition and the footer


def test_past_editions_keep_their_documents(client):
    edition = make_edition(starts_in=-100)
    make_document(edition, kind="information_note", order=1)
    make_document(edition, kind="programme", order=2, title_en="Final programme")

    page = Page(client.get(detail("en")))

    links = [a for a in page.elements("a") if a.get("href", "").startswith("https://example.org")]
    assert [a["href"] for a in links] == [
        f"https://example.org/{edition.pk}/information_note.pdf",
        f"https://example.org/{edition.pk}/programme.pdf",
    ]
    assert "Information note" in page.text()
    assert "Final programme" in page.text()


def test_list_card_shows_the_next_edition(client):
    make_edition(starts_in=-20)
    nxt = make_edition(starts_in=15)
    make_edition(starts_in=200)

    page = Page(client.get(url("trainings:list", "en")))

    times = [t["datetime"] for t in page.elements("time")]
    assert times[0] == nxt.start_date.isoformat()
    assert "Next edition:" in page.text()


def test_edition_view_on_site_points_to_its_anchor(client):
    edition = make_edition(starts_in=5)

    path, _, anchor = edition.get_absolute_url().partition("#")
    assert f'id="{anchor}"' in client.get(path).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_course_page_alternates_and_switcher_keep_the_slug(client, language):
    paths = {code: detail(code) for code in LANGUAGES}

    assert paths["fr"] == "/fr/trainings/iml-course-sanremo/"
    assert_language_links(client, paths, language)


def _count_queries(client, django_assert_max_num_queries, path, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_query_counts_stay_flat_as_editions_grow(client, django_assert_max_num_queries):
    for starts_in in (-50, 50):
        make_document(make_edition(starts_in=starts_in))
    small = {
        path: _count_queries(client, django_assert_max_num_queries, path, 10)
        for path in (detail("en"), url("trainings:list", "en"))
    }

    for i in range(1, 16):
        for starts_in in (-50 - i * 30, 50 + i * 30):
            edition = make_edition(starts_in=starts_in)
            make_document(edition)
            make_document(edition, kind="information_note")
        make_edition("iml-course-new-york", starts_in=i * 20)

    for path, count in small.items():
        assert _count_queries(client, django_assert_max_num_queries, path, 10) == count


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_draft_course_is_in_no_section_nor_in_the_figures(client, language):
    Course.objects.filter(slug__in=["iml-course-new-york", "iml-course-sanremo"]).update(
        status=Course.Status.DRAFT
    )

    listing = Page(client.get(url("trainings:list", language)))
    assert NEW_YORK[language]["title"] not in listing.text()
    assert listing.section("figures") == ""
    assert SANREMO[language] not in listing.text()
    what_we_do = Page(client.get(url("units:what_we_do", language)))
    assert what_we_do.section("figures") == ""


def test_the_list_is_read_once_then_shown_until_an_edit(client, django_assert_max_num_queries):
    path = url("trainings:list", "en")
    first = _count_queries(client, django_assert_max_num_queries, path, 10)
    # Its content is kept under the content generation, the language and today's date: the
    # same page again reads only what the layout needs.
    again = _count_queries(client, django_assert_max_num_queries, path, 10)
    assert again < first - 4
    assert SANREMO["en"] in client.get(path).text

    course = Course.objects.get(slug="iml-course-sanremo")
    course.title_en = "IML Course in Sanremo, renamed"
    course.save()
    assert "IML Course in Sanremo, renamed" in client.get(path).text
    assert "Cours de DIM à Sanremo" in client.get(url("trainings:list", "fr")).text
