from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class I18nSitemap(Sitemap):
    """A sitemap listing each page in every language, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True

    def location(self, item):
        """Items are objects with an address, or the names of pages without an object."""
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()
