from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    default = True  # this module also holds PortalAdminConfig, named in INSTALLED_APPS
    """What every content app shares and none of them owns: the page cache's wiring, the
    deployment checks, the Editors group, the lifetime of uploaded files, template tags,
    sitemap and admin base classes."""

    name = "iml_portal"
    verbose_name = _("Site")

    def ready(self):
        from . import checks, search, uploads  # noqa: F401 (checks: registers the deployment checks)
        from .cache import bump_content_generation, connect_invalidation
        from .groups import sync_editors_group
        from .models import Term

        post_migrate.connect(sync_editors_group, sender=self, dispatch_uid="sync_editors_group")
        # A release (data migrations, new templates) must not be served stale cached pages.
        post_migrate.connect(bump_content_generation, sender=self, dispatch_uid="page-cache")
        connect_invalidation()
        # A replaced, cleared or deleted upload stops being served.
        uploads.connect()
        # The thesaurus's words are part of the vocabulary of "did you mean …?".
        search.register_vocabulary(Term, ["text"], language_field="language")


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the site's own AdminSite (the "Needs attention" page)."""

    default = False

    default_site = "iml_portal.admin_site.PortalAdminSite"
