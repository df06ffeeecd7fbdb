"""Full-text search over a model's text fields, shared by every app that searches (the
catalogue, the Migration Law Database): each describes its searchable fields once, as a
`Document`, and its QuerySet mixes in `SearchableQuerySet`.

On PostgreSQL: full-text search with the stemming of the interface language, ranked. Each
searchable model stores its search document, one tsvector column per language (`search_en`,
`search_fr`, `search_es`: `Document.columns()`), kept up to date by a BEFORE INSERT OR UPDATE
trigger whose body is generated from the Document (`Document.trigger_sql()`), and served by a
GIN index per column. Matching and ranking read the stored vector (`Document.vector()`) rather
than recomputing it for every row found. Migration 0007 of publications and 0004 of
instruments add the columns, the trigger and the indexes (`Document.create_stored_vectors`),
replacing the GIN expression indexes of their migration 0002 (`Document.create_indexes`). The
columns are never loaded with a row (`SearchableManager` defers them). If you change a
document's fields, add a migration that runs `create_stored_vectors` again (it replaces the
trigger and recomputes every row).

Elsewhere (SQLite, for local runs and tests): every word must appear in the same text.
"""

import functools
import operator
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections, models
from django.db.models import BooleanField, ExpressionWrapper, F, Lookup, Q, TextField, Value
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

    def columns(self):
        """The stored search documents' columns, one per language."""
        return [column(language) for language in CONFIGS]

    def vector(self, language):
        """The stored search document for `language` (PostgreSQL); English's for a language
        without one."""
        return F(column(language if language in CONFIGS else "en"))

    def expression(self, language):
        """The weighted search document for `language`, computed from the fields: what the
        trigger stores (see `trigger_sql`), and what the expression indexes of migration 0002
        indexed."""
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
            index = GinIndex(self.expression(language), name=self.index_name(language))
            schema_editor.add_index(model, index)

    def drop_indexes(self, apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for language in CONFIGS:
            schema_editor.execute(f"DROP INDEX IF EXISTS {self.index_name(language)}")

    # The stored search documents: a trigger computes them on every insert, and on every
    # update that writes one of the fields (or one of the columns, which Django may set to
    # NULL: the trigger overwrites what it writes).

    def _names(self, model):
        table = model._meta.db_table
        return table, f"{table}_search", f"{self.index_prefix}_trigger"

    def _field_sql(self, model, field, language, quote):
        def col(name):
            return "NEW." + quote(model._meta.get_field(name).column)

        if not field.is_translated:
            text = col(field.name)
        elif language == "en":
            text = col(f"{field.name}_en")
        else:
            own, english = col(f"{field.name}_{language}"), col(f"{field.name}_en")
            text = f"COALESCE(NULLIF({own}, ''), {english})"
        config = CONFIGS[language]
        return (
            f"setweight(to_tsvector('{config}'::regconfig, COALESCE(({text})::text, '')), "
            f"'{field.weight}')"
        )

    def trigger_columns(self, model):
        """The columns whose update recomputes the stored documents."""
        names = [
            model._meta.get_field(f"{field.name}_{language}").column
            for field in self.fields
            if field.is_translated
            for language in CONFIGS
        ]
        names += [model._meta.get_field(f.name).column for f in self.fields if not f.is_translated]
        return names + self.columns()

    def trigger_sql(self, model, quote=lambda name: f'"{name}"'):
        """The SQL that creates (or replaces) the function and the trigger that fill the
        columns of `model` (a model, or the historical one of a migration)."""
        table, function, trigger = self._names(model)
        assignments = "\n".join(
            f"  NEW.{quote(column(language))} := "
            + " || ".join(self._field_sql(model, field, language, quote) for field in self.fields)
            + ";"
            for language in CONFIGS
        )
        of = ", ".join(quote(name) for name in self.trigger_columns(model))
        return [
            f"CREATE OR REPLACE FUNCTION {quote(function)}() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$\nBEGIN\n{assignments}\n  RETURN NEW;\nEND\n$$",
            f"DROP TRIGGER IF EXISTS {quote(trigger)} ON {quote(table)}",
            f"CREATE TRIGGER {quote(trigger)} BEFORE INSERT OR UPDATE OF {of} ON {quote(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION {quote(function)}()",
        ]

    def create_stored_vectors(self, apps, schema_editor):
        """The trigger, every row's documents, and a GIN index per column (named as the
        expression indexes they replace, which are dropped): on PostgreSQL only."""
        if schema_editor.connection.vendor != "postgresql":
            return
        model = apps.get_model(self.model)
        quote = schema_editor.quote_name
        table = quote(model._meta.db_table)
        for statement in self.trigger_sql(model, quote):
            schema_editor.execute(statement)
        # Fires the trigger on every row.
        schema_editor.execute(f"UPDATE {table} SET {quote(column('en'))} = NULL")
        for language in CONFIGS:
            name = quote(self.index_name(language))
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
            schema_editor.execute(
                f"CREATE INDEX {name} ON {table} USING gin ({quote(column(language))})"
            )

    def drop_stored_vectors(self, apps, schema_editor):
        """Back to the expression indexes (the columns are removed by the migration)."""
        if schema_editor.connection.vendor != "postgresql":
            return
        model = apps.get_model(self.model)
        quote = schema_editor.quote_name
        table, function, trigger = self._names(model)
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote(trigger)} ON {quote(table)}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {quote(function)}()")
        self.drop_indexes(apps, schema_editor)
        self.create_indexes(apps, schema_editor)


