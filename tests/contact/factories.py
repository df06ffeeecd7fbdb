"""Builders of contact requests and form data for the tests."""

import uuid

from contact.services import submit_request


def form_data(**overrides):
    """A valid submission of the contact form."""
    return {
        "form_token": str(uuid.uuid4()),
        "name": "Amina Diallo",
        "position": "Legal adviser",
        "organization": "Ministry of the Interior",
        "country": "SN",
        "email": "amina.diallo@example.org",
        "phone": "+221 33 123 45 67",
        "request_type": "legislation",
        "subject": "Review of our draft migration law",
        "message": "We would like the Unit to review our draft law.\r\nThank you.",
        "language": "fr",
        "consent": "on",
        "website": "",
        **overrides,
    }


def make_request(**overrides):
    """A saved request, as the form would save it (its emails not sent)."""
    values = {
        key: value
        for key, value in form_data(**overrides).items()
        if key not in {"consent", "website"}
    }
    values["form_token"] = uuid.UUID(values["form_token"])
    contact_request, _created = submit_request(**values)
    return contact_request


def make_requests(count, **overrides):
    return [make_request(**overrides) for _ in range(count)]
