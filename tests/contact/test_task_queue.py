"""In production the emails leave the web request: the submission queues a task in the
database, and `manage.py db_worker` sends it (django-tasks-db)."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from contact.models import ContactRequest, EmailDelivery
from tests.conftest import url
from tests.contact.factories import form_data

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)  # the task is queued once the request's data commits
def test_a_submission_queues_its_emails_and_the_worker_sends_them(client, settings):
    settings.TASKS = DATABASE_TASKS

    response = client.post(url("contact:form", "fr"), form_data())

    assert response.status_code == 302
    contact_request = ContactRequest.objects.get()
    assert mail.outbox == []  # nothing sent while the visitor waited
    assert set(contact_request.deliveries.values_list("state", flat=True)) == {"pending"}
    assert DBTaskResult.objects.count() == 1

    call_command("db_worker", "--batch", verbosity=0)

    assert dict(contact_request.deliveries.values_list("kind", "state")) == {
        EmailDelivery.Kind.NOTIFICATION: EmailDelivery.State.SENT,
        EmailDelivery.Kind.ACKNOWLEDGEMENT: EmailDelivery.State.SENT,
    }
    assert sorted(message.to[0] for message in mail.outbox) == [
        "amina.diallo@example.org",
        "iml@iom.int",
    ]
