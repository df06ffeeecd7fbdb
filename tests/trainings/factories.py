"""Small factories for volume: the seed fixtures hold no editions."""

from datetime import timedelta

from django.utils import timezone

from trainings.models import Course, Edition, EditionDocument


def days_from_today(days):
    return timezone.localdate() + timedelta(days=days)


def make_edition(course="iml-course-sanremo", *, starts_in=30, days=5, **fields):
    """An edition starting `starts_in` days from today (negative: in the past)."""
    if isinstance(course, str):
        course = Course.objects.get(slug=course)
    start = days_from_today(starts_in)
    values = {
        "place_en": "Sanremo, Italy",
        "place_fr": "Sanremo (Italie)",
        "place_es": "Sanremo (Italia)",
        "language": "en",
        "format": Edition.Format.IN_PERSON,
        "end_date": start + timedelta(days=days - 1),
        **fields,
    }
    return Edition.objects.create(course=course, start_date=start, **values)


def make_document(edition, kind=EditionDocument.Kind.PROGRAMME, **fields):
    values = {"url": f"https://example.org/{edition.pk}/{kind}.pdf", **fields}
    return EditionDocument.objects.create(edition=edition, kind=kind, **values)
