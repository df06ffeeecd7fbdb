"""Volume for tests: many publications at once, with bulk_create (fixtures hold the content)."""

from iml_portal.languages import Language
from publications.models import Publication, Series, Theme

LANGUAGE_CODES = [code for code, _label in Language.choices]


def make_series(slug="test-series", **fields):
    return Series.objects.create(slug=slug, name_en=f"Test series {slug}", **fields)


def make_publications(count, *, series=None, prefix="test", start=1, **fields):
    """`count` publications in `series` (a new one by default), numbered from `start`, spread
    over years, languages and the seeded themes."""
    series = series or make_series(slug=f"{prefix}-series")
    themes = list(Theme.objects.all())
    publications = Publication.objects.bulk_create(
        Publication(
            series=series,
            number=number,
            title=f"Test publication {number} on migration law",
            slug=f"{prefix}-{number}",
            year=2000 + number % 25,
            language=LANGUAGE_CODES[number % len(LANGUAGE_CODES)],
            description_en=f"Test description {number} about detention and health.",
            description_fr=f"Description de test {number} sur la détention et la santé.",
            description_es=f"Descripción de prueba {number} sobre la detención y la salud.",
            **fields,
        )
        for number in range(start, start + count)
    )
    if themes:
        through = Publication.themes.through
        through.objects.bulk_create(
            through(publication_id=publication.pk, theme_id=themes[i % len(themes)].pk)
            for i, publication in enumerate(publications)
        )
    return publications


def counts_as_the_catalogue_grows(measure):
    """`measure()` (e.g. the queries a page runs) with 10 generated publications, then with
    1,000: a page whose queries stay flat gives the same number twice."""
    ten = make_publications(10)
    with_ten = measure()
    make_publications(990, series=ten[0].series, start=11)
    return with_ten, measure()
