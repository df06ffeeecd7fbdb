"""No public page runs more than 10 SQL queries (measured with an empty cache)."""

import pytest

from tests.conftest import LANGUAGES
from tests.pages import PAGE_TYPES, STATUS, page_path

pytestmark = pytest.mark.django_db

BUDGET = 10


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_stays_within_the_query_budget(
    client, django_assert_max_num_queries, page_type, language
):
    path = page_path(page_type, language)

    with django_assert_max_num_queries(BUDGET):
        response = client.get(path)

    assert response.status_code == STATUS.get(page_type, 200)
