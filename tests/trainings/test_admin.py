import pytest
from django.urls import reverse

from trainings.models import Course, Edition

from .factories import days_from_today, make_edition

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:trainings_edition_changelist")


def course_type():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Course)


def listed(response):
    return list(response.context["cl"].result_list)


def test_course_page_edits_editions_inline_with_language_tabs(admin_client):
    edition = make_edition(starts_in=10)
    course = edition.course

    html = admin_client.get(
        reverse("admin:trainings_course_change", args=[course.pk])
    ).content.decode()

    for code in ["en", "fr", "es"]:
        assert f'name="title_{code}"' in html
        assert f'name="editions-0-place_{code}"' in html
    assert "tabbed_translation_fields.js" in html
    assert reverse("admin:trainings_edition_change", args=[edition.pk]) in html
    view_on_site = reverse("admin:view_on_site", args=[course_type().pk, course.pk])
    assert view_on_site in html
    assert admin_client.get(view_on_site)["Location"].endswith("/trainings/iml-course-sanremo/")


def test_edition_page_edits_its_documents_inline(admin_client):
    edition = make_edition()

    html = admin_client.get(
        reverse("admin:trainings_edition_change", args=[edition.pk])
    ).content.decode()

    assert 'name="documents-TOTAL_FORMS"' in html
    assert 'name="documents-0-title_fr"' not in html  # no extra empty rows
    assert 'name="documents-__prefix__-title_fr"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [("status=upcoming", ["soon", "later"]), ("status=past", ["recent", "old"])],
)
def test_editions_filter_by_status(admin_client, query, expected):
    editions = {
        "later": make_edition(starts_in=100),
        "soon": make_edition(starts_in=3),
        "old": make_edition(starts_in=-400),
        "recent": make_edition(starts_in=-20),
    }

    result = listed(admin_client.get(f"{CHANGELIST}?{query}"))

    assert set(result) == {editions[name] for name in expected}


def test_editions_filter_by_year_and_registration(admin_client):
    this_year = make_edition(starts_in=0, days=1, registration_open=True)
    make_edition(starts_in=-800, registration_open=False)
    year = this_year.start_date.year

    assert listed(admin_client.get(f"{CHANGELIST}?year={year}")) == [this_year]
    assert listed(admin_client.get(f"{CHANGELIST}?registration_open__exact=1")) == [this_year]
    html = admin_client.get(CHANGELIST).content.decode()
    assert f"?year={year}" in html


def test_bad_year_is_not_an_error(admin_client):
    make_edition()

    response = admin_client.get(f"{CHANGELIST}?year=nineteen")

    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


ADD = reverse("admin:trainings_edition_add")


def edition_form(**fields):
    """The edition admin's add form, filled in as staff would, with no document."""
    return {
        "status": "published",
        "course": Course.objects.get(slug="iml-course-sanremo").pk,
        "start_date": days_from_today(30).isoformat(),
        "end_date": days_from_today(34).isoformat(),
        "place_en": "Sanremo, Italy",
        "language": "en",
        "format": "in_person",
        "admission": "application",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        **fields,
    }


@pytest.mark.parametrize(
    ("fields", "error", "fix"),
    [
        (
            {"end_date": days_from_today(20).isoformat()},
            "The end date cannot be before the start date.",
            {"end_date": days_from_today(34).isoformat()},
        ),
        (
            {"language": "other"},
            "Name the language (in English at least) when it is &quot;Other&quot;.",
            {"other_language_en": "Arabic"},
        ),
        (
            {"is_free": "on", "fee_amount": "100", "fee_currency": "EUR"},
            "A free edition has no fee: empty the fee.",
            {"fee_amount": ""},
        ),
    ],
)
def test_admin_explains_an_inconsistent_edition_and_saves_nothing(admin_client, fields, error, fix):
    response = admin_client.post(ADD, edition_form(**fields))

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Edition.objects.exists()

    response = admin_client.post(ADD, edition_form(**{**fields, **fix}))
    assert response.status_code == 302
    assert Edition.objects.count() == 1
