from django.urls import reverse

from units.sitemaps import I18nSitemap

from .models import Course


class TrainingsSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return ["trainings:list", *Course.objects.order_by("order", "pk")]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()
