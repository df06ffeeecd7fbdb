"""Visitors' and staff members' journeys through the site in a real browser, by clicking the
site's own links and sending its own forms: every page type in English, French and Spanish,
the language switcher, the catalogue's filters and search (with and without JavaScript), a
contact request from the form to the admin inbox, and an edit in the admin that shows at once
on the public page."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from contact.models import ContactRequest
from iml_portal.search import expand
from publications.models import Publication
from tests.browser.names import (
    BRAND,
    CLEAR_FILTERS,
    MIGRATION_LAW_DATABASE,
    NAVIGATION,
    RELEVANCE,
    RESULTS,
    by_role,
    catalogue_form,
    contact_form,
    facet_option,
    language_link,
    main_navigation,
    navigation_link,
    reply_language,
    request_type,
)
from tests.conftest import LANGUAGES
from tests.trainings.factories import make_edition
from tests.units.test_pages import HEADINGS as UNIT_HEADINGS

# Options of the catalogue's filters, as each language names them.
SERIES = {
    "en": "International Migration Law series",
    "fr": "Série Droit international de la migration",
    "es": "Serie Derecho Internacional sobre Migración",
}
ENGLISH = {"en": "English", "fr": "Anglais", "es": "Inglés"}
FRENCH = {"en": "French", "fr": "Français", "es": "Francés"}
HUMAN_RIGHTS = {"en": "Human rights", "fr": "Droits de l'homme", "es": "Derechos humanos"}

# The <h1> of each page, in each language (the Unit's pages: as their own tests know them).
H1 = {
    "home": UNIT_HEADINGS["units:home"],
    "about": UNIT_HEADINGS["units:about"],
    "team": UNIT_HEADINGS["units:team"],
    "what-we-do": UNIT_HEADINGS["units:what_we_do"],
    "research": UNIT_HEADINGS["units:research"],
    "publications": {"en": "Publications", "fr": "Publications", "es": "Publicaciones"},
    "instruments": MIGRATION_LAW_DATABASE,
    "series": {
        "en": "International Migration Law series",
        "fr": "Série Droit international de la migration",
        "es": "Serie Derecho Internacional sobre Migración",
    },
    "trainings": {
        "en": "Training and capacity building",
        "fr": "Formation et renforcement des capacités",
        "es": "Formación y fortalecimiento de capacidades",
    },
    "course": {
        "en": "IML Course in Sanremo",
        "fr": "Cours de DIM à Sanremo",
        "es": "Curso de DIM en Sanremo",
    },
    "contact": {
        "en": "Contact the IML Unit",
        "fr": "Contacter l'Unité DIM",
        "es": "Contactar con la Unidad DIM",
    },
    "thanks": {
        "en": "Thank you, we have received your request",
        "fr": "Merci, nous avons bien reçu votre demande",
        "es": "Gracias, hemos recibido su solicitud",
    },
    "status": {
        "en": "Status of your request",
        "fr": "Suivi de votre demande",
        "es": "Estado de su solicitud",
    },
    "not-found": {"en": "Page not found", "fr": "Page introuvable", "es": "Página no encontrada"},
}
# What the journeys follow beyond the header and the forms (see tests/browser/names.py).
NAMES = {
    # The home page's cards, in the "Explore" section.
    "explore": {"en": "Explore", "fr": "Découvrir", "es": "Explorar"},
    "ask-for-support": {
        "en": "Ask for support",
        "fr": "Demander un appui",
        "es": "Solicitar apoyo",
    },
    # The back link of a publication and a series (its arrow is drawn by the stylesheet).
    "all-publications": {
        "en": "All publications",
        "fr": "Toutes les publications",
        "es": "Todas las publicaciones",
    },
    "pages": {"en": "Pages", "fr": "Pages", "es": "Páginas"},
    "next-page": {"en": "Next page", "fr": "Page suivante", "es": "Página siguiente"},
    "courses": {
        "en": "Courses and trainings",
        "fr": "Cours et formations",
        "es": "Cursos y formaciones",
    },
    "past-editions": {
        "en": "Past editions",
        "fr": "Sessions précédentes",
        "es": "Ediciones anteriores",
    },
    "breadcrumb": {"en": "Breadcrumb", "fr": "Fil d'Ariane", "es": "Ruta de navegación"},
    "browse-publications": {
        "en": "Browse the publications",
        "fr": "Parcourir les publications",
        "es": "Consultar las publicaciones",
    },
}
GLOSSARY = "International Migration Law N°1 - Glossary on Migration"


def expect_page(page, language, heading):
    """The page is in `language` and has exactly one <h1>, `heading`."""
    # The page's language is an attribute of <html>, which has no role of its own.
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def expect_results(page, count, language):
    word = {"en": "publication", "fr": "publication", "es": "publicación"}[language]
    if count != 1:
        word = {"en": "publications", "fr": "publications", "es": "publicaciones"}[language]
    expect(page.get_by_role("status")).to_have_text(re.compile(rf"^\s*{count} {word}\b"))


def result_titles(page, language):
    """The links of the publications listed in the catalogue's results, one per row."""
    results = by_role(page, "region", RESULTS[language])
    return results.get_by_role("heading", level=3).get_by_role("link")


