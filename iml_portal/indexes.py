"""Covering indexes, on PostgreSQL: a table's id with the columns its lists filter, count and
order by (INCLUDE), so that those queries read a narrow index, not the wide rows (texts in
three languages, the stored search documents: some 1.4 KB a publication). Counting the facets,
choosing related publications, or joining rows by id then scans a few hundred index pages
rather than thousands of table pages (`Index Only Scan` in their plans, once VACUUM has
marked the pages visible, as autovacuum does).

Django's Meta.indexes would declare one, but SQLite has no INCLUDE (check models.W040), so a
migration creates it with `covering_index`, as the GIN indexes of the search are."""

from django.db import migrations


def covering_index(app_label, model_name, name, columns):
    """A migration operation that creates the index `name` on the id of the model, including
    `columns` (field names), on PostgreSQL only; reversed, it drops the index."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = apps.get_model(app_label, model_name)
        quote = schema_editor.quote_name
        included = ", ".join(quote(model._meta.get_field(field).column) for field in columns)
        schema_editor.execute(
            f"CREATE INDEX {quote(name)} ON {quote(model._meta.db_table)} "
            f"({quote(model._meta.pk.column)}) INCLUDE ({included})"
        )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")

    return migrations.RunPython(create, drop)
