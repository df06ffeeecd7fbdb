from iml_portal.sitemaps import I18nSitemap

from .models import Course


class TrainingsSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return ["trainings:list", *Course.objects.public().order_by("order", "pk")]
