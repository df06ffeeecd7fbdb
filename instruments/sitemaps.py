from iml_portal import countries
from iml_portal.sitemaps import I18nSitemap

from .countries import Country
from .models import Instrument


class InstrumentSitemap(I18nSitemap):
    """Every public instrument's page."""

    def items(self):
        return Instrument.objects.public().order_by("pk").only("slug", "updated")

    def lastmod(self, instrument):
        return instrument.updated


class CountrySitemap(I18nSitemap):
    """The database's list pages, then every country's page."""

    changefreq = "weekly"

    def items(self):
        return [
            "instruments:list",
            "instruments:countries",
            *(Country(code, "") for code in sorted(countries.NAMES)),
        ]
