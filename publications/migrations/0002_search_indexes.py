"""GIN indexes for full-text search, on PostgreSQL only (see publications/search.py)."""

from django.db import migrations

from publications.search import create_indexes, drop_indexes


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
