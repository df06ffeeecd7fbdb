"""The Migration Law Database's search document: an instrument's title and short title, then
its description, in the interface language (English where untranslated). How it is searched
and indexed is site-wide: see iml_portal/fulltext.py. Migration 0002 creates the indexes."""

from iml_portal.fulltext import Document, Field

DOCUMENT = Document(
    model="instruments.Instrument",
    index_prefix="instrument_search",
    fields=(Field("title", "A"), Field("short_title", "A"), Field("description")),
)
