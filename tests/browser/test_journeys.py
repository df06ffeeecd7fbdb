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
from publications.models import Publication
from tests.conftest import LANGUAGES
from tests.trainings.factories import make_edition
from tests.units.test_pages import HEADINGS as UNIT_HEADINGS

# The <h1> of each page, in each language (the Unit's pages: as their own tests know them).
H1 = {
    "home": UNIT_HEADINGS["units:home"],
    "about": UNIT_HEADINGS["units:about"],
    "team": UNIT_HEADINGS["units:team"],
    "what-we-do": UNIT_HEADINGS["units:what_we_do"],
    "research": UNIT_HEADINGS["units:research"],
    "publications": {"en": "Publications", "fr": "Publications", "es": "Publicaciones"},
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
# The main navigation's entries, in order.
NAVIGATION = [
    "home",
    "about",
    "team",
    "what-we-do",
    "research",
    "publications",
    "trainings",
    "contact",
]
GLOSSARY = "International Migration Law N°1 - Glossary on Migration"


def expect_page(page, language, heading):
    """The page is in `language` and has exactly one <h1>, `heading`."""
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text(heading)


def expect_results(page, count, language):
    word = {"en": "publication", "fr": "publication", "es": "publicación"}[language]
    if count != 1:
        word = {"en": "publications", "fr": "publications", "es": "publicaciones"}[language]
    expect(page.locator("[role=status]")).to_have_text(re.compile(rf"^\s*{count} {word}\b"))


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
    main_nav = page.locator("nav.main-nav a")
    expect(main_nav).to_have_count(len(NAVIGATION))
    for index, page_type in enumerate(NAVIGATION):
        main_nav.nth(index).click()
        expect_page(page, language, H1[page_type][language])
        expect(main_nav.nth(index)).to_have_attribute("aria-current", "page")

    # Home page cards, the catalogue's pages and rows, a publication's series, a series' rows.
    main_nav.first.click()
    page.locator("main .cards a").nth(0).click()
    expect_page(page, language, H1["publications"][language])
    newest = page.locator(".publication-list .publication__title a").first
    newest_title = newest.inner_text()
    newest.click()
    expect_page(page, language, newest_title)
    page.locator(".back-link a").click()
    page.locator(".pagination a[rel=next]").click()
    expect(page).to_have_url(re.compile(r"\?page=2$"))
    page.get_by_role("link", name=GLOSSARY, exact=True).click()
    expect_page(page, language, GLOSSARY)
    expect(page.locator("h1")).to_have_attribute("lang", "en")
    page.locator(".publication-detail .facts a[href*='/publications/series/']").click()
    expect_page(page, language, H1["series"][language])
    second = page.locator(".publication-list .publication__title a").nth(1)
    second_title = second.inner_text()
    second.click()
    expect_page(page, language, second_title)

    # The trainings: a course card, the course's editions, the breadcrumb back.
    main_nav.first.click()
    page.locator("main .cards a").nth(1).click()
    expect_page(page, language, H1["trainings"][language])
    page.locator("main .cards a", has_text=H1["course"][language]).click()
    expect_page(page, language, H1["course"][language])
    expect(page.locator("article.edition")).to_have_count(1)
    expect(page.locator(".past-editions li")).to_have_count(1)
    page.locator(".breadcrumbs a").first.click()
    expect_page(page, language, H1["trainings"][language])

    # The contact form, from the home page's third card and from the footer.
    main_nav.first.click()
    page.locator("main .cards a").nth(2).click()
    expect_page(page, language, H1["contact"][language])
    page.locator(".site-footer a[href$='/contact/']").click()
    expect_page(page, language, H1["contact"][language])
    # The brand goes home.
    page.locator("a.brand").click()
    expect_page(page, language, H1["home"][language])

    # An address that leads nowhere says so, and its links lead back.
    page.goto(f"{live_server.url}/{language}/no-such-page/")
    expect_page(page, language, H1["not-found"][language])
    page.locator(f"main a[href='/{language}/publications/']").click()
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
    heading = page.locator("h1").inner_text()
    status = page.locator("[role=status]")
    count = status.inner_text().split()[0] if status.count() else None

    for language in ["fr", "es", "en"]:
        page.locator(f"nav.languages a[hreflang={language}]").click()
        expect(page).to_have_url(f"{live_server.url}/{language}{path}")
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator(f"nav.languages a[hreflang={language}]")).to_have_attribute(
            "aria-current", "true"
        )
        if "/trainings/" in path:
            expect(page.locator("h1")).to_have_text(H1["course"][language])
        elif "?" in path:
            expect_results(page, int(count), language)
            expect(page.locator("#id_series")).to_have_value("international-migration-law")
            expect(page.locator("#id_year_from")).to_have_value("2005")
        else:
            expect(page.locator("h1")).to_have_text(heading)


