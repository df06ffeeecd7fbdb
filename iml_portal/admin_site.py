"""The admin site, with the "Needs attention" page and its counts on the index."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from .attention import has_attention_permission, sections


class PortalAdminSite(admin.AdminSite):
    index_template = "admin/portal_index.html"

    def get_urls(self):
        page = path(
            "needs-attention/", self.admin_view(self.needs_attention), name="needs_attention"
        )
        return [page, *super().get_urls()]

    def needs_attention(self, request):
        if not has_attention_permission(request.user):
            raise PermissionDenied
        context = {
            **self.each_context(request),
            "title": _("Needs attention"),
            "sections": sections(),
        }
        return TemplateResponse(request, "admin/needs_attention.html", context)

    def index(self, request, extra_context=None):
        extra_context = extra_context or {}
        if has_attention_permission(request.user):
            extra_context["attention"] = sections()
        return super().index(request, extra_context)
