from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar

from .factories import make_edition

pytestmark = pytest.mark.django_db


def ics_url(edition, language="en"):
    return f"/{language}/trainings/{edition.course.slug}/editions/{edition.pk}.ics"


def test_upcoming_edition_is_a_valid_all_day_icalendar_event(client):
    edition = make_edition(starts_in=30, days=5)

    response = client.get(ics_url(edition))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="iml-course-sanremo-{edition.start_date:%Y-%m-%d}.ics"'
    )
    calendar = Calendar.from_ical(response.content)
    calendar.validate()
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    (event,) = calendar.walk("VEVENT")
    for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "URL"):
        assert required in event
    assert str(event["UID"]) == f"iml-trainings-edition-{edition.pk}"
    assert isinstance(event["DTSTAMP"].dt, datetime)
    # All-day: dates, not date-times, and DTEND is the day after the last day.
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert type(event["DTSTART"].dt) is date
    assert event["DTSTART"].dt == edition.start_date
    assert event["DTEND"].dt == edition.end_date + timedelta(days=1)
    assert event["SUMMARY"] == "IML Course in Sanremo"
    assert event["LOCATION"] == "Sanremo, Italy"
    assert event["URL"] == "http://testserver/en/trainings/iml-course-sanremo/"
    assert "In person" in event["DESCRIPTION"]


def test_calendar_speaks_the_pages_language_and_keeps_the_same_uid(client):
    edition = make_edition(starts_in=30)

    english = Calendar.from_ical(client.get(ics_url(edition, "en")).content).events[0]
    spanish = Calendar.from_ical(client.get(ics_url(edition, "es")).content).events[0]

    assert spanish["SUMMARY"] == "Curso de DIM en Sanremo"
    assert spanish["LOCATION"] == "Sanremo (Italia)"
    assert spanish["URL"] == "http://testserver/es/trainings/iml-course-sanremo/"
    assert "Presencial" in spanish["DESCRIPTION"]
    assert spanish["UID"] == english["UID"]


def test_edition_ending_today_still_has_a_calendar_file(client):
    edition = make_edition(starts_in=-2, days=3)

    assert client.get(ics_url(edition)).status_code == 200


@pytest.mark.parametrize("starts_in", [-1, -300])
def test_past_edition_has_no_calendar_file(client, starts_in):
    edition = make_edition(starts_in=starts_in, days=1)

    assert client.get(ics_url(edition)).status_code == 404


def test_calendar_file_needs_the_editions_own_course(client):
    edition = make_edition(starts_in=30)

    for path in [
        f"/en/trainings/iml-course-new-york/editions/{edition.pk}.ics",
        f"/en/trainings/iml-course-sanremo/editions/{edition.pk + 1}.ics",
    ]:
        assert client.get(path).status_code == 404


def test_calendar_file_answers_only_get_and_head(client):
    edition = make_edition(starts_in=30)

    assert client.head(ics_url(edition)).status_code == 200
    assert client.post(ics_url(edition)).status_code == 405
