"""The "Editors" staff group: every permission on the site's content, nothing else (no
contact requests, no user accounts), plus reading the link checks. Kept in sync after every
`migrate`, so permissions of new content models reach the group by themselves."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db.models import Q

EDITORS = "Editors"


def editors_permissions(Permission):
    content = Q(content_type__app_label__in=settings.CONTENT_APPS)
    for label in settings.CONTENT_MODELS:
        app_label, model = label.split(".")
        content |= Q(content_type__app_label=app_label, content_type__model=model)
    link_checks = Q(content_type__app_label="iml_portal", codename="view_externallink")
    return Permission.objects.filter(content | link_checks)


def sync_editors_group(**kwargs):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # post_migrate reaches apps one by one: make sure every content app's permissions exist.
    for label in {*settings.CONTENT_APPS, "iml_portal"}:
        create_permissions(apps.get_app_config(label), verbosity=0)
    group, _created = Group.objects.get_or_create(name=EDITORS)
    group.permissions.set(editors_permissions(Permission))
