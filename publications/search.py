"""The catalogue's search document: a publication's title, then its summary and description
in the interface language (English where untranslated). How it is searched, and indexed on
PostgreSQL, is site-wide: see iml_portal/fulltext.py (and iml_portal/search.py for the
thesaurus's other words). Migration 0007 stores it (a column per language, kept by a trigger,
with a GIN index each), replacing the expression indexes that migration 0002 created with
the functions below."""

from iml_portal.fulltext import CONFIGS, Document, Field

__all__ = ["CONFIGS", "DOCUMENT", "create_indexes", "drop_indexes", "index_name"]

DOCUMENT = Document(
    model="publications.Publication",
    index_prefix="publication_search",
    fields=(Field("title", "A", is_translated=False), Field("summary"), Field("description")),
)

index_name = DOCUMENT.index_name
create_indexes = DOCUMENT.create_indexes
drop_indexes = DOCUMENT.drop_indexes
