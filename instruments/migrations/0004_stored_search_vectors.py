"""The search document stored, one tsvector column per language, filled by a trigger on
PostgreSQL and served by GIN indexes on the columns, which replace the expression indexes of
migration 0002 (see iml_portal/fulltext.py). Elsewhere, the columns stay empty."""

import django.contrib.postgres.search
from django.db import migrations

from instruments.search import DOCUMENT


class Migration(migrations.Migration):
    dependencies = [("instruments", "0003_parties_complete_and_checks")]

    operations = [
        migrations.AddField(
            model_name="instrument",
            name="search_en",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.AddField(
            model_name="instrument",
            name="search_fr",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.AddField(
            model_name="instrument",
            name="search_es",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.RunPython(DOCUMENT.create_stored_vectors, DOCUMENT.drop_stored_vectors),
    ]
