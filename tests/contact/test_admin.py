"""The Unit's inbox in the admin, and the handlers group."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from contact.admin import csv_cell
from contact.apps import HANDLERS_GROUP
from contact.models import ContactRequest, EmailDelivery
from tests.conftest import Page
from tests.contact.factories import make_request, make_requests

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:contact_contactrequest_changelist")


def set_emails(request, **states):
    """Give the request's emails these states, e.g. notification="sent"."""
    for kind, state in states.items():
        EmailDelivery.objects.filter(request=request, kind=kind).update(state=state)


def change_url(request):
    return reverse("admin:contact_contactrequest_change", args=[request.pk])


def test_changelist_lists_newest_first_with_the_inbox_columns(admin_client):
    older = make_request(subject="Older")
    ContactRequest.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=2))
    newer = make_request(subject="Newer", request_type="training", country="CH")

    page = Page(admin_client.get(CHANGELIST))

    headers = page.texts("th")
    headers = headers[headers.index("Reference") :]
    assert headers[:8] == [
        "Reference",
        "Type of request",
        "Country",
        "Language",
        "Status",
        "Assigned to",
        "Emails",
        "Received",
    ]
    rows = [text for text in page.texts("tr") if "IML-" in text]
    assert rows[0].startswith(newer.reference) and rows[1].startswith(older.reference)
    assert "Switzerland" in rows[0] and "Training and capacity building" in rows[0]
    assert "pending" in rows[0]
    set_emails(newer, notification="sent")
    rows = [text for text in Page(admin_client.get(CHANGELIST)).texts("tr") if "IML-" in text]
    assert "Unit: sent · requester: pending" in rows[0]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status__exact=closed", {"closed"}),
        ("request_type__exact=training", {"training"}),
        ("language__exact=es", {"es"}),
        ("country=CH", {"ch"}),
        ("delivery=failed", {"failed"}),
        ("delivery=sent", {"sent"}),
        ("delivery=waiting", {"waiting"}),
        ("q=Ministry+of+Health", {"health"}),
        ("q=zoe%40example.org", {"zoe"}),
    ],
)
def test_filters_and_search(admin_client, query, expected):
    tagged = {
        "closed": make_request(subject="closed"),
        "training": make_request(subject="training", request_type="training"),
        "es": make_request(subject="es", language="es"),
        "ch": make_request(subject="ch", country="CH"),
        "failed": make_request(subject="failed"),
        "sent": make_request(subject="sent"),
        "health": make_request(subject="health", organization="Ministry of Health"),
        "zoe": make_request(subject="zoe", email="zoe@example.org"),
    }
    ContactRequest.objects.filter(pk=tagged["closed"].pk).update(status="closed")
    for request in tagged.values():
        set_emails(request, notification="sent", acknowledgement="sent")
    set_emails(tagged["failed"], acknowledgement="failed")
    tagged["waiting"] = make_request(subject="waiting")
    set_emails(tagged["waiting"], notification="sent")

    response = admin_client.get(f"{CHANGELIST}?{query}")

    assert response.status_code == 200
    shown = {obj.subject for obj in response.context["cl"].result_list}
    if query == "delivery=sent":
        # Every request but the failed and the waiting ones had both emails sent.
        assert shown == set(tagged) - {"failed", "waiting"}
    else:
        assert shown == expected


def test_search_by_reference(admin_client):
    requests = make_requests(3)

    response = admin_client.get(f"{CHANGELIST}?q={requests[1].reference}")

    assert [r.pk for r in response.context["cl"].result_list] == [requests[1].pk]


