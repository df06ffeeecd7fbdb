"""A covering index of the columns the database's list filters, counts and orders by, and the
countries' pages join on (see iml_portal/indexes.py): PostgreSQL only."""

from django.db import migrations

from iml_portal.indexes import covering_index


class Migration(migrations.Migration):
    dependencies = [("instruments", "0004_stored_search_vectors")]

    operations = [
        covering_index(
            "instruments",
            "Instrument",
            "instrument_listing_idx",
            ["status", "publish_at", "kind", "level", "binding", "region", "adopted_year"],
        )
    ]
