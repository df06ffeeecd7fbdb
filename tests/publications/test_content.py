"""The seed catalogue says what the Unit's documents say, and nothing more."""

import pytest
from django.utils import translation

from publications.models import Publication, Series, Work

pytestmark = pytest.mark.django_db


def numbers(series_slug):
    return set(
        Publication.objects.filter(series__slug=series_slug).values_list("number", flat=True)
    )


def test_the_international_migration_law_series_holds_the_documents_numbers():
    # The documents name no N°3 and no N°21.
    expected = set(range(1, 28)) - {3, 21}
    assert numbers("international-migration-law") == expected


def test_every_publication_of_the_documents_is_there():
    # 34 from the documents' lists, and the Spanish 2019 Glossary they say exists.
    assert Publication.objects.count() == 35
    titles = set(Publication.objects.values_list("title", flat=True))
    for title in [
        "International Migration Law: Developing Paradigms and Key Challenges",
        "Compendium of International Migration Law Instruments",
        "A Rights-Based Approach to Programming",
        "Glossary on Migration",
        "IML Information Note on Consular Assistance",
        "IOM Road Map on Alternatives to Migration Detention: Tools Series N°1",
        "Advocating for Alternatives to Migration Detention: Tools Series N°2",
        "Derecho Internacional sobre Migración N°7 - Glosario sobre Migración",
        "Direito Internacional da Migração N° 22 - Glossário sobre Migração",
    ]:
        assert title in titles


def test_the_2007_volumes_have_no_number():
    for title in [
        "International Migration Law: Developing Paradigms and Key Challenges",
        "Compendium of International Migration Law Instruments",
    ]:
        publication = Publication.objects.get(title=title)
        assert (publication.number, publication.year) == (None, 2007)


def test_the_glossary_work_has_the_editions_the_documents_list():
    glossary = Work.objects.get(title_en="Glossary on Migration")
    editions = set(glossary.editions.values_list("number", "language", "year"))

    assert editions == {
        (1, "en", 2004),
        (2, "ru", 2004),
        (6, "ar", 2005),
        (7, "es", 2006),
        (8, "sl", 2006),
        (9, "fr", 2007),
        (10, "sq", 2007),
        (11, "bs", 2007),
        (13, "zh", 2008),
        (18, "tr", 2009),
        (20, "el", 2009),
        (22, "pt", 2010),
        (23, "mk", 2010),
        (25, "en", 2011),
        (26, "ko", 2011),
        (27, "vi", 2011),
        (None, "en", 2019),
        (None, "es", 2019),  # "available in English and Spanish"
    }


def test_n16_and_n17_are_the_english_and_french_editions_of_one_study():
    n16 = Publication.objects.get(series__slug="international-migration-law", number=16)
    n17 = Publication.objects.get(series__slug="international-migration-law", number=17)

    assert n16.work_id == n17.work_id is not None
    assert (n16.language, n17.language) == ("en", "fr")


def test_descriptions_are_given_in_three_languages_where_the_documents_give_one():
    for publication in Publication.objects.all():
        if publication.series.slug == "iom-atd-series":
            # The documents describe the series, not its two tools.
            assert publication.description_en == ""
            continue
        assert publication.description_en
        assert publication.description_fr
        assert publication.description_es


def test_the_truncated_n4_description_is_given_as_the_document_gives_it():
    n4 = Publication.objects.get(series__slug="international-migration-law", number=4)

    # Word for word, full stop included: nothing completed, nothing added (not even "…").
    assert n4.description_es == (
        "En el marco de sus actividades de capacitación y fortalecimiento institucional "
        "relativas al Derecho Internacional sobre Migración, la OIM organizó."
    )
    assert n4.description_en.endswith("IOM organized.")
    assert n4.description_fr.endswith("l'OIM a organisé.")
    assert n4.description_is_excerpt
    assert not n4.summary_en and not n4.original_description
    # It is the only description the documents cut short.
    assert list(Publication.objects.filter(description_is_excerpt=True)) == [n4]


def test_n22_has_its_portuguese_description_as_the_document_gives_it():
    n22 = Publication.objects.get(series__slug="international-migration-law", number=22)

    assert n22.language == "pt"
    assert n22.original_description.startswith(
        "Tem vindo a ser reconhecido que a migração é um problema"
    )
    assert n22.original_description.endswith("mais recentemente, no palco global.")
    # Only a publication in a language other than the site's has one.
    others = Publication.objects.exclude(original_description="")
    assert list(others) == [n22]


def test_access_to_justice_has_its_summary_in_three_languages():
    publication = Publication.objects.get(title__startswith="Migrants' Access to Justice")

    for language in ["en", "fr", "es"]:
        with translation.override(language):
            assert len(publication.summary) > 300


# The addresses public records establish (see fixtures: each with its source), and no other.
ADDRESSES = {
    (
        1,
        16,
    ): "https://publications.iom.int/books/international-migration-law-ndeg16-laws-legal-immigration-27-eu-member-states",
    (
        1,
        25,
    ): "http://publications.iom.int/books/international-migration-law-ndeg25-glossary-migration",
    (
        1,
        26,
    ): "http://publications.iom.int/books/international-migration-law-ndeg26-glossary-migration-korean",
    (
        1,
        27,
    ): "http://publications.iom.int/books/international-migration-law-ndeg27-glossary-migration-vietnamese",
    (
        3,
        1,
    ): "https://publications.iom.int/books/iom-road-map-alternatives-migration-detention-tools-series-ndeg1",
    "a-rights-based-approach-to-programming": "https://publications.iom.int/books/rights-based-approach-programming",
    "glossary-on-migration-2019": "https://publications.iom.int/system/files/pdf/iml_34_glossary.pdf",
}


def test_only_addresses_from_public_records_each_with_its_source():
    found = {}
    for publication in Publication.objects.exclude(link="").select_related("series"):
        key = (
            (publication.series.pk, publication.number)
            if publication.number is not None
            else publication.slug
        )
        found[key] = publication.link
        assert publication.link_source.startswith(("https://", "http://")), publication
    assert found == ADDRESSES
    # No file or cover is invented either.
    assert not Publication.objects.exclude(file="").exists()
    assert not Publication.objects.exclude(cover="").exists()


def test_the_database_refuses_an_address_without_its_source():
    from django.db import IntegrityError, transaction

    publication = Publication.objects.get(number=5)
    publication.link = "https://publications.iom.int/books/example"
    with pytest.raises(IntegrityError), transaction.atomic():
        publication.save()


def test_the_green_series_records_its_names_in_other_languages():
    series = Series.objects.get(slug="international-migration-law")

    assert dict(series.published_names.values_list("language", "name")) == {
        "en": "International Migration Law",
        "fr": "Droit international de la migration",
        "es": "Derecho Internacional sobre Migración",
        "pt": "Direito Internacional da Migração",
    }
