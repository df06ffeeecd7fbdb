"""The trainings' part of the admin's "Needs attention" page."""

from django.utils.translation import gettext_lazy as _

from iml_portal.attention import Section, check, group_of

from .models import Course, Edition


@check
def without_upcoming_edition():
    """Courses offered every year with no upcoming public edition (trainings on request have
    no editions by nature)."""
    upcoming = Edition.objects.public().upcoming().values("course")
    queryset = (
        Course.objects.filter(offered=Course.Offered.YEARLY)
        .exclude(pk__in=upcoming)
        .order_by("order", "pk")
    )
    group = group_of(_("Courses"), queryset)
    return Section(
        "editions", _("Courses without an upcoming edition"), [group] if group.count else []
    )
