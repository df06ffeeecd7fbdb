"""Search over a publication's title, description and summary in the interface language, and
over the other words the thesaurus adds to a search (`also`: see iml_portal/search.py).

On PostgreSQL: full-text search with the stemming of the interface language, ranked, and
served by one GIN expression index per language (created by migration 0002 on PostgreSQL only).
The index is only used when a query's expression is exactly the indexed one, so both come from
`document()` below; a test checks that the search uses the index. If you change `document()`,
add a migration that drops and recreates the indexes (`create_indexes`/`drop_indexes`).

Elsewhere (SQLite, for local runs and tests): every word must appear in the same text.
"""

import functools
import operator

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import BooleanField, ExpressionWrapper, F, Q, TextField, Value
from django.db.models.functions import Coalesce, Concat, NullIf

# The PostgreSQL text search configuration of each interface language.
CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}


def index_name(language):
    return f"publication_search_{language}"


def _translated(field, language):
    """A translated field in `language`, the English text where that one is empty."""
    if language == "en":
        return F(f"{field}_en")
    return Coalesce(
        NullIf(F(f"{field}_{language}"), Value(""), output_field=TextField()),
        F(f"{field}_en"),
        output_field=TextField(),
    )


def document(language):
    """The weighted search document of a publication for `language`: title first."""
    config = CONFIGS.get(language, "english")
    return (
        SearchVector("title", config=config, weight="A")
        + SearchVector(_translated("summary", language), config=config, weight="B")
        + SearchVector(_translated("description", language), config=config, weight="B")
    )


def query(terms, language):
    # websearch syntax never fails on odd input: quotes, "or", a leading minus.
    return SearchQuery(terms, config=CONFIGS.get(language, "english"), search_type="websearch")


def query_with(terms, language, also=()):
    """`terms`, or any of the phrases in `also` (the thesaurus's other words)."""
    config = CONFIGS.get(language, "english")
    phrases = [SearchQuery(phrase, config=config, search_type="phrase") for phrase in also]
    return functools.reduce(operator.or_, phrases, query(terms, language))


def rank(terms, language, also=()):
    return SearchRank(document(language), query_with(terms, language, also))


def direct_match(terms, language):
    """True where the document matches the words typed themselves (not only the thesaurus's):
    those come first."""
    return ExpressionWrapper(Q(search_document=query(terms, language)), output_field=BooleanField())


def plain_text(language):
    return Concat(
        "title",
        Value(" "),
        _translated("description", language),
        Value(" "),
        _translated("summary", language),
        output_field=TextField(),
    )


def create_indexes(apps, schema_editor):
    """A GIN index over each language's search document, on PostgreSQL only."""
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.indexes import GinIndex

    model = apps.get_model("publications", "Publication")
    for language in CONFIGS:
        schema_editor.add_index(model, GinIndex(document(language), name=index_name(language)))


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in CONFIGS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index_name(language)}")