def test_changelist_queries_stay_flat(admin_client, django_assert_max_num_queries):
    admin_user = User.objects.get(username="admin")
    for request in make_requests(5):
        ContactRequest.objects.filter(pk=request.pk).update(assignee=admin_user)
    admin_client.get(CHANGELIST)
    with django_assert_max_num_queries(12) as few:
        admin_client.get(CHANGELIST)
    make_requests(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert admin_client.get(CHANGELIST).status_code == 200


def test_nothing_can_be_added_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:contact_contactrequest_add")).status_code == 403


def test_submitted_fields_are_read_only_and_escaped(admin_client):
    request = make_request(
        name="<script>alert(1)</script>",
        subject="<b>bold</b>",
        message="<script>alert(1)</script>\nline two",
    )

    page = Page(admin_client.get(change_url(request)))

    editable = {
        element["name"]
        for tag in ["input", "select", "textarea"]
        for element in page.elements(tag)
        if element.get("name")
        and element.get("type") != "hidden"
        and not element["name"].startswith("_")
    }
    assert editable == {"status", "assignee", "internal_notes"}
    assert "<script>alert(1)</script>" not in page.html
    assert "<b>bold</b>" not in page.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>line two" in page.html
    assert "&lt;b&gt;bold&lt;/b&gt;" in page.html


def test_changelist_escapes_what_requesters_wrote(admin_client):
    make_request(name="<script>alert(1)</script>")
    ContactRequest.objects.update(reference="<b>IML</b>")  # never happens, but still escaped

    html = admin_client.get(CHANGELIST).content.decode()

    assert "<b>IML</b>" not in html and "&lt;b&gt;IML&lt;/b&gt;" in html


def test_workflow_moves_through_the_statuses_and_records_when(admin_client):
    request = make_request()
    staff = User.objects.create_user("anne", is_staff=True)
    User.objects.create_user("outsider", is_staff=False)

    page = Page(admin_client.get(change_url(request)))
    status_choices = [
        o["value"]
        for o in page.elements("option")
        if o["value"] in {"new", "in_progress", "answered", "closed"}
    ]
    assert status_choices == ["new", "in_progress", "answered", "closed"]
    assignees = Page(admin_client.get(change_url(request))).texts("option")
    assert "anne" in assignees and "outsider" not in assignees

    before = request.status_changed_at
    for status in ["in_progress", "answered", "closed"]:
        response = admin_client.post(
            change_url(request),
            {"status": status, "assignee": staff.pk, "internal_notes": f"now {status}"},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        request.refresh_from_db()
        assert request.status == status
        assert request.status_changed_at > before
        before = request.status_changed_at
    assert request.assignee == staff
    assert request.internal_notes == "now closed"
    # The submitted fields did not change.
    assert request.name == "Amina Diallo"

    # Saving without changing the status keeps its date.
    admin_client.post(change_url(request), {"status": "closed", "internal_notes": "x"})
    request.refresh_from_db()
    assert request.status_changed_at == before


def test_workflow_refuses_a_move_it_does_not_allow(admin_client):
    request = make_request()
    ContactRequest.objects.filter(pk=request.pk).update(status="closed")

    response = admin_client.post(change_url(request), {"status": "new"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status"]
    request.refresh_from_db()
    assert request.status == "closed"


def test_posted_submitted_fields_are_ignored(admin_client):
    request = make_request()

    admin_client.post(
        change_url(request),
        {"status": "in_progress", "name": "Changed", "email": "evil@example.org"},
    )

    request.refresh_from_db()
    assert (request.status, request.name) == ("in_progress", "Amina Diallo")
    assert request.email == "amina.diallo@example.org"


def test_change_form_shows_each_emails_delivery(admin_client):
    request = make_request()
    EmailDelivery.objects.filter(request=request, kind="notification").update(
        state=EmailDelivery.State.FAILED,
        attempts=3,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )

    text = Page(admin_client.get(change_url(request))).text()

    assert "notification to the Unit: failed · 3 attempts · next attempt " in text
    assert "· last error: ConnectionRefusedError: [Errno 111] Connection refused" in text
    assert "acknowledgement to the requester: pending · 0 attempts · next attempt " in text


def export(client, requests):
    return client.post(
        CHANGELIST,
        {"action": "export_csv", "_selected_action": [r.pk for r in requests]},
    )


def test_csv_export_of_selected_requests(admin_client):
    first, second, _not_selected = make_requests(3)

    response = export(admin_client, [first, second])

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Reference", "Received", "Type of request"]
    assert [row[0] for row in rows[1:]] == [first.reference, second.reference]
    assert rows[1][rows[0].index("Message")] == (
        "We would like the Unit to review our draft law.\nThank you."
    )
    assert rows[1][rows[0].index("Country")] == "Senegal"


@pytest.mark.parametrize(
    ("typed", "exported"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+41 22 000 00 00", "'+41 22 000 00 00"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Plain", "Plain"),
    ],
)
def test_csv_export_defuses_formulas(admin_client, typed, exported):
    request = make_request(subject=typed)

    rows = list(
        csv.reader(io.StringIO(export(admin_client, [request]).content.decode("utf-8-sig")))
    )

    assert rows[1][rows[0].index("Subject")] == exported


def test_csv_cell():
    assert csv_cell(None) == ""
    assert csv_cell("\t=1") == "'\t=1"
    assert csv_cell("a=b") == "a=b"


def test_retry_action_sends_the_unsent_emails(admin_client, django_capture_on_commit_callbacks):
    request = make_request()
    EmailDelivery.objects.filter(request=request, kind="notification").update(
        state="failed", attempts=99, next_attempt_at=None
    )
    set_emails(request, acknowledgement="sent")

    response = admin_client.post(
        CHANGELIST, {"action": "retry_emails", "_selected_action": [request.pk]}, follow=True
    )

    assert response.status_code == 200
    assert request.deliveries.get(kind="notification").state == "sent"
    assert [m.to for m in mail.outbox] == [["iml@iom.int"]]


# The handlers group ------------------------------------------------------------------------


def test_handlers_group_has_exactly_view_and_change():
    group = Group.objects.get(name=HANDLERS_GROUP)

    assert sorted(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("contact", "change_contactrequest"),
        ("contact", "view_contactrequest"),
    ]


def test_handlers_group_is_put_back_in_sync_by_migrate():
    group = Group.objects.get(name=HANDLERS_GROUP)
    group.permissions.add(Permission.objects.get(codename="delete_contactrequest"))
    group.permissions.add(Permission.objects.get(codename="change_unit"))

    call_command("migrate", verbosity=0)
    call_command("migrate", verbosity=0)

    assert Group.objects.filter(name=HANDLERS_GROUP).count() == 1
    assert sorted(group.permissions.values_list("codename", flat=True)) == [
        "change_contactrequest",
        "view_contactrequest",
    ]


def test_handler_opens_updates_and_exports_requests(client, handler):
    request = make_request()

    assert client.get(CHANGELIST).status_code == 200
    assert client.get(change_url(request)).status_code == 200
    response = client.post(
        change_url(request),
        {"status": "in_progress", "assignee": handler.pk, "internal_notes": "mine"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.assignee) == ("in_progress", handler)
    assert export(client, [request]).status_code == 200


def test_handler_cannot_delete_or_add(client, handler):
    request = make_request()

    delete = reverse("admin:contact_contactrequest_delete", args=[request.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    response = client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [request.pk], "post": "yes"}
    )
    assert ContactRequest.objects.filter(pk=request.pk).exists()
    assert response.status_code in (200, 302)
    assert client.get(reverse("admin:contact_contactrequest_add")).status_code == 403


def test_handler_sees_no_other_app_in_the_admin(client, handler):
    index = Page(client.get(reverse("admin:index")))

    hrefs = {a.get("href") for a in index.elements("a")}
    assert CHANGELIST in hrefs
    assert not any(
        href
        and href.startswith("/admin/")
        and href.count("/") > 3
        and not href.startswith("/admin/contact/")
        and not href.startswith("/admin/password_change/")
        for href in hrefs
    ), hrefs
    for other in [
        reverse("admin:units_unit_changelist"),
        reverse("admin:units_teammember_changelist"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_group_changelist"),
    ]:
        assert client.get(other).status_code == 403, other


@pytest.mark.django_db(transaction=True)
def test_handlers_group_survives_a_flush():
    """Transactional tests (the browser ones) flush the database, which also emits
    post_migrate."""
    call_command("flush", "--noinput", verbosity=0)

    group = Group.objects.get(name=HANDLERS_GROUP)
    assert group.permissions.count() == 2


def test_a_purged_request_can_be_read_but_not_changed(admin_client):
    from contact.services import purge_personal_data

    contact_request = make_request()
    ContactRequest.objects.filter(pk=contact_request.pk).update(
        status=ContactRequest.Status.CLOSED,
        status_changed_at=timezone.now() - timedelta(days=400),
    )
    purge_personal_data()

    page = admin_client.get(change_url(contact_request))
    assert page.status_code == 200
    assert b'name="internal_notes"' not in page.content
    response = admin_client.post(change_url(contact_request), {"internal_notes": "Too late"})
    assert response.status_code == 403
    contact_request.refresh_from_db()
    assert contact_request.internal_notes == ""
