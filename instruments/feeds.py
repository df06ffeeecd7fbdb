"""Atom feed of the Migration Law Database: /<lang>/instruments/feed/ takes the list's query
string, so every filtered list has its own feed. Newest additions first."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from iml_portal.text import label_value

from .filters import InstrumentFilter

FEED_SIZE = 30


class InstrumentFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        return InstrumentFilter(request.GET)

    def title(self, filterset):
        title = _("Migration Law Database of the IOM International Migration Law Unit")
        described = filterset.description()
        return label_value(title, described) if described else title

    def subtitle(self, filterset):
        return _("Instruments most recently added to the database first.")

    def link(self, filterset):
        return reverse("instruments:list") + filterset.query_string()

    def feed_url(self, filterset):
        return reverse("instruments:feed") + filterset.query_string()

    def author_name(self, filterset):
        return _("IOM International Migration Law Unit")

    def items(self, filterset):
        return filterset.narrowed().order_by("-created", "-pk")[:FEED_SIZE]

    def item_title(self, instrument):
        return instrument.title

    def item_description(self, instrument):
        return linebreaks(instrument.description)

    def item_pubdate(self, instrument):
        return instrument.created

    def item_updateddate(self, instrument):
        return instrument.updated