@pytest.mark.parametrize(
    ("language", "javascript"), [("en", True), ("es", False)], ids=["en-js", "es-no-js"]
)
def test_filtering_and_searching_the_catalogue_through_its_form(
    content, live_server, browser, language, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    everything = Publication.objects.count()
    page.goto(f"{live_server.url}/{language}/publications/")
    expect_results(page, everything, language)
    expect(page.locator(".clear-filters")).to_have_count(0)

    # Choose a series, a language, a theme and years, and send the form.
    page.select_option("#id_series", "international-migration-law")
    page.select_option("#id_language", "en")
    page.select_option("#id_theme", "human-rights")
    page.select_option("#id_year_from", "2005")
    page.select_option("#id_year_to", "2009")
    page.locator(".catalogue-filters button[type=submit]").click()

    expected = Publication.objects.filter(
        series__slug="international-migration-law",
        language="en",
        themes__slug="human-rights",
        year__range=(2005, 2009),
    ).ordered("newest", terms="", language=language)
    assert 1 < expected.count() < everything
    expect_results(page, expected.count(), language)
    expect(page.locator(".publication__title a")).to_have_text(
        list(expected.values_list("title", flat=True))
    )
    assert {
        key: value
        for key, value in query(page).items()
        if key in {"series", "language", "theme", "year_from", "year_to"}
    } == {
        "series": ["international-migration-law"],
        "language": ["en"],
        "theme": ["human-rights"],
        "year_from": ["2005"],
        "year_to": ["2009"],
    }
    expect(page.locator("#id_theme")).to_have_value("human-rights")

    # "Clear filters" goes back to the whole catalogue.
    page.locator(".clear-filters a").click()
    expect(page).to_have_url(f"{live_server.url}/{language}/publications/")
    expect_results(page, everything, language)

    # A search, typed and sent with Enter; results by relevance.
    page.fill("#id_q", "glossary")
    page.press("#id_q", "Enter")
    found = Publication.objects.search("glossary", language)
    assert 1 < found.count() < everything
    expect_results(page, found.count(), language)
    assert query(page)["q"] == ["glossary"]
    expect(page.locator("#id_q")).to_have_value("glossary")
    # The default order, relevance when searching, stays chosen for the next search.
    assert page.evaluate("document.querySelector('#id_sort').selectedIndex") == 3
    expect(page.locator("#id_sort")).to_have_value("")
    by_relevance = found.ordered("relevance", terms="glossary", language=language)
    expect(page.locator(".publication__title a")).to_have_text(
        list(by_relevance.values_list("title", flat=True)[:20])
    )

    # A search that finds nothing says so, and leads back to everything.
    page.fill("#id_q", "zzzzzz")
    page.locator(".catalogue-filters button[type=submit]").click()
    expect_results(page, 0, language)
    expect(page.locator(".publication-list")).to_have_count(0)
    page.locator(".clear-filters a").click()
    expect_results(page, everything, language)
    context.close()


def sign_in_to_the_admin(page, live_server, user):
    """Signs in through the admin's own sign-in page."""
    page.goto(f"{live_server.url}/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct horse battery staple")
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")


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
    page.locator("nav.main-nav a[href='/es/contact/']").click()
    expect_page(page, "es", H1["contact"]["es"])
    page.fill("#id_name", "Lucía Fernández")
    page.fill("#id_position", "Asesora jurídica")
    page.fill("#id_organization", "Ministerio del Interior")
    page.select_option("#id_country", "CO")
    page.fill("#id_email", "lucia@example.org")
    page.check("input[name=request_type][value=legislation]")
    page.fill("#id_subject", "Revisión de nuestra ley de migración")
    page.fill("#id_message", "Quisiéramos que la Unidad revise nuestro proyecto de ley.")
    expect(page.locator("input[name=language][value=es]")).to_be_checked()
    page.check("#id_consent")
    page.locator("form.contact-form button[type=submit]").click()

    # The thank-you page shows the reference.
    expect_page(page, "es", H1["thanks"]["es"])
    contact_request = ContactRequest.objects.get()
    expect(page.locator(".reference")).to_have_text(contact_request.reference)
    assert re.fullmatch(r"IML-\d{4}-\d{6}", contact_request.reference)

    # The acknowledgement, in Spanish, links to the private status page.
    (acknowledgement,) = [email for email in mail.outbox if email.to == ["lucia@example.org"]]
    status_path = urlsplit(re.search(r"https?://\S+/status/\S+", acknowledgement.body)[0]).path
    page.goto(live_server.url + status_path)
    expect_page(page, "es", H1["status"]["es"])
    expect(page.locator(".facts")).to_contain_text(contact_request.reference)

    # A staff member finds it in the admin inbox.
    sign_in_to_the_admin(page, live_server, staff_member)
    page.locator("a[href='/admin/contact/contactrequest/']").first.click()
    row = page.locator("#result_list tbody tr", has_text=contact_request.reference)
    expect(row).to_have_count(1)
    row.get_by_role("link", name=contact_request.reference).click()

    # What the requester sent is shown, read-only.
    for field, value in [
        ("name", "Lucía Fernández"),
        ("organization", "Ministerio del Interior"),
        ("email", "lucia@example.org"),
        ("subject", "Revisión de nuestra ley de migración"),
        ("message", "Quisiéramos que la Unidad revise nuestro proyecto de ley."),
    ]:
        expect(page.locator(f".field-{field} .readonly")).to_contain_text(value)
        expect(page.locator(f"[name={field}]")).to_have_count(0)

    # Its status changes.
    page.select_option("#id_status", "in_progress")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    contact_request.refresh_from_db()
    assert contact_request.status == ContactRequest.Status.IN_PROGRESS
    expect(
        page.locator("#result_list tbody tr", has_text=contact_request.reference)
    ).to_contain_text("In progress")

    # The requester's status page says so, in Spanish.
    page.goto(live_server.url + status_path)
    with translation.override("es"):
        in_progress = str(ContactRequest.Status.IN_PROGRESS.label)
    expect(page.locator(".facts")).to_contain_text(in_progress)


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
    expect(page.locator(".publication-detail")).not_to_contain_text(new_text)

    # The staff member signs in and edits the French description in its language tab.
    sign_in_to_the_admin(page, live_server, staff_member)
    page.locator("a[href='/admin/publications/publication/']").first.click()
    page.get_by_role("link", name=GLOSSARY, exact=True).click()
    expect(page.locator("#id_description_fr")).to_be_hidden()
    page.locator("a[href='#tab_id_description_fr']").click()
    expect(page.locator("#id_description_fr")).to_be_visible()
    expect(page.locator("#id_description_en")).to_be_hidden()
    page.fill("#id_description_fr", new_text)
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)

    # The French page shows it at once: to the staff member (whose browser kept the page
    # from before signing in), and to the visitor, from a page cache that is not stale.
    page.goto(public_page)
    expect(page.locator(".publication-detail")).to_contain_text(new_text)
    assert visitor.reload().headers["x-cache"] == "miss"
    expect(visitor.locator(".publication-detail")).to_contain_text(new_text)
    # The other languages keep their own text.
    page.locator("nav.languages a[hreflang=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".publication-detail")).not_to_contain_text(new_text)
    visitor.context.close()
