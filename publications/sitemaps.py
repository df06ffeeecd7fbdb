from iml_portal.sitemaps import I18nSitemap

from .models import Publication, Series


class CatalogueSitemap(I18nSitemap):
    """The catalogue's front page and its series."""

    changefreq = "weekly"

    def items(self):
        return ["publications:list", "publications:series_list", *Series.objects.order_by("slug")]


class PublicationSitemap(I18nSitemap):
    def items(self):
        return Publication.objects.public().order_by("pk").only("slug", "updated")

    def lastmod(self, publication):
        return publication.updated
