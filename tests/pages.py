"""Every kind of public page, for the guards that must visit them all (HTML validity,
accessibility, layout, query budget). Each entry builds the page's path in the active
language; some need the seed content to find an object, some build what they show.

Pages reached only by sending a form (the contact form with errors, the 429 page) are not
here: the validity and accessibility tests send the form themselves, with
CONTACT_FORM_WITH_ERRORS."""

import uuid
from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from contact.models import hash_token
from tests.browser.names import contact_form
from tests.contact.factories import make_request
from tests.trainings.factories import days_from_today, make_document, make_edition
from trainings.models import Edition, EditionDocument

# The course that gets editions (the other courses keep their "no edition" notices).
COURSE_WITH_EDITIONS = "iml-course-sanremo"


def _thanks():
    return reverse("contact:thanks", args=[make_request().form_token])


def _status():
    token = f"page-guard-{uuid.uuid4().hex}"
    contact_request = make_request()
    contact_request.status_token_hash = hash_token(token)
    contact_request.save(update_fields=["status_token_hash"])
    return reverse("contact:status", args=[token])


def _course_with_editions():
    """A course with an upcoming edition (application deadline, registration open, fee,
    certificate, a document) and a past one with a document; built once per database."""
    if not Edition.objects.filter(course__slug=COURSE_WITH_EDITIONS).exists():
        upcoming = make_edition(
            COURSE_WITH_EDITIONS,
            starts_in=60,
            admission=Edition.Admission.APPLICATION,
            application_deadline=days_from_today(30),
            registration_open=True,
            registration_url="https://example.org/apply",
            fee_amount=Decimal("1500.00"),
            fee_currency="EUR",
            certificate=True,
            audience_en="Government officials",
            notes_en="Places are limited.",
        )
        make_document(upcoming, EditionDocument.Kind.INFORMATION_NOTE)
        past = make_edition(COURSE_WITH_EDITIONS, starts_in=-300, is_free=True)
        make_document(past, EditionDocument.Kind.PROGRAMME)
    return reverse("trainings:detail", args=[COURSE_WITH_EDITIONS])


def _publication(number):
    """A publication of the International Migration Law series, by its number."""

    def path():
        from publications.models import Publication

        publication = Publication.objects.get(
            series__slug="international-migration-law", number=number
        )
        return reverse("publications:detail", args=[publication.slug])

    return path


def _catalogue(query=""):
    return lambda: reverse("publications:list") + query


PAGE_TYPES = {
    "home": lambda: reverse("units:home"),
    "about": lambda: reverse("units:about"),
    "team": lambda: reverse("units:team"),
    "what-we-do": lambda: reverse("units:what_we_do"),
    "research": lambda: reverse("units:research"),
    "publications": _catalogue(),
    "publications-filtered": _catalogue(
        "?series=international-migration-law&language=en&year_from=2005&year_to=2011"
    ),
    "publications-search": _catalogue("?q=glossary"),
    "publications-thesaurus": _catalogue("?q=trata"),
    "publications-typo": _catalogue("?q=glosary"),
    "publications-several-values": _catalogue("?language=fr&language=es&theme=terminology"),
    "publications-no-result": _catalogue("?q=zzzzzz"),
    "publications-by-work": _catalogue("?group=work"),
    "publication": _publication(1),
    # N°4's description is an excerpt; N°22 has its own Portuguese description.
    "publication-excerpt": _publication(4),
    "publication-original-description": _publication(22),
    "series": lambda: reverse("publications:series", args=["international-migration-law"]),
    "series-list": lambda: reverse("publications:series_list"),
    "trainings": lambda: reverse("trainings:list"),
    "course": lambda: reverse("trainings:detail", args=["iml-course-new-york"]),
    "course-with-editions": _course_with_editions,
    "contact": lambda: reverse("contact:form"),
    "contact-thanks": _thanks,
    "contact-status": _status,
    "instruments": lambda: reverse("instruments:list"),
    "instruments-filtered": lambda: (
        reverse("instruments:list")
        + "?kind=convention&kind=protocol&binding=yes&year_from=1960&year_to=2000"
    ),
    "instruments-search": lambda: reverse("instruments:list") + "?q=trata",
    "instruments-bad-filter": lambda: reverse("instruments:list") + "?kind=bogus&year_from=x",
    "instrument": lambda: reverse("instruments:detail", args=["mwc"]),
    "instrument-sorted-parties": lambda: (
        reverse("instruments:detail", args=["mwc"]) + "?parties=consent"
    ),
    "instrument-regional": lambda: reverse("instruments:detail", args=["kampala-convention"]),
    "countries": lambda: reverse("instruments:countries"),
    "country": lambda: reverse("instruments:country", args=["mx"]),
    "country-unknown": lambda: reverse("instruments:country", args=["zz"]),
    "not-found": lambda: reverse("units:home") + "no-such-page/",
}


# The status each page type answers with (200 unless named here).
STATUS = {"not-found": 404, "country-unknown": 404}


def page_path(page_type, language):
    with translation.override(language):
        return PAGE_TYPES[page_type]()


def all_paths(language):
    return {page_type: page_path(page_type, language) for page_type in PAGE_TYPES}


# The contact form sent with mistakes: a name, an email that is not one, nothing else (no
# organization, country, type, subject, message or consent).
CONTACT_FORM_WITH_ERRORS = {"name": "Amina Diallo", "email": "not-an-address"}


def send_contact_form_with_errors(page, language):
    """In a browser (Playwright) on the contact form in `language`: fills in its fields by
    their labels with CONTACT_FORM_WITH_ERRORS and sends it; returns the HTTP status of the
    page it leads to."""
    form = contact_form(page, language)
    for name, value in CONTACT_FORM_WITH_ERRORS.items():
        form[name].fill(value)
    with page.expect_navigation() as navigation:
        form["submit"].click()
    return navigation.value.status
