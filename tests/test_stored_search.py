"""The search documents are stored (iml_portal/fulltext.py): on PostgreSQL a trigger keeps them
in step with every insert and edit, whichever way it is made, and searching them finds and
ranks exactly as the documents computed from the fields did; nowhere are they loaded with a
row."""

import functools
import operator
import re

import pytest
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from iml_portal.fulltext import CONFIGS, query_with
from instruments.models import Instrument
from instruments.search import DOCUMENT as INSTRUMENTS
from publications.models import Publication
from publications.search import DOCUMENT as PUBLICATIONS
from tests.instruments.builders import make_instrument
from tests.publications.factories import make_publications

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the stored documents are PostgreSQL's"
)

COLUMN = re.compile(r'"search_(?:en|fr|es)"')
# A column of a stored document selected as such (not searched nor ranked).
SELECTED = re.compile(
    r'(?<!ts_rank\()"(?:publications_publication|instruments_instrument)"\."search_(?:en|fr|es)"\s*(?:,|FROM)'
)


def stored_equals_computed(model, document, pk, language):
    """The stored document of row `pk` is the one computed from its fields."""
    row = (
        model.objects.filter(pk=pk)
        .annotate(computed=document.expression(language))
        .values_list(f"search_{language}", "computed")
        .get()
    )
    return row[0] == row[1]


def found(model, terms, language):
    return set(model.objects.matching(terms, language).values_list("pk", flat=True))


# Each indexed field, with the value that makes a publication findable by a made-up word.
PUBLICATION_EDITS = {
    "title": ["title"],
    "summary": ["summary_en", "summary_fr", "summary_es"],
    "description": ["description_en", "description_fr", "description_es"],
}
INSTRUMENT_EDITS = {
    "title": ["title_en", "title_fr", "title_es"],
    "short_title": ["short_title_en", "short_title_fr", "short_title_es"],
    "description": ["description_en", "description_fr", "description_es"],
}


def fields_to_edit(edits):
    return [column for columns in edits.values() for column in columns]


@postgresql_only
def test_the_documents_are_stored_on_insert():
    publication = make_publications(1)[0]
    instrument = make_instrument(description_fr="Un traité sur les frontières")
    for language in CONFIGS:
        assert stored_equals_computed(Publication, PUBLICATIONS, publication.pk, language)
        assert stored_equals_computed(Instrument, INSTRUMENTS, instrument.pk, language)
    assert found(Instrument, "frontière", "fr") == {instrument.pk}


@postgresql_only
@pytest.mark.parametrize(
    "model, document, make, field",
    [
        (Publication, PUBLICATIONS, lambda: make_publications(1)[0], name)
        for name in fields_to_edit(PUBLICATION_EDITS)
    ]
    + [
        (Instrument, INSTRUMENTS, make_instrument, name)
        for name in fields_to_edit(INSTRUMENT_EDITS)
    ],
)
def test_an_edit_of_each_field_is_followed_in_each_language(model, document, make, field):
    row = make()
    setattr(row, field, "Zanzibarian quokkas")
    row.save()
    base, _, language = (
        field.rpartition("_") if field[-3:] in ("_en", "_fr", "_es") else (field, "", "")
    )
    # An untranslated field is searched in every language; an English one also in those
    # where the translation is empty; a translation in its own language.
    if not language:
        languages = list(CONFIGS)
    elif language == "en":
        languages = ["en"] + [code for code in ("fr", "es") if not getattr(row, f"{base}_{code}")]
    else:
        languages = [language]
    for code in CONFIGS:
        assert stored_equals_computed(model, document, row.pk, code)
        assert (found(model, "quokkas", code) == {row.pk}) == (code in languages)


@postgresql_only
def test_an_emptied_french_field_falls_back_to_english():
    instrument = make_instrument(description_en="About quokkas", description_fr="Sur les wombats")
    assert found(Instrument, "wombats", "fr") == {instrument.pk}
    assert found(Instrument, "quokkas", "fr") == set()

    instrument.description_fr = ""
    instrument.save()
    assert found(Instrument, "wombats", "fr") == set()
    assert found(Instrument, "quokkas", "fr") == {instrument.pk}
    assert stored_equals_computed(Instrument, INSTRUMENTS, instrument.pk, "fr")


@postgresql_only
def test_bulk_writes_and_raw_sql_are_followed():
    publications = make_publications(3)  # bulk_create
    Publication.objects.filter(pk=publications[0].pk).update(summary_es="Sobre los quokkas")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE publications_publication SET title = %s WHERE id = %s",
            ["On wombats", publications[1].pk],
        )
    assert found(Publication, "quokkas", "es") == {publications[0].pk}
    assert found(Publication, "wombats", "en") == {publications[1].pk}
    for publication in publications:
        for language in CONFIGS:
            assert stored_equals_computed(Publication, PUBLICATIONS, publication.pk, language)


@postgresql_only
def test_a_save_writing_null_into_the_columns_is_harmless():
    publication = Publication.objects.get(pk=make_publications(1)[0].pk)
    publication.search_en = None  # as Django writes a new object's
    publication.save()
    assert Publication.objects.filter(pk=publication.pk, search_en=None).count() == 0
    assert stored_equals_computed(Publication, PUBLICATIONS, publication.pk, "en")


