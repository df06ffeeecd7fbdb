from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class I18nSitemap(Sitemap):
    """A sitemap listing each page in every language, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True


class UnitPagesSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return ["units:home", "units:about", "units:team", "units:what_we_do", "units:research"]

    def location(self, item):
        return reverse(item)
