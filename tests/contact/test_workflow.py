"""A request's status moves only through contact.services.change_status, whoever calls it:
the admin, a command or the shell."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from contact.models import ContactRequest
from contact.services import change_status
from tests.contact.factories import make_request

pytestmark = pytest.mark.django_db


def test_a_move_the_workflow_allows_records_when_and_by_whom():
    request = make_request()
    anne = User.objects.create_user("anne", is_staff=True)
    before = request.status_changed_at

    change_status(request, to=ContactRequest.Status.IN_PROGRESS, by=anne)

    request = ContactRequest.objects.get(pk=request.pk)
    assert request.status == ContactRequest.Status.IN_PROGRESS
    assert request.status_changed_at > before
    assert request.status_changed_by == anne


@pytest.mark.parametrize(
    ("start", "to"),
    [("closed", "new"), ("closed", "answered"), ("in_progress", "new"), ("answered", "new")],
)
def test_a_move_the_workflow_does_not_allow_is_refused(start, to):
    request = make_request()
    ContactRequest.objects.filter(pk=request.pk).update(status=start)
    request.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        change_status(request, to=to)

    assert "cannot move from" in str(refused.value)
    assert ContactRequest.objects.get(pk=request.pk).status == start


def test_staying_in_the_same_status_changes_nothing():
    request = make_request()
    before = request.status_changed_at

    change_status(request, to="new")

    assert ContactRequest.objects.get(pk=request.pk).status_changed_at == before


def test_saving_a_status_set_by_hand_is_refused():
    """From the shell: request.status = "closed"; request.save() would skip the rules."""
    request = ContactRequest.objects.get(pk=make_request().pk)
    request.status = ContactRequest.Status.CLOSED

    with pytest.raises(ValueError, match="change_status"):
        request.save()

    assert ContactRequest.objects.get(pk=request.pk).status == "new"
    # Other fields save as usual.
    request.status = "new"
    request.internal_notes = "Called back"
    request.save()
    assert ContactRequest.objects.get(pk=request.pk).internal_notes == "Called back"


def test_the_admin_goes_through_the_service(admin_client):
    from tests.contact.test_admin import change_url

    request = make_request()

    admin_client.post(change_url(request), {"status": "answered", "internal_notes": ""})

    request = ContactRequest.objects.get(pk=request.pk)
    assert request.status == "answered"
    assert request.status_changed_by.username == "admin"
