"""An index of the few core treaties, which every country's page lists."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("instruments", "0005_covering_index"),
        ("publications", "0008_covering_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="instrument",
            index=models.Index(
                condition=models.Q(("is_core", True)), fields=["id"], name="instrument_core_idx"
            ),
        ),
    ]
