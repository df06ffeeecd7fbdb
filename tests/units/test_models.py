"""Rules the database itself keeps for the Unit's content."""

import pytest
from django.db import IntegrityError, transaction

from units.models import Unit

pytestmark = pytest.mark.django_db


def unit_values():
    values = {
        field.attname: getattr(Unit.objects.get(), field.attname)
        for field in Unit._meta.concrete_fields
    }
    values.pop("id")
    return values


def test_a_second_unit_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(**unit_values())
    # Not even behind the model's back, with an id of its own.
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.bulk_create([Unit(id=2, **unit_values())])

    assert Unit.objects.count() == 1
    assert Unit.objects.get().name == "International Migration Law Unit"


def test_the_first_unit_takes_the_single_row():
    values = unit_values()
    Unit.objects.all().delete()

    unit = Unit.objects.create(**values)

    assert unit.pk == Unit.SINGLE_ID
