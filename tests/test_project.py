"""Guards over the whole project: migrations, fixtures, admin."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import CONTENT_FIXTURES

pytestmark = pytest.mark.django_db


def test_no_model_change_lacks_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)


def test_fixtures_load_twice_without_error_or_duplicates():
    content_apps = {"units", "publications", "trainings"}
    models = [m for m in apps.get_models() if m._meta.app_label in content_apps]
    before = {model: model.objects.count() for model in models}
    assert before[apps.get_model("units", "TeamMember")] == 5

    call_command("loaddata", *CONTENT_FIXTURES, verbosity=0)
    call_command("loaddata", *CONTENT_FIXTURES, verbosity=0)

    assert {model: model.objects.count() for model in models} == before


def registered_models():
    return sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_admin_changelist_and_add_form_open_for_a_superuser(admin_client, model):
    info = model._meta.app_label, model._meta.model_name

    assert admin_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    model_admin = admin.site._registry[model]
    if model_admin.has_add_permission(_superuser_request(admin_client)):
        assert admin_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        change = admin_client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
        assert change.status_code == 200


def _superuser_request(admin_client):
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(username="admin")
    return request


def test_admin_shows_translated_fields_in_language_tabs(admin_client):
    from units.models import TeamMember

    member = TeamMember.objects.first()
    html = admin_client.get(reverse("admin:units_teammember_change", args=[member.pk])).content
    html = html.decode()

    for code in ["en", "fr", "es"]:
        assert f'name="role_{code}"' in html
    assert "tabbed_translation_fields.js" in html
    assert "vendor/jquery-ui/jquery-ui.min.js" in html


def test_only_one_unit_can_exist(admin_client):
    assert admin_client.get(reverse("admin:units_unit_add")).status_code == 403


def test_admin_order_is_editable_in_the_list(admin_client):
    html = admin_client.get(reverse("admin:units_teammember_changelist")).content.decode()

    assert 'name="form-0-order"' in html


def test_loading_the_fixtures_again_changes_no_timestamp():
    from publications.models import Publication

    before = dict(Publication.objects.values_list("pk", "updated"))
    call_command("loaddata", *CONTENT_FIXTURES, verbosity=0)

    assert dict(Publication.objects.values_list("pk", "updated")) == before


def test_ci_fails_clearly_when_postgresql_is_missing():
    """In CI the PostgreSQL run is never skipped silently: a server that does not answer fails
    the run before anything else."""
    import subprocess

    from django.conf import settings

    result = subprocess.run(
        ["bash", ".ci/run"],
        cwd=settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "CI": "true", "CI_POSTGRES_PORT": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert "CI needs PostgreSQL (127.0.0.1:1)" in result.stderr
    assert "nothing answers on port 1" in result.stderr
    assert "ruff" not in result.stdout  # it stopped before linting