def column(language):
    """The column of the stored search document in `language`."""
    return f"search_{language}"


def search_field():
    """A stored search document's field (one per language: see `Document.columns()`); filled
    by the trigger on PostgreSQL, empty elsewhere, never in forms nor in fixtures."""
    from django.contrib.postgres.search import SearchVectorField

    return SearchVectorField(null=True, editable=False, serialize=False)


class SearchableManager(models.Manager):
    """Never loads the stored search documents with a row."""

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.defer(*queryset.search_document.columns())


def query(terms, language):
    # websearch syntax never fails on odd input: quotes, "or", a leading minus.
    return SearchQuery(terms, config=CONFIGS.get(language, "english"), search_type="websearch")


def query_with(terms, language, also=()):
    """`terms`, or any of the phrases in `also` (the thesaurus's other words)."""
    if not also:
        return query(terms, language)
    return TermsOrPhrases(terms, also, config=CONFIGS.get(language, "english"))


class TermsOrPhrases(SearchQuery):
    """websearch_to_tsquery(terms) || phraseto_tsquery(phrase) || … for every phrase, as one
    expression: Django resolves and compiles the same OR of one SearchQuery per phrase node by
    node, which cost 2 ms per use at the thesaurus's 27 phrases (a search uses it four times)."""

    def __init__(self, terms, phrases, *, config):
        super().__init__(terms, config=config, search_type="websearch")
        self.terms, self.phrases, self.config_name = terms, tuple(phrases), config

    def as_sql(self, compiler, connection, function=None, template=None):
        calls = ["websearch_to_tsquery(%s::regconfig, %s)"]
        calls += ["phraseto_tsquery(%s::regconfig, %s)"] * len(self.phrases)
        params = [self.config_name, self.terms]
        for phrase in self.phrases:
            params += [self.config_name, phrase]
        sql = "(" + " || ".join(calls) + ")"
        return f"!!{sql}" if self.invert else sql, params


class EqualsAny(Lookup):
    """`lhs` is one of a list of integers, or of the values a subquery returns.

    A list goes as one literal: `= ANY('{1,2,…}'::bigint[])` on PostgreSQL,
    `IN (SELECT value FROM json_each('[1,2,…]'))` on SQLite. One constant to parse and plan,
    however long the list is: psycopg2 would write a Python list as ARRAY[1, 2, …], an
    expression of one constant per value (four times slower to plan at 20,000 ids), and
    IN (%s, %s, …) takes a parameter per value, which SQLite limits to 32,766.

    A subquery goes as `= ANY(ARRAY(subquery))` on PostgreSQL: an array computed once, which
    an index can look up even beside an OR (`IN (subquery)` there makes the planner read the
    whole table); as `IN (subquery)` on SQLite."""

    lookup_name = "equals_any"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        values = ",".join(str(int(item)) for item in value)
        return "%s", ["[" + values + "]" if connection.vendor == "sqlite" else "{" + values + "}"]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        array = f"{rhs}::bigint[]" if self.rhs_is_direct_value() else f"ARRAY{rhs}"
        return f"{lhs} = ANY({array})", (*lhs_params, *rhs_params)

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        values = f"(SELECT value FROM json_each({rhs}))" if self.rhs_is_direct_value() else rhs
        return f"{lhs} IN {values}", (*lhs_params, *rhs_params)


def one_of(field, values):
    """A filter: `field` is one of `values`, integers or a subquery (see EqualsAny)."""
    return EqualsAny(F(field), values)


def plain(rows):
    """`rows` without modeltranslation's pass over each row that values() makes (to fall
    back to English), which costs more than the query when thousands of rows are read and no
    translated field is among them."""
    return rows.rewrite(False)


class SearchableQuerySet(models.QuerySet):
    """`search_document` (a Document) names what is searched."""

    search_document = None

    @property
    def db_vendor(self):
        return connections[self.db].vendor

    def among(self, ids):
        """Rows whose id is one of `ids` (see `one_of`)."""
        return self.filter(one_of("pk", ids))

    def matching(self, terms, language, also=()):
        """Rows whose text (in `language`, English where untranslated) matches `terms` or one
        of the phrases `also`: full-text search with stemming on PostgreSQL, a match of every
        word (or of one phrase) elsewhere."""
        rows, condition = self.match(terms, language, also)
        return rows.filter(condition)

    def match(self, terms, language, also=()):
        """(rows, condition): these rows with what `condition` tests, the condition of
        `matching`, to combine with others."""
        document = self.search_document
        if self.db_vendor == "postgresql":
            return (
                self.alias(search_vector=document.vector(language)),
                Q(search_vector=query_with(terms, language, also)),
            )
        return (
            self.alias(search_text=document.plain_text(language)),
            self._every_word(terms)
            | functools.reduce(
                operator.or_, (Q(search_text__icontains=phrase) for phrase in also), Q(pk=None)
            ),
        )

    def found(self, terms, language, columns, also=()):
        """[tuple of `columns`] of the rows that `search` (the model's own) finds, most
        relevant first (`ordered("relevance")`)."""
        found = self.search(terms, language, also).ordered(
            "relevance", terms=terms, language=language, also=also
        )
        return list(plain(found).values_list(*columns))

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
