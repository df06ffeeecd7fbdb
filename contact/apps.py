from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

HANDLERS_GROUP = "Contact request handlers"
# What handling the inbox needs: read and update requests. Requests come only from the
# public form and are never deleted by handlers (the purge command removes personal data).
HANDLERS_PERMISSIONS = ["view_contactrequest", "change_contactrequest"]


def sync_handlers_group(app_config, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """Create the handlers group, or put its permissions back to exactly these, after every
    `migrate` (tests included). Running it again changes nothing."""
    from django.contrib.auth.management import create_permissions

    # The permissions are created by another post_migrate receiver; make sure they exist
    # whatever order the receivers run in.
    create_permissions(app_config, verbosity=0, using=using, apps=apps)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _created = group_model.objects.using(using).get_or_create(name=HANDLERS_GROUP)
    permissions = permission_model.objects.using(using).filter(
        content_type__app_label=app_config.label, codename__in=HANDLERS_PERMISSIONS
    )
    group.permissions.set(permissions)


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = _("Contact requests")

    def ready(self):
        from . import checks  # noqa: F401 (registers the system checks)

        post_migrate.connect(sync_handlers_group, sender=self)