def query(page):
    return parse_qs(urlsplit(page.url).query)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_visitor_reaches_every_page_type_through_the_sites_links(
    content, live_server, page, language
):
    make_edition("iml-course-sanremo", starts_in=45)
    make_edition("iml-course-sanremo", starts_in=-400)
    page.goto(f"{live_server.url}/{language}/")
    expect_page(page, language, H1["home"][language])

    # The main navigation, entry by entry; the entry of the current page says so.
    expect(main_navigation(page, language).get_by_role("link")).to_have_text(
        [names[language] for names in NAVIGATION.values()]
    )
    for page_type in NAVIGATION:
        navigation_link(page, language, page_type).click()
        expect_page(page, language, H1[page_type][language])
        expect(navigation_link(page, language, page_type)).to_have_attribute("aria-current", "page")

    # Home page cards, the catalogue's pages and rows, a publication's series, a series' rows.
    home = navigation_link(page, language, "home")
    cards = by_role(page, "region", NAMES["explore"][language])
    home.click()
    by_role(cards, "link", NAVIGATION["publications"][language]).click()
    expect_page(page, language, H1["publications"][language])
    newest = result_titles(page, language).first
    newest_title = newest.inner_text()
    newest.click()
    expect_page(page, language, newest_title)
    page.get_by_role("link", name=NAMES["all-publications"][language]).click()
    pages = by_role(page, "navigation", NAMES["pages"][language])
    by_role(pages, "link", NAMES["next-page"][language]).click()
    expect(page).to_have_url(re.compile(r"\?page=2$"))
    page.get_by_role("link", name=GLOSSARY, exact=True).click()
    expect_page(page, language, GLOSSARY)
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "en")
    by_role(page.get_by_role("article"), "link", H1["series"][language]).click()
    expect_page(page, language, H1["series"][language])
    second = page.get_by_role("main").get_by_role("heading", level=3).get_by_role("link").nth(1)
    second_title = second.inner_text()
    second.click()
    expect_page(page, language, second_title)

    # The trainings: a course card, the course's editions, the breadcrumb back.
    home.click()
    by_role(cards, "link", NAVIGATION["trainings"][language]).click()
    expect_page(page, language, H1["trainings"][language])
    courses = by_role(page, "region", NAMES["courses"][language])
    by_role(courses, "link", H1["course"][language]).click()
    expect_page(page, language, H1["course"][language])
    expect(page.get_by_role("article")).to_have_count(1)  # the upcoming edition
    past_editions = by_role(page, "region", NAMES["past-editions"][language])
    expect(past_editions.get_by_role("listitem")).to_have_count(1)
    breadcrumb = by_role(page, "navigation", NAMES["breadcrumb"][language])
    by_role(breadcrumb, "link", NAVIGATION["trainings"][language]).click()
    expect_page(page, language, H1["trainings"][language])

    # The contact form, from the home page's third card and from the footer.
    home.click()
    by_role(cards, "link", NAMES["ask-for-support"][language]).click()
    expect_page(page, language, H1["contact"][language])
    by_role(page.get_by_role("contentinfo"), "link", H1["contact"][language]).click()
    expect_page(page, language, H1["contact"][language])
    # The brand goes home.
    by_role(page.get_by_role("banner"), "link", BRAND[language]).click()
    expect_page(page, language, H1["home"][language])

    # An address that leads nowhere says so, and its links lead back.
    page.goto(f"{live_server.url}/{language}/no-such-page/")
    expect_page(page, language, H1["not-found"][language])
    by_role(page.get_by_role("main"), "link", NAMES["browse-publications"][language]).click()
    expect_page(page, language, H1["publications"][language])


