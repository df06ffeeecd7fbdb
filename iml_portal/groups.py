"""The "Editors" staff group: every permission on the site's content, nothing else (no
contact requests, no user accounts). Kept in sync after every `migrate`, so permissions of
new content models reach the group by themselves."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions

EDITORS = "Editors"


def sync_editors_group(**kwargs):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # post_migrate reaches apps one by one: make sure every content app's permissions exist.
    for label in settings.CONTENT_APPS:
        create_permissions(apps.get_app_config(label), verbosity=0)
    group, _created = Group.objects.get_or_create(name=EDITORS)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=settings.CONTENT_APPS)
    )
