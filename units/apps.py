from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("The IML Unit")

    def ready(self):
        # Site-wide hooks live here, in the app that presents the Unit: the Editors group,
        # and the page cache that any content change must refresh.
        from iml_portal import checks  # noqa: F401 (registers the deployment checks)
        from iml_portal.cache import bump_content_generation, connect_invalidation

        from .groups import sync_editors_group

        post_migrate.connect(sync_editors_group, sender=self, dispatch_uid="sync_editors_group")
        # A release (data migrations, new templates) must not be served stale cached pages.
        post_migrate.connect(bump_content_generation, sender=self, dispatch_uid="page-cache")
        connect_invalidation()
