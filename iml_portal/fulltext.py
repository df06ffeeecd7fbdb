"""Full-text search over a model's text fields, shared by every app that searches (the
catalogue, the Migration Law Database): each describes its searchable fields once, as a
`Document`, and its QuerySet mixes in `SearchableQuerySet`.

On PostgreSQL: full-text search with the stemming of the interface language, ranked, and
served by one GIN expression index per language (created by a migration of the app, on
PostgreSQL only, with `Document.create_indexes`). The index is only used when a query's
expression is exactly the indexed one, so both come from `Document.vector()`; tests check
that the searches use the indexes. If you change a document's fields, add a migration that
drops and recreates its indexes.

Elsewhere (SQLite, for local runs and tests): every word must appear in the same text.
"""

import functools
import operator
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections, models
from django.db.models import BooleanField, ExpressionWrapper, F, Q, TextField, Value
from django.db.models.functions import Coalesce, Concat, NullIf

# The PostgreSQL text search configuration of each interface language.
CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}


def translated(field, language):
    """A translated field in `language`, the English text where that one is empty."""
    if language == "en":
        return F(f"{field}_en")
    return Coalesce(
        NullIf(F(f"{field}_{language}"), Value(""), output_field=TextField()),
        F(f"{field}_en"),
        output_field=TextField(),
    )


@dataclass(frozen=True)
class Field:
    name: str
    weight: str = "B"  # A (titles) ranks above B (descriptions)
    is_translated: bool = True  # registered with modeltranslation

    def expression(self, language):
        return translated(self.name, language) if self.is_translated else F(self.name)


@dataclass(frozen=True)
class Document:
    """The searchable text of one model: its fields, in the order they are indexed."""

    model: str  # "app_label.ModelName"
    index_prefix: str
    fields: tuple

    def index_name(self, language):
        return f"{self.index_prefix}_{language}"

    def vector(self, language):
        """The weighted search document for `language`."""
        config = CONFIGS.get(language, "english")
        vectors = [
            SearchVector(
                field.name if not field.is_translated else field.expression(language),
                config=config,
                weight=field.weight,
            )
            for field in self.fields
        ]
        return functools.reduce(operator.add, vectors)

    def plain_text(self, language):
        parts = [field.expression(language) for field in self.fields]
        joined = [part for expression in parts for part in (expression, Value(" "))][:-1]
        return Concat(*joined, output_field=TextField())

    def create_indexes(self, apps, schema_editor):
        """A GIN index over each language's search document, on PostgreSQL only."""
        if schema_editor.connection.vendor != "postgresql":
            return
        from django.contrib.postgres.indexes import GinIndex

        model = apps.get_model(self.model)
        for language in CONFIGS:
            index = GinIndex(self.vector(language), name=self.index_name(language))
            schema_editor.add_index(model, index)

    def drop_indexes(self, apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for language in CONFIGS:
            schema_editor.execute(f"DROP INDEX IF EXISTS {self.index_name(language)}")


def query(terms, language):
    # websearch syntax never fails on odd input: quotes, "or", a leading minus.
    return SearchQuery(terms, config=CONFIGS.get(language, "english"), search_type="websearch")


def query_with(terms, language, also=()):
    """`terms`, or any of the phrases in `also` (the thesaurus's other words)."""
    config = CONFIGS.get(language, "english")
    phrases = [SearchQuery(phrase, config=config, search_type="phrase") for phrase in also]
    return functools.reduce(operator.or_, phrases, query(terms, language))


class SearchableQuerySet(models.QuerySet):
    """`search_document` (a Document) names what is searched."""

    search_document = None

    @property
    def db_vendor(self):
        return connections[self.db].vendor

    def matching(self, terms, language, also=()):
        """Rows whose text (in `language`, English where untranslated) matches `terms` or one
        of the phrases `also`: full-text search with stemming on PostgreSQL, a match of every
        word (or of one phrase) elsewhere."""
        document = self.search_document
        if self.db_vendor == "postgresql":
            return self.alias(search_vector=document.vector(language)).filter(
                search_vector=query_with(terms, language, also)
            )
        return self.alias(search_text=document.plain_text(language)).filter(
            self._every_word(terms)
            | functools.reduce(
                operator.or_, (Q(search_text__icontains=phrase) for phrase in also), Q(pk=None)
            )
        )

    @staticmethod
    def _every_word(terms):
        return functools.reduce(
            operator.and_, (Q(search_text__icontains=word) for word in terms.split()), Q()
        )

    def with_relevance(self, terms, language, also=(), *, title="title"):
        """Annotates `direct` (1 where the words typed match, not only the thesaurus's) and
        `relevance` (the full-text rank on PostgreSQL; a match in `title` elsewhere)."""
        document = self.search_document
        if self.db_vendor == "postgresql":
            return self.alias(search_vector=document.vector(language)).annotate(
                direct=ExpressionWrapper(
                    Q(search_vector=query(terms, language)), output_field=BooleanField()
                ),
                relevance=SearchRank(document.vector(language), query_with(terms, language, also)),
            )
        direct = models.Case(
            models.When(self._every_word(terms), then=1),
            default=0,
            output_field=models.IntegerField(),
        )
        return self.alias(search_text=document.plain_text(language)).annotate(
            direct=direct,
            relevance=models.Case(
                models.When(**{f"{title}__icontains": terms}, then=1),
                default=0,
                output_field=models.IntegerField(),
            ),
        )
