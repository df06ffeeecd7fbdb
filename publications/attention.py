"""The catalogue's part of the admin's "Needs attention" page."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from iml_portal.attention import Section, check, group_of

from .models import Publication


@check
def without_address():
    """Publications whose page can only send readers to the IOM Bookstore."""
    queryset = Publication.objects.filter(Q(link="") & Q(file="")).order_by("series", "number")
    group = group_of(_("Publications"), queryset)
    return Section(
        "address", _("Publications without an address yet"), [group] if group.count else []
    )