QUERIES = [
    ("migration law", "en", ()),
    ("detention", "fr", ()),
    ("salud", "es", ("trata de personas",)),
    ("health -detention", "en", ("migration law",)),
    ('"migration law" 7', "en", ()),
]


def make_searched_publications(count, summarised=20):
    """`count` publications, the first `summarised` with summaries that the QUERIES find with
    different ranks (English and Spanish words repeated 0 to 3 times)."""
    publications = make_publications(count)
    for number, publication in enumerate(publications[:summarised]):
        publication.summary_en = "Migration law " * (number % 4) + "and trafficking in persons"
        publication.summary_es = "trata de personas " * (number % 3)
        publication.save()
    return publications


def ranked(vector, search):
    """[(id, rank)] of the publications whose `vector` matches `search`, best first."""
    rows = (
        Publication.objects.alias(vector=vector)
        .filter(vector=search)
        .annotate(rank=SearchRank(F("vector"), search))
        .order_by("-rank", "pk")
        .values_list("pk", "rank")
    )
    return [(pk, round(rank, 6)) for pk, rank in rows]


@postgresql_only
@pytest.mark.parametrize("terms, language, also", QUERIES)
def test_results_and_relevance_order_are_those_of_the_computed_document(terms, language, also):
    make_searched_publications(60)
    search = query_with(terms, language, also)

    stored = ranked(PUBLICATIONS.vector(language), search)
    assert stored
    assert stored == ranked(PUBLICATIONS.expression(language), search)
    ordered = Publication.objects.ordered(
        "relevance", terms=terms, language=language, also=also
    ).filter(pk__in=[pk for pk, _rank in stored])
    assert len(ordered) == len(stored)


@postgresql_only
@pytest.mark.parametrize("terms, language, also", QUERIES)
def test_the_thesaurus_query_in_one_expression_finds_and_ranks_as_its_parts_joined(
    terms, language, also
):
    """query_with compiles the words typed and the thesaurus's phrases as one expression
    (TermsOrPhrases): the same rows, ranked the same, as one SearchQuery each joined by OR."""
    make_searched_publications(40)
    config = CONFIGS[language]
    joined = functools.reduce(
        operator.or_,
        [SearchQuery(phrase, config=config, search_type="phrase") for phrase in also],
        SearchQuery(terms, config=config, search_type="websearch"),
    )
    vector = PUBLICATIONS.vector(language)

    assert ranked(vector, query_with(terms, language, also)) == ranked(vector, joined)


@postgresql_only
def test_the_thesaurus_query_negated_finds_the_other_rows():
    publications = make_publications(10)
    publications[0].summary_en = "trafficking in persons"
    publications[0].save()
    query = query_with("quokkas", "en", ("trafficking in persons",))
    vector = PUBLICATIONS.vector("en")

    def found(search):
        rows = Publication.objects.alias(vector=vector).filter(vector=search)
        return set(rows.values_list("pk", flat=True))

    assert found(query) == {publications[0].pk}
    assert found(~query) == {p.pk for p in Publication.objects.all()} - {publications[0].pk}


@postgresql_only
@pytest.mark.parametrize("language", CONFIGS)
def test_the_catalogue_search_can_find_through_its_indexes_alone(language):
    """A publication is found by its own match or by its work's (iml_portal/fulltext.py,
    EqualsAny): both through an index, so that a rare word reads a few rows, not the table."""
    make_publications(30)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE publications_publication")
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Publication.objects.public().search("quokkas", language).order_by().explain()
    assert PUBLICATIONS.index_name(language) in plan, plan
    assert "BitmapOr" in plan, plan


@postgresql_only
def test_the_instruments_search_uses_its_gin_indexes():
    for number in range(50):
        make_instrument(title=f"Convention {number} on migrant workers")
    make_instrument(title="Protocol on quokkas")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE instruments_instrument")
        cursor.execute("SET LOCAL enable_seqscan = off")
        for language in CONFIGS:
            # Unordered: no other index can serve the query.
            plan = Instrument.objects.matching("quokkas", language).order_by().explain()
            assert INSTRUMENTS.index_name(language) in plan, plan


def test_rows_are_loaded_without_their_search_documents():
    make_publications(2)
    make_instrument()
    for row in (Publication.objects.first(), Instrument.objects.first()):
        assert {"search_en", "search_fr", "search_es"} <= row.get_deferred_fields()


@pytest.mark.parametrize(
    "path",
    [
        "/en/publications/",
        "/fr/publications/?q=migration&sort=relevance",
        "/es/publications/?q=trata",
        "/en/instruments/",
        "/fr/instruments/?q=convention&sort=relevance",
        "/en/instruments/test-child/",
    ],
)
def test_listings_never_select_the_search_documents(client, path):
    make_publications(5)
    instrument = make_instrument()
    make_instrument(parent=instrument, slug="test-child")
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    selected = [q["sql"] for q in context.captured_queries if SELECTED.search(q["sql"])]
    assert not selected, selected
    if "q=" not in path:
        assert not [q["sql"] for q in context.captured_queries if COLUMN.search(q["sql"])]