@pytest.mark.parametrize(
    "path",
    [
        "/publications/international-migration-law-n1-glossary-on-migration/",
        "/publications/?series=international-migration-law&language=en&year_from=2005",
        "/trainings/iml-course-sanremo/",
    ],
)
def test_the_language_switcher_keeps_the_visitor_on_the_same_page(content, live_server, page, path):
    page.goto(f"{live_server.url}/en{path}")
    heading = page.get_by_role("heading", level=1).inner_text()
    status = page.get_by_role("status")
    count = status.inner_text().split()[0] if status.count() else None

    current = "en"
    for language in ["fr", "es", "en"]:
        language_link(page, current, language).click()
        current = language
        expect(page).to_have_url(f"{live_server.url}/{language}{path}")
        expect(page.locator("html")).to_have_attribute("lang", language)  # no role: see above
        expect(language_link(page, language, language)).to_have_attribute("aria-current", "true")
        if "/trainings/" in path:
            expect(page.get_by_role("heading", level=1)).to_have_text(H1["course"][language])
        elif "?" in path:
            expect_results(page, int(count), language)
            form = catalogue_form(page, language)
            expect(facet_option(form, "series", SERIES[language])).to_be_checked()
            expect(form["year_from"]).to_have_value("2005")
        else:
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)


