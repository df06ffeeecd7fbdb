"""Staff edit the catalogue in the admin; the database keeps it consistent."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from publications.models import Publication, Series, Work
from tests.conftest import Page

pytestmark = pytest.mark.django_db

ADD = reverse("admin:publications_publication_add")


def form_data(**changes):
    data = {
        "status": "published",
        "publish_at_0": "",
        "publish_at_1": "",
        "title": "A new handbook",
        "slug": "a-new-handbook",
        "title_language": "",
        "series": Series.objects.get(slug="international-migration-law").pk,
        "number": "",
        "year": "2024",
        "language": "en",
        "work": "",
        "description_en": "About the handbook.",
        "description_fr": "",
        "description_es": "",
        "summary_en": "",
        "summary_fr": "",
        "summary_es": "",
        "link": "",
    }
    data.update(changes)
    return data


def errors(response):
    return response.context["adminform"].form.errors.as_data()


def test_staff_add_a_publication(admin_client):
    response = admin_client.post(ADD, form_data(number="28"))

    assert response.status_code == 302
    publication = Publication.objects.get(slug="a-new-handbook")
    assert (publication.number, publication.year, publication.description) == (
        28,
        2024,
        "About the handbook.",
    )


def test_a_duplicate_number_in_a_series_is_refused_clearly(admin_client):
    before = Publication.objects.count()

    response = admin_client.post(ADD, form_data(number="5"))

    assert response.status_code == 200
    assert Publication.objects.count() == before
    messages = [str(e.message) for e in errors(response)["__all__"]]
    assert messages == ["This series already has a publication with this number."]
    assert "This series already has a publication with this number." in response.content.decode()


def test_the_same_number_in_another_series_is_fine(admin_client):
    atd = Series.objects.get(slug="iom-atd-series")

    response = admin_client.post(ADD, form_data(number="5", series=atd.pk))

    assert response.status_code == 302


def test_several_unnumbered_publications_in_a_series_are_fine(admin_client):
    other = Series.objects.get(slug="other-legal-publications-and-handbooks")
    assert other.publications.filter(number=None).count() == 6

    response = admin_client.post(ADD, form_data(series=other.pk))

    assert response.status_code == 302
    assert other.publications.filter(number=None).count() == 7


def test_the_database_refuses_a_duplicate_number_too():
    n5 = Publication.objects.get(series__slug="international-migration-law", number=5)

    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.create(
            series=n5.series, number=5, title="x", slug="x", year=2020, language="en"
        )


@pytest.mark.parametrize("year", ["1800", "2500"])
def test_an_insane_year_is_refused(admin_client, year):
    response = admin_client.post(ADD, form_data(year=year))

    assert response.status_code == 200
    assert "year" in errors(response)


def test_the_database_refuses_an_insane_year():
    series = Series.objects.first()

    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.create(series=series, title="x", slug="x", year=1492, language="en")


def test_the_language_is_required(admin_client):
    response = admin_client.post(ADD, form_data(language=""))

    assert "language" in errors(response)


@pytest.mark.parametrize("slug", ["feed", "series"])
def test_slugs_that_name_other_pages_are_refused(admin_client, slug):
    response = admin_client.post(ADD, form_data(slug=slug))

    assert "slug" in errors(response)


def test_a_pdf_and_a_cover_upload(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("handbook.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    png = SimpleUploadedFile(
        "cover.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, content_type="image/png"
    )

    response = admin_client.post(ADD, {**form_data(), "file": pdf, "cover": png})

    assert response.status_code == 302
    publication = Publication.objects.get(slug="a-new-handbook")
    assert publication.file.name.startswith("publications/files/handbook")
    assert publication.cover.name.startswith("publications/covers/cover")


@pytest.mark.parametrize(
    ("field", "name", "content"),
    [
        ("file", "page.html", b"<html><script>alert(1)</script>"),
        ("file", "fake.pdf", b"<html><script>alert(1)</script>"),
        ("cover", "cover.svg", b"<svg onload='alert(1)'/>"),
        ("cover", "fake.png", b"GIF89a"),
        ("cover", "fake.webp", b"RIFF\0\0\0\0WAVE"),
    ],
)
def test_uploads_of_other_types_are_refused(admin_client, settings, tmp_path, field, name, content):
    settings.MEDIA_ROOT = tmp_path

    response = admin_client.post(ADD, {**form_data(), field: SimpleUploadedFile(name, content)})

    assert response.status_code == 200
    assert field in errors(response)
    assert not Publication.objects.filter(slug="a-new-handbook").exists()


def test_the_change_form_has_language_tabs_and_a_view_on_site_link(admin_client):
    publication = Publication.objects.get(slug="a-rights-based-approach-to-programming")

    html = admin_client.get(
        reverse("admin:publications_publication_change", args=[publication.pk])
    ).content.decode()

    for code in ["en", "fr", "es"]:
        assert f'name="description_{code}"' in html
        assert f'name="summary_{code}"' in html
    assert "tabbed_translation_fields.js" in html
    content_type = ContentType.objects.get_for_model(Publication)
    assert reverse("admin:view_on_site", args=[content_type.pk, publication.pk]) in html


def test_the_list_shows_series_number_year_and_language_and_searches(admin_client):
    changelist = reverse("admin:publications_publication_changelist")

    html = admin_client.get(changelist).content.decode()
    for column in ["column-series", "column-number", "column-year", "column-language"]:
        assert column in html
    found = admin_client.get(changelist, {"q": "biometrics"}).content.decode()
    assert "Biometrics and International Migration" in found
    assert "Glossary on Migration (Korean)" not in found
    filtered = admin_client.get(changelist, {"language__exact": "fr"}).context["cl"]
    assert filtered.result_count == 3


def test_a_work_lists_its_editions(admin_client):
    work = Work.objects.get(title_en="Glossary on Migration")

    html = admin_client.get(
        reverse("admin:publications_work_change", args=[work.pk])
    ).content.decode()

    assert "International Migration Law N°26 - Glossary on Migration (Korean)" in html


def test_editing_a_publication_updates_its_timestamp():
    publication = Publication.objects.get(slug="a-rights-based-approach-to-programming")
    before = publication.updated

    publication.description_en = "Changed."
    publication.save(update_fields=["description_en"])

    publication.refresh_from_db()
    assert publication.updated > before


def test_the_admin_flags_publications_with_no_address_yet(admin_client):
    changelist = reverse("admin:publications_publication_changelist")

    without = admin_client.get(f"{changelist}?address=no").context["cl"].result_list
    with_one = admin_client.get(f"{changelist}?address=yes").context["cl"].result_list

    assert len(with_one) == 7 and len(without) == 28
    publication = without[0]
    page = Page(
        admin_client.get(reverse("admin:publications_publication_change", args=[publication.pk]))
    )
    assert "No address yet" in page.text()
    linked = with_one[0]
    page = Page(
        admin_client.get(reverse("admin:publications_publication_change", args=[linked.pk]))
    )
    assert linked.link_source in page.html  # its source, shown to staff


def test_an_address_without_its_source_is_refused_in_the_admin(admin_client):
    response = admin_client.post(ADD, form_data(link="https://publications.iom.int/books/x"))

    assert response.status_code == 200
    assert "Say where the address was found (its source)." in response.content.decode()
