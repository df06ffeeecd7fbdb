"""add_synthetic_publications: clearly marked volume for benchmarks, easy to remove."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from publications.models import Publication, Series

pytestmark = pytest.mark.django_db


def synthetic():
    return Publication.objects.filter(series__slug="synthetic-benchmark-data")


def test_adds_clearly_synthetic_publications(client):
    seeded = Publication.objects.count()

    call_command("add_synthetic_publications", "50", stdout=StringIO())

    assert Publication.objects.count() == seeded + 50
    assert synthetic().count() == 50
    for publication in synthetic():
        assert publication.title.startswith("[Synthetic]")
        assert publication.slug.startswith("synthetic-")
        assert publication.description_en and publication.description_fr
    assert Series.objects.get(slug="synthetic-benchmark-data").name_en == "Synthetic benchmark data"
    assert client.get(synthetic().first().get_absolute_url()).status_code == 200


def test_running_again_adds_more_after_the_last_number():
    call_command("add_synthetic_publications", "10", stdout=StringIO())
    call_command("add_synthetic_publications", "5", stdout=StringIO())

    assert sorted(synthetic().values_list("number", flat=True)) == list(range(1, 16))


def test_delete_removes_them_all_and_only_them():
    seeded = Publication.objects.count()
    call_command("add_synthetic_publications", "20", stdout=StringIO())

    call_command("add_synthetic_publications", "--delete", stdout=StringIO())

    assert Publication.objects.count() == seeded
    assert not Series.objects.filter(slug="synthetic-benchmark-data").exists()


def test_a_count_is_required():
    with pytest.raises(CommandError):
        call_command("add_synthetic_publications")
