"""Real concurrent submissions, on PostgreSQL (SQLite serialises writers anyway)."""

import threading
import uuid

import pytest
from django.db import connection, connections

from contact.models import ContactRequest
from contact.services import submit_request
from tests.contact.factories import form_data

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers"),
]


def submit_in_threads(tokens):
    barrier = threading.Barrier(len(tokens))
    results, errors = [], []

    def submit(token):
        values = {
            k: v for k, v in form_data().items() if k not in {"consent", "website", "form_token"}
        }
        try:
            barrier.wait()
            results.append(submit_request(form_token=token, **values))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_copies_of_one_form_sent_at_once_save_one_request():
    token = uuid.uuid4()

    results = submit_in_threads([token] * 6)

    assert ContactRequest.objects.count() == 1
    assert {request.pk for request, _created in results} == {ContactRequest.objects.get().pk}
    assert sorted(created for _request, created in results) == [False] * 5 + [True]


def test_different_forms_sent_at_once_get_distinct_references():
    submit_in_threads([uuid.uuid4() for _ in range(6)])

    references = list(ContactRequest.objects.values_list("reference", flat=True))
    assert len(references) == len(set(references)) == 6
    assert all(reference.startswith("IML-") for reference in references)
