"""GIN indexes for full-text search, on PostgreSQL only (see iml_portal/fulltext.py)."""

from django.db import migrations

from instruments.search import DOCUMENT


class Migration(migrations.Migration):
    dependencies = [("instruments", "0001_initial")]

    operations = [migrations.RunPython(DOCUMENT.create_indexes, DOCUMENT.drop_indexes)]
