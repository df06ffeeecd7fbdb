"""A covering index of the columns the catalogue filters, counts and orders by (see
iml_portal/indexes.py): PostgreSQL only."""

from django.db import migrations

from iml_portal.indexes import covering_index


class Migration(migrations.Migration):
    dependencies = [("publications", "0007_stored_search_vectors")]

    operations = [
        covering_index(
            "publications",
            "Publication",
            "publication_listing_idx",
            ["status", "publish_at", "series", "language", "year", "number", "work"],
        )
    ]