@pytest.mark.parametrize(
    ("language", "javascript"), [("en", True), ("es", False)], ids=["en-js", "es-no-js"]
)
def test_filtering_and_searching_the_catalogue_through_its_form(
    content, live_server, browser, language, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    form = catalogue_form(page, language)
    clear_filters = by_role(page, "link", CLEAR_FILTERS[language])
    everything = Publication.objects.count()
    page.goto(f"{live_server.url}/{language}/publications/")
    expect_results(page, everything, language)
    expect(clear_filters).to_have_count(0)

    # Choose a series, two languages, a theme and years, and send the form.
    facet_option(form, "series", SERIES[language]).check()
    facet_option(form, "language", ENGLISH[language]).check()
    facet_option(form, "language", FRENCH[language]).check()
    facet_option(form, "theme", HUMAN_RIGHTS[language]).check()
    form["year_from"].select_option("2005")
    form["year_to"].select_option("2009")
    form["submit"].click()

    expected = Publication.objects.filter(
        series__slug="international-migration-law",
        language__in=["en", "fr"],
        themes__slug="human-rights",
        year__range=(2005, 2009),
    ).ordered("newest", terms="", language=language)
    assert 1 < expected.count() < everything
    expect_results(page, expected.count(), language)
    expect(result_titles(page, language)).to_have_text(
        list(expected.values_list("title", flat=True))
    )
    assert {
        key: value
        for key, value in query(page).items()
        if key in {"series", "language", "theme", "year_from", "year_to"}
    } == {
        "series": ["international-migration-law"],
        "language": ["en", "fr"],
        "theme": ["human-rights"],
        "year_from": ["2005"],
        "year_to": ["2009"],
    }
    expect(facet_option(form, "theme", HUMAN_RIGHTS[language])).to_be_checked()
    expect(facet_option(form, "language", FRENCH[language])).to_be_checked()

    # "Clear filters" goes back to the whole catalogue.
    clear_filters.click()
    expect(page).to_have_url(f"{live_server.url}/{language}/publications/")
    expect_results(page, everything, language)

    # A search, typed and sent with Enter; results by relevance.
    form["q"].fill("glossary")
    form["q"].press("Enter")
    also = expand("glossary").terms  # what the thesaurus adds, as the page searches it
    found = Publication.objects.search("glossary", language, also)
    assert 1 < found.count() < everything
    expect_results(page, found.count(), language)
    assert query(page)["q"] == ["glossary"]
    expect(form["q"]).to_have_value("glossary")
    # The default order, relevance when searching, stays chosen for the next search.
    expect(form["sort"].get_by_role("option", selected=True)).to_have_text(RELEVANCE[language])
    expect(form["sort"]).to_have_value("")
    by_relevance = found.ordered("relevance", terms="glossary", language=language, also=also)
    expect(result_titles(page, language)).to_have_text(
        list(by_relevance.values_list("title", flat=True)[:20])
    )

    # A search that finds nothing says so, and leads back to everything.
    form["q"].fill("zzzzzz")
    form["submit"].click()
    expect_results(page, 0, language)
    expect(result_titles(page, language)).to_have_count(0)
    clear_filters.click()
    expect_results(page, everything, language)
    context.close()


def sign_in_to_the_admin(page, live_server, user):
    """Signs in through the admin's own sign-in page."""
    page.goto(f"{live_server.url}/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.get_by_label("Username:", exact=True).fill(user.username)
    page.get_by_label("Password:", exact=True).fill("correct horse battery staple")
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/admin/")


def open_from_the_admin_index(page, model_name):
    """Follows a model's link in the admin index's table of its app."""
    page.get_by_role("rowheader", name=model_name, exact=True).get_by_role("link").click()


def save_in_the_admin(page):
    page.get_by_role("button", name="Save", exact=True).click()
    success = page.get_by_role("listitem").filter(has_text="was changed successfully")
    expect(success).to_have_count(1)


@pytest.fixture
def staff_member(django_user_model):
    return django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "correct horse battery staple"
    )


def test_a_contact_request_goes_from_the_form_to_the_admin_inbox(
    content, live_server, page, staff_member
):
    # The requester fills in the form, in Spanish.
    page.goto(f"{live_server.url}/es/")
    navigation_link(page, "es", "contact").click()
    expect_page(page, "es", H1["contact"]["es"])
    form = contact_form(page, "es")
    form["name"].fill("Lucía Fernández")
    form["position"].fill("Asesora jurídica")
    form["organization"].fill("Ministerio del Interior")
    form["country"].select_option(label="Colombia")
    form["email"].fill("lucia@example.org")
    request_type(page, "es", "legislation").check()
    form["subject"].fill("Revisión de nuestra ley de migración")
    form["message"].fill("Quisiéramos que la Unidad revise nuestro proyecto de ley.")
    expect(reply_language(page, "es", "es")).to_be_checked()
    form["consent"].check()
    form["submit"].click()

    # The thank-you page shows the reference.
    expect_page(page, "es", H1["thanks"]["es"])
    contact_request = ContactRequest.objects.get()
    expect(page.get_by_text(contact_request.reference, exact=True)).to_be_visible()
    assert re.fullmatch(r"IML-\d{4}-\d{6}", contact_request.reference)

    # The acknowledgement, in Spanish, links to the private status page.
    (acknowledgement,) = [email for email in mail.outbox if email.to == ["lucia@example.org"]]
    status_path = urlsplit(re.search(r"https?://\S+/status/\S+", acknowledgement.body)[0]).path
    page.goto(live_server.url + status_path)
    expect_page(page, "es", H1["status"]["es"])
    facts = page.get_by_role("definition")  # the values of the request's facts
    expect(facts.filter(has_text=contact_request.reference)).to_have_count(1)

    # A staff member finds it in the admin inbox.
    sign_in_to_the_admin(page, live_server, staff_member)
    open_from_the_admin_index(page, "Contact requests")
    row = page.get_by_role("row").filter(has_text=contact_request.reference)
    expect(row).to_have_count(1)
    row.get_by_role("link", name=contact_request.reference).click()

    # What the requester sent is shown, read-only: next to its label, in no form field.
    for fieldset, label, value in [
        ("Requester", "Name", "Lucía Fernández"),
        ("Requester", "Organization or ministry", "Ministerio del Interior"),
        ("Requester", "Email address", "lucia@example.org"),
        ("Request", "Subject", "Revisión de nuestra ley de migración"),
        ("Request", "Message", "Quisiéramos que la Unidad revise nuestro proyecto de ley."),
    ]:
        expect(by_role(page, "group", fieldset)).to_contain_text(f"{label}: {value}")
        expect(page.get_by_label(f"{label}:", exact=True)).to_have_count(0)

    # Its status changes.
    page.get_by_label("Status:", exact=True).select_option("in_progress")
    save_in_the_admin(page)
    contact_request.refresh_from_db()
    assert contact_request.status == ContactRequest.Status.IN_PROGRESS
    expect(page.get_by_role("row").filter(has_text=contact_request.reference)).to_contain_text(
        "In progress"
    )

    # The requester's status page says so, in Spanish.
    page.goto(live_server.url + status_path)
    with translation.override("es"):
        in_progress = str(ContactRequest.Status.IN_PROGRESS.label)
    expect(facts.filter(has_text=in_progress)).to_have_count(1)


def test_a_staff_member_edits_a_french_description_and_sees_it_on_the_french_page(
    content, live_server, browser, page, staff_member
):
    publication = Publication.objects.get(title=GLOSSARY)
    public_page = f"{live_server.url}/fr/publications/{publication.slug}/"
    new_text = "Un glossaire de référence, revu par l'Unité DIM pour cette nouvelle version."
    # A visitor's view puts the French page in the server's page cache; the staff member,
    # not signed in yet, gets it from there.
    visitor = browser.new_context().new_page()
    assert visitor.goto(public_page).headers["x-cache"] == "miss"
    assert page.goto(public_page).headers["x-cache"] == "hit"
    expect(page.get_by_role("article")).not_to_contain_text(new_text)

    # The staff member signs in and edits the French description in its language tab.
    sign_in_to_the_admin(page, live_server, staff_member)
    open_from_the_admin_index(page, "Publications")
    page.get_by_role("link", name=GLOSSARY, exact=True).click()
    # Each translated field has its own tabs, named by language code: the description's
    # come first. Only the chosen tab's field is shown, so the one "Description:" field
    # found is that tab's.
    description_tabs = by_role(page, "group", "About it").get_by_role("tablist").first
    description = by_role(page, "textbox", "Description:")
    expect(description).to_have_value(publication.description_en)
    by_role(description_tabs, "tab", "fr").click()
    expect(description).to_have_value(publication.description_fr)
    description.fill(new_text)
    save_in_the_admin(page)

    # The French page shows it at once: to the staff member (whose browser kept the page
    # from before signing in), and to the visitor, from a page cache that is not stale.
    page.goto(public_page)
    expect(page.get_by_role("article")).to_contain_text(new_text)
    assert visitor.reload().headers["x-cache"] == "miss"
    expect(visitor.get_by_role("article")).to_contain_text(new_text)
    # The other languages keep their own text.
    language_link(page, "fr", "en").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")  # no role: see expect_page
    expect(page.get_by_role("article")).not_to_contain_text(new_text)
    visitor.context.close()
