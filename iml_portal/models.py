"""Model bases shared by the content apps."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class OrderedItem(models.Model):
    """An entry of a list the site shows in an order that staff set, on one page."""

    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    # The URL name of the page that lists the entries; each entry has an anchor on it.
    page_name = None

    def get_absolute_url(self):
        return f"{reverse(self.page_name)}#{self.anchor}"

    @property
    def anchor(self):
        return f"{self._meta.model_name}-{self.pk}"
