"""The thesaurus of international migration law terms, edited by staff in the admin, which
every search of the site goes through."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from iml_portal.models import Concept, Term
from iml_portal.search import expand
from tests.conftest import Page, url

pytestmark = pytest.mark.django_db

# The examples: one concept, its terms in English, French and Spanish.
EXAMPLES = [
    ("trafficking in persons", "traite des personnes", "trata de personas"),
    ("detention", "rétention", "detención"),
    ("migrant workers", "travailleurs migrants", "trabajadores migrantes"),
    ("statelessness", "apatridie", "apatridia"),
    ("smuggling of migrants", "trafic illicite de migrants", "tráfico ilícito de migrantes"),
    ("consular assistance", "assistance consulaire", "asistencia consular"),
]


def test_the_seed_thesaurus_has_forty_concepts_each_in_three_languages():
    assert Concept.objects.count() >= 40
    for concept in Concept.objects.prefetch_related("terms"):
        preferred = {term.language for term in concept.terms.all() if term.preferred}
        assert preferred == {"en", "fr", "es"}, concept


@pytest.mark.parametrize("terms", EXAMPLES, ids=[example[0] for example in EXAMPLES])
def test_each_example_is_one_concept(terms):
    concepts = {Term.objects.get(text=text).concept_id for text in terms}

    assert len(concepts) == 1
    # "détention" is a French synonym of the same concept.
    assert Term.objects.filter(concept_id=concepts.pop(), text="détention").exists() == (
        terms[0] == "detention"
    )


def test_a_search_expands_to_the_other_languages():
    expansion = expand("Trata")

    assert {"trafficking in persons", "traite des personnes"} <= set(expansion.terms)
    assert ("en", "trafficking in persons") in expansion.shown
    assert expand("zzz").terms == []
    assert expand("").terms == []


def test_staff_add_a_concept_in_the_admin_and_searches_use_it_at_once(admin_client, client):
    add = reverse("admin:iml_portal_concept_add")
    page = Page(admin_client.get(add))
    assert page.elements("input", name="terms-0-text")

    response = admin_client.post(
        add,
        {
            "note": "Remittances",
            "terms-TOTAL_FORMS": "3",
            "terms-INITIAL_FORMS": "0",
            "terms-0-language": "en",
            "terms-0-text": "remittances",
            "terms-0-preferred": "on",
            "terms-1-language": "fr",
            "terms-1-text": "biométrie",
            "terms-1-preferred": "on",
            "terms-2-language": "es",
            "terms-2-text": "remesas",
            "terms-2-preferred": "on",
        },
    )
    assert response.status_code == 302

    # "remesas" on the English page now also searches "biométrie" (a made-up link, to find
    # the biometrics publication by its French description).
    listed = client.get(url("publications:list", "en"), {"q": "remesas"}).content.decode()
    assert "Also searched:" in listed and "biométrie" in listed


def test_one_preferred_term_per_language():
    concept = Term.objects.get(text="statelessness").concept

    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.create(concept=concept, language="en", text="stateless people", preferred=True)


def test_the_admin_lists_concepts_with_their_terms_per_language(admin_client):
    page = Page(admin_client.get(reverse("admin:iml_portal_concept_changelist") + "?q=apatridie"))

    rows = [text for text in page.texts("tr") if "apatridie" in text]
    assert len(rows) == 1
    assert "statelessness" in rows[0] and "apatridia" in rows[0]


def test_handlers_cannot_edit_the_thesaurus(client):
    from django.contrib.auth.models import Group, User

    from contact.apps import HANDLERS_GROUP

    handler = User.objects.create_user("handler", is_staff=True)
    handler.groups.add(Group.objects.get(name=HANDLERS_GROUP))
    client.force_login(handler)

    assert client.get(reverse("admin:iml_portal_concept_changelist")).status_code == 403
