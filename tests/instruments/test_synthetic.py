"""add_synthetic_instruments: clearly marked volume for benchmarks, easy to remove."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from instruments.models import Instrument, Level, Participation

pytestmark = pytest.mark.django_db


def synthetic():
    return Instrument.objects.filter(slug__startswith="synthetic-")


def test_adds_n_instruments_and_m_parties():
    seeded = Instrument.objects.count()

    call_command("add_synthetic_instruments", "40", "--parties", "300", stdout=StringIO())

    assert Instrument.objects.count() == seeded + 40
    assert synthetic().count() == 40
    assert Participation.objects.filter(instrument__in=synthetic()).count() == 300
    for instrument in synthetic():
        assert instrument.title_en.startswith("[Synthetic]")
        assert instrument.title_fr and instrument.title_es
        assert instrument.adopted_year == instrument.adopted_on.year
        assert instrument.themes.count() == 2
        instrument.full_clean()
    assert len({instrument.kind for instrument in synthetic()}) > 3
    assert {instrument.level for instrument in synthetic()} == set(Level.values)
    for participation in Participation.objects.filter(instrument__in=synthetic())[:100]:
        participation.full_clean()


def test_running_again_adds_more_after_the_last_number():
    call_command("add_synthetic_instruments", "10", stdout=StringIO())
    call_command("add_synthetic_instruments", "5", "--parties", "20", stdout=StringIO())

    slugs = sorted(synthetic().values_list("slug", flat=True))
    assert slugs == [f"synthetic-{number:05d}" for number in range(1, 16)]
    assert (
        not Participation.objects.filter(instrument__slug__lte="synthetic-00010")
        .filter(instrument__in=synthetic())
        .exists()
    )


def test_delete_removes_them_all_and_only_them():
    seeded = Instrument.objects.count()
    parties = Participation.objects.count()
    call_command("add_synthetic_instruments", "20", "--parties", "50", stdout=StringIO())

    call_command("add_synthetic_instruments", "--delete", stdout=StringIO())

    assert Instrument.objects.count() == seeded
    assert Participation.objects.count() == parties


def test_a_count_is_required():
    with pytest.raises(CommandError):
        call_command("add_synthetic_instruments")
