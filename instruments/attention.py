"""The Migration Law Database's part of the admin's "Needs attention" page."""

from django.utils.translation import gettext_lazy as _

from iml_portal.attention import Section, check, group_of

from .models import Instrument, Participation


@check
def without_source():
    """Every fact of the database comes from a public record: a record without its source
    cannot be checked."""
    groups = [
        group_of(_("Instruments"), Instrument.objects.filter(sources="")),
        group_of(
            _("Instruments with States parties or signatories without a source"),
            Instrument.objects.filter(
                pk__in=Participation.objects.filter(source="").values("instrument")
            ),
        ),
    ]
    groups = [group for group in groups if group.count]
    return Section("sources", _("Records without a source"), groups)
