from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from trainings.models import Course, Edition, EditionDocument

from .factories import days_from_today, make_document, make_edition

pytestmark = pytest.mark.django_db


def test_fixtures_hold_the_courses_partners_and_topics_but_no_edition():
    assert list(Course.objects.values_list("slug", flat=True)) == [
        "iml-course-sanremo",
        "iml-course-new-york",
        "trainings-on-request",
    ]
    sanremo = Course.objects.get(slug="iml-course-sanremo")
    assert (sanremo.first_year, sanremo.participants) == (2005, 1800)
    assert sanremo.partner.short_name == "IIHL"
    assert Course.objects.get(slug="iml-course-new-york").partner.short_name == "UNITAR"
    assert not Edition.objects.exists()


def test_upcoming_and_past_split_around_today():
    ended_yesterday = make_edition(starts_in=-3, days=3)
    ends_today = make_edition(starts_in=-3, days=4)
    starts_today = make_edition(starts_in=0, days=1)
    tomorrow = make_edition(starts_in=1)

    assert list(Edition.objects.upcoming()) == [ends_today, starts_today, tomorrow]
    assert list(Edition.objects.past()) == [ended_yesterday]


def test_editions_order_soonest_first_then_most_recent_first():
    a = make_edition(starts_in=50)
    b = make_edition(starts_in=5, days=10)
    c = make_edition(starts_in=5, days=2)  # same start, ends sooner
    d = make_edition(starts_in=-100)
    e = make_edition(starts_in=-10)

    assert list(Edition.objects.upcoming()) == [c, b, a]
    assert list(Edition.objects.past()) == [e, d]


def test_today_is_the_sites_date_not_utcs():
    """At 23:30 UTC on 30 June it is already 1 July in Geneva (the site's time zone)."""
    edition = make_edition(starts_in=0)
    edition.start_date = edition.end_date = datetime(2026, 6, 30).date()
    edition.save()

    late_utc = datetime(2026, 6, 30, 23, 30, tzinfo=ZoneInfo("UTC"))
    with mock.patch("django.utils.timezone.now", return_value=late_utc):
        assert list(Edition.objects.past()) == [edition]
        assert not Edition.objects.upcoming().exists()


def test_registration_is_open_only_while_staff_say_so_and_the_deadline_has_not_passed():
    open_until_today = make_edition(registration_open=True, application_deadline=days_from_today(0))
    deadline_passed = make_edition(registration_open=True, application_deadline=days_from_today(-1))
    closed = make_edition(registration_open=False)
    no_deadline = make_edition(registration_open=True)

    assert open_until_today.accepts_registrations
    assert no_deadline.accepts_registrations
    assert not deadline_passed.accepts_registrations
    assert not closed.accepts_registrations


def test_other_language_is_named():
    edition = make_edition(language=Edition.OTHER_LANGUAGE, other_language_en="Arabic")

    assert edition.language_name == "Arabic"
    assert make_edition(language="es").language_name == "Spanish"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"end_date": days_from_today(29)}, "The end date cannot be before the start date."),
        (
            {"application_deadline": days_from_today(31)},
            "The application deadline cannot be after the start date.",
        ),
        ({"fee_amount": -1, "fee_currency": "EUR"}, "The fee cannot be negative."),
        (
            {"is_free": True, "fee_amount": 100, "fee_currency": "EUR"},
            "A free edition has no fee: empty the fee.",
        ),
        ({"fee_amount": 100}, "Give the fee's currency."),
        (
            {"language": "other", "other_language_fr": "arabe"},
            'Name the language (in English at least) when it is "Other".',
        ),
    ],
)
def test_database_refuses_inconsistent_editions(fields, message):
    values = {
        "course": Course.objects.first(),
        "start_date": days_from_today(30),
        "end_date": days_from_today(34),
        "place_en": "Sanremo, Italy",
        "language": "en",
        "format": "online",
    }
    edition = Edition(**{**values, **fields})

    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert message in error.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        edition.save()
    assert not Edition.objects.exists()


def test_deadline_on_the_first_day_and_one_day_editions_are_fine():
    edition = make_edition(days=1, application_deadline=days_from_today(30))

    edition.full_clean()
    assert edition.start_date == edition.end_date


def test_currency_is_a_three_letter_code():
    edition = make_edition(fee_amount=10, fee_currency="eur")

    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert "fee_currency" in error.value.message_dict


def test_document_is_a_file_or_a_link_not_both_nor_neither():
    edition = make_edition()
    make_document(edition)  # a link
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionDocument.objects.create(edition=edition, kind="programme")
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionDocument.objects.create(
            edition=edition, kind="programme", url="https://example.org/a.pdf", file="a.pdf"
        )


def test_document_files_are_limited_to_documents():
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = EditionDocument(
        edition=make_edition(),
        kind="programme",
        file=SimpleUploadedFile("programme.html", b"<script>alert(1)</script>"),
    )

    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "file" in error.value.message_dict


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("programme.pdf", b"%PDF-1.7 ...", True),
        ("programme.docx", b"PK\x03\x04 ...", True),
        ("programme.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 ...", True),
        ("programme.pdf", b"<html><script>alert(1)</script>", False),
        ("programme.odt", b"%PDF-1.7 ...", False),
    ],
)
def test_document_files_are_checked_by_their_content(name, content, accepted):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = EditionDocument(
        edition=make_edition(), kind="programme", file=SimpleUploadedFile(name, content)
    )

    if accepted:
        document.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            document.full_clean()
        assert "file" in error.value.message_dict


def test_document_shows_its_kind_when_it_has_no_title():
    document = make_document(make_edition(), kind="information_note")

    assert str(document) == "Information note"
    assert document.href.startswith("https://example.org/")


def test_course_url_keeps_the_slug_untranslated():
    from django.utils import translation

    course = Course.objects.get(slug="trainings-on-request")
    with translation.override("es"):
        assert course.get_absolute_url() == "/es/trainings/trainings-on-request/"
