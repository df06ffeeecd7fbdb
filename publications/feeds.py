"""Atom feeds of the catalogue: /<lang>/publications/feed/ takes the list's query string, so
every filtered list has its own feed."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from iml_portal.text import label_value

from .filters import PublicationFilter

FEED_SIZE = 30


class PublicationFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        return PublicationFilter(request.GET)

    def title(self, filterset):
        title = _("Publications of the IOM International Migration Law Unit")
        described = filterset.description()
        return label_value(title, described) if described else title

    def subtitle(self, filterset):
        return _("The newest publications first.")

    def link(self, filterset):
        return reverse("publications:list") + filterset.query_string()

    def feed_url(self, filterset):
        return reverse("publications:feed") + filterset.query_string()

    def author_name(self, filterset):
        return _("IOM International Migration Law Unit")

    def items(self, filterset):
        return filterset.narrowed().for_listing().newest()[:FEED_SIZE]

    def item_title(self, publication):
        return publication.title

    def item_description(self, publication):
        # Atom calls the summary HTML: the plain text is escaped, its paragraphs kept.
        return linebreaks(publication.description, autoescape=True)

    def item_pubdate(self, publication):
        return publication.created

    def item_updateddate(self, publication):
        return publication.updated

    def item_categories(self, publication):
        return [publication.series.name]
