"""The Migration Law Database's search document: an instrument's title and short title, then
its description, in the interface language (English where untranslated). How it is searched
and indexed is site-wide: see iml_portal/fulltext.py. Migration 0004 stores it (a column per
language, kept by a trigger, with a GIN index each), replacing migration 0002's indexes."""

from iml_portal.fulltext import Document, Field

DOCUMENT = Document(
    model="instruments.Instrument",
    index_prefix="instrument_search",
    fields=(Field("title", "A"), Field("short_title", "A"), Field("description")),
)
