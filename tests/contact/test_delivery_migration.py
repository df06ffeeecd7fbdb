"""Migration 0002 moves each email's delivery state from the request's columns to its own
EmailDelivery row, keeping it: what was sent stays sent, what waits is due when it was."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("contact", "0001_initial")]
AFTER = [("contact", "0002_email_delivery_and_status_changed_by")]


@pytest.mark.django_db(transaction=True)
def test_every_delivery_keeps_its_state(content):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("contact", "ContactRequest")
    now = timezone.now()
    common = {
        "request_type": "other",
        "name": "N",
        "organization": "O",
        "country": "CH",
        "email": "n@example.org",
        "subject": "S",
        "message": "M",
        "language": "en",
        "consented_at": now,
    }
    sent = old.objects.create(
        form_token="00000000-0000-0000-0000-000000000001",
        notification_state="sent",
        notification_attempts=1,
        notification_sent_at=now,
        acknowledgement_state="sent",
        acknowledgement_attempts=2,
        acknowledgement_sent_at=now,
        **common,
    )
    failing = old.objects.create(
        form_token="00000000-0000-0000-0000-000000000002",
        notification_state="failed",
        notification_attempts=3,
        notification_last_attempt_at=now,
        notification_last_error="SMTPException: down",
        acknowledgement_state="pending",
        **common,
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    delivery = executor.loader.project_state(AFTER).apps.get_model("contact", "EmailDelivery")

    rows = {(row.request_id, row.kind): row for row in delivery.objects.all()}
    assert len(rows) == 4
    assert rows[sent.pk, "acknowledgement"].state == "sent"
    assert rows[sent.pk, "acknowledgement"].attempts == 2
    assert rows[sent.pk, "acknowledgement"].next_attempt_at is None
    failed = rows[failing.pk, "notification"]
    assert (failed.state, failed.attempts, failed.last_error) == (
        "failed",
        3,
        "SMTPException: down",
    )
    assert failed.next_attempt_at == now + timedelta(minutes=20)  # the third retry's wait
    assert rows[failing.pk, "acknowledgement"].next_attempt_at == failing.created_at

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("contact"))
