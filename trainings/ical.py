"""An edition as an iCalendar (RFC 5545) file, written by the icalendar package."""

from datetime import timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from iml_portal.text import label_value

PRODID = "-//IOM International Migration Law Unit//Trainings//EN"


def edition_calendar(edition, request):
    """A calendar holding the edition as one all-day event, in the active language."""
    course = edition.course
    course_url = request.build_absolute_uri(course.get_absolute_url())
    # Stable across languages and hosts, so a second download updates the same event.
    uid = f"iml-trainings-edition-{edition.pk}"
    event = Event.new(
        uid=uid,
        summary=course.title,
        start=edition.start_date,
        # All-day events end on the day after the last one (DTEND is exclusive).
        end=edition.end_date + timedelta(days=1),
        location=edition.place,
        url=course_url,
        description=_description(edition, course_url),
        last_modified=edition.updated_at,
    )
    return Calendar.new(
        uid=f"{uid}-calendar",
        prodid=PRODID,
        method="PUBLISH",
        name=course.title,
        subcomponents=[event],
    )


def _description(edition, course_url):
    details = [
        (_("Format"), edition.get_format_display()),
        (_("Language"), edition.language_name),
        (_("How to join"), edition.get_admission_display()),
    ]
    if edition.application_deadline:
        details.append((_("Application deadline"), date_format(edition.application_deadline)))
    if edition.registration_url and edition.accepts_registrations:
        details.append((_("Registration"), edition.registration_url))
    lines = [label_value(label, value) for label, value in details]
    return "\n".join([edition.course.summary, "", *lines, "", course_url])
