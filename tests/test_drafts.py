"""Drafts and records scheduled for later appear nowhere public — pages, lists, counts, facets,
feeds, the sitemap, search, related items, previous and next, OAI-PMH and the JSON API — until
their time comes, which needs no job: it is a condition of the queries. Staff preview them."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from publications.models import Publication, Series, Theme, Work
from tests.conftest import LANGUAGES, Page, url
from tests.trainings.factories import make_edition
from trainings.models import Course, Edition

pytestmark = pytest.mark.django_db

SECRET = "Zanzibar secret handbook"


def hidden_publication(**state):
    """A publication that would show everywhere if it were public: newest of all, numbered
    between two others of its series, sharing their themes and their work."""
    series = Series.objects.get(slug="international-migration-law")
    publication = Publication.objects.create(
        series=series,
        number=3,  # between N°2 and N°4, a number the documents never gave
        title=SECRET,
        slug="zanzibar-secret-handbook",
        year=2030,
        language="en",
        work=Work.objects.get(title_en="Glossary on Migration"),
        description_en="Zanzibar glossary of detention terms.",
        **state,
    )
    publication.themes.set(Theme.objects.filter(slug__in=["terminology", "human-rights"]))
    return publication


STATES = {
    "draft": {"status": "draft"},
    "scheduled": {"status": "published", "publish_at": timezone.now() + timedelta(days=2)},
    "draft, time passed": {"status": "draft", "publish_at": timezone.now() - timedelta(days=2)},
}

PUBLIC_ADDRESSES = [
    "/{lang}/",
    "/{lang}/publications/",
    "/{lang}/publications/?q=zanzibar",
    "/{lang}/publications/?q=glossary&group=work",
    "/{lang}/publications/?theme=terminology&year_from=2029",
    "/{lang}/publications/series/",
    "/{lang}/publications/series/international-migration-law/",
    "/{lang}/publications/feed/",
    "/{lang}/publications/international-migration-law-n2-glossary-on-migration-russian/",
    "/{lang}/publications/derecho-internacional-sobre-migracion-n4-migraciones-y-proteccion-de-los-derechos-humanos/",
    "/{lang}/publications/international-migration-law-n1-glossary-on-migration/",
    "/sitemap-publications.xml",
    "/oai/?verb=ListIdentifiers&metadataPrefix=oai_dc",
    "/oai/?verb=ListRecords&metadataPrefix=oai_dc&set=international-migration-law",
    "/api/v1/publications/?q=zanzibar",
    "/api/v1/publications/?year_from=2029",
    "/api/v1/series/",
]


@pytest.mark.parametrize("state", STATES, ids=list(STATES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_publication_not_public_appears_nowhere(client, state, language):
    hidden = hidden_publication(**STATES[state])
    assert_appears_nowhere(client, language, hidden, SECRET, PUBLIC_ADDRESSES, "publications")


def assert_appears_nowhere(client, language, hidden, secret, addresses, app):
    """Neither `secret` (its title) nor its slug on any of `addresses`, which answer 200; its
    own page, API record and citation file answer 404."""
    for address in addresses:
        response = client.get(address.format(lang=language))
        assert response.status_code == 200, address
        body = response.content.decode()
        assert secret not in body and hidden.slug not in body, address
    assert client.get(url(f"{app}:detail", language, hidden.slug)).status_code == 404
    assert client.get(f"/api/v1/{app}/{hidden.slug}/").status_code == 404
    citation = url(f"{app}:citation", language, hidden.slug, "bib")
    assert client.get(citation).status_code == 404


def test_counts_leave_it_out(client):
    page = Page(client.get("/en/publications/"))
    before = page.texts("p")
    hidden_publication(status="draft")
    cache.clear()

    assert Page(client.get("/en/publications/")).texts("p") == before
    series = client.get("/api/v1/series/").json()
    green = next(entry for entry in series if entry["slug"] == "international-migration-law")
    assert green["publications"] == 25


def test_a_scheduled_record_appears_when_its_time_comes_with_no_job(client):
    hidden = hidden_publication(status="published", publish_at=timezone.now() + timedelta(hours=1))
    detail = url("publications:detail", "en", hidden.slug)
    assert client.get(detail).status_code == 404

    # Time passes (nothing is saved, no signal is sent, no job runs).
    Publication.objects.filter(pk=hidden.pk).update(
        publish_at=timezone.now() - timedelta(seconds=1)
    )
    cache.clear()  # a cached page lives at most PUBLIC_PAGE_CACHE_SECONDS

    assert client.get(detail).status_code == 200
    assert SECRET in client.get("/en/publications/").content.decode()


def test_the_seed_content_is_public():
    assert not Publication.objects.not_public().exists()
    assert not Course.objects.not_public().exists()
    assert Publication.objects.public().count() == 35


BANNERS = {
    "en": "Draft — not public",
    "fr": "Brouillon — non public",
    "es": "Borrador — no público",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_preview_a_draft_with_a_banner_noindex_and_no_cache(client, editor, language):
    hidden = hidden_publication(status="draft")

    response = client.get(url("publications:detail", language, hidden.slug))

    assert response.status_code == 200
    page = Page(response)
    assert page.h1 == SECRET
    (banner,) = [text for text in page.texts("p") if BANNERS[language] in text]
    assert page.elements("meta", name="robots", content="noindex")
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "X-Cache" not in response
    # A preview is not a page anyone else gets, even right after.
    client.logout()
    assert client.get(url("publications:detail", language, hidden.slug)).status_code == 404


def test_a_scheduled_record_says_when_it_becomes_public(client, editor):
    hidden = hidden_publication(status="published", publish_at=timezone.now() + timedelta(days=3))

    page = Page(client.get(url("publications:detail", "en", hidden.slug)))

    assert any("Scheduled — public from" in text for text in page.texts("p"))


def test_staff_without_the_right_to_edit_content_get_no_preview(client, handler):
    hidden = hidden_publication(status="draft")

    assert client.get(url("publications:detail", "en", hidden.slug)).status_code == 404


def test_a_draft_course_and_its_editions_are_hidden(client):
    course = Course.objects.get(slug="iml-course-sanremo")
    edition = make_edition(course)
    course.status = "draft"
    course.save()

    assert client.get(url("trainings:detail", "en", course.slug)).status_code == 404
    listing = client.get(url("trainings:list", "en")).content.decode()
    assert url("trainings:detail", "en", course.slug) not in listing
    ics = url("trainings:edition_ics", "en", slug=course.slug, pk=edition.pk)
    assert client.get(ics).status_code == 404
    assert course.slug not in client.get("/sitemap-trainings.xml").content.decode()


def test_a_draft_edition_of_a_public_course_is_hidden_but_previewed(client, editor):
    course = Course.objects.get(slug="iml-course-sanremo")
    edition = make_edition(course, status="draft", place_en="Geneva, Switzerland")

    client.logout()
    page = client.get(url("trainings:detail", "en", course.slug)).content.decode()
    assert "Geneva, Switzerland" not in page
    ics = url("trainings:edition_ics", "en", slug=course.slug, pk=edition.pk)
    assert client.get(ics).status_code == 404

    client.force_login(editor)
    preview = client.get(url("trainings:detail", "en", course.slug)).content.decode()
    assert "Geneva, Switzerland" in preview and "Draft — not public" in preview


def test_the_draft_state_is_in_the_edition_list_of_a_course():
    edition = make_edition("iml-course-sanremo", status="draft")

    assert Edition.objects.public().filter(pk=edition.pk).count() == 0
    assert Edition.objects.overdue().count() == 0


def test_a_record_that_became_public_is_new_to_harvesters(client):
    """Its OAI datestamp is when it appeared, not its last edit (harvesters ask "from")."""
    hidden = hidden_publication(status="published", publish_at=timezone.now() + timedelta(hours=1))
    Publication.objects.filter(pk=hidden.pk).update(
        updated=timezone.now() - timedelta(days=30),
        publish_at=timezone.now() - timedelta(minutes=1),
    )
    since = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%d")

    harvest = client.get(f"/oai/?verb=ListIdentifiers&metadataPrefix=oai_dc&from={since}")

    assert f":publication:{hidden.pk}<" in harvest.content.decode()


INSTRUMENT_SECRET = "Zanzibar secret protocol"
INSTRUMENT_ADDRESSES = [
    "/{lang}/instruments/",
    "/{lang}/instruments/?q=zanzibar",
    "/{lang}/instruments/?kind=protocol&year_from=2029",
    "/{lang}/instruments/feed/",
    "/{lang}/instruments/untoc/",
    "/{lang}/countries/",
    "/{lang}/countries/mx/",
    "/{lang}/publications/international-migration-law-n15-human-rights-of-migrant-children/",
    "/sitemap-instruments.xml",
    "/oai/?verb=ListIdentifiers&metadataPrefix=oai_dc&set=instruments",
    "/api/v1/instruments/?q=zanzibar",
    "/api/v1/countries/mx/",
]


def hidden_instrument(**state):
    """An instrument that would show everywhere if it were public: a protocol to UNTOC, Mexico
    a party, related to N°15, adopted last of all."""
    import datetime

    from instruments.models import Instrument, Participation

    instrument = Instrument.objects.create(
        title_en=INSTRUMENT_SECRET,
        slug="zanzibar-secret-protocol",
        kind="protocol",
        level="international",
        is_core=True,
        parent=Instrument.objects.get(slug="untoc"),
        adopted_on=datetime.date(2030, 1, 1),
        **state,
    )
    Participation.objects.create(
        instrument=instrument, country="MX", consent_on=datetime.date(2030, 2, 1)
    )
    instrument.related_publications.set(
        Publication.objects.filter(series__slug="international-migration-law", number=15)
    )
    return instrument


@pytest.mark.parametrize("state", STATES, ids=list(STATES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_an_instrument_not_public_appears_nowhere(client, state, language):
    hidden = hidden_instrument(**STATES[state])
    assert_appears_nowhere(
        client, language, hidden, INSTRUMENT_SECRET, INSTRUMENT_ADDRESSES, "instruments"
    )
