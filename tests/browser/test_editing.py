"""An editor prepares a publication in a real browser: a draft, previewed, scheduled, then
published when its time comes, with the public page checked at each step."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from iml_portal.groups import EDITORS
from publications.models import Publication
from tests.browser.names import by_role
from tests.browser.test_journeys import open_from_the_admin_index, sign_in_to_the_admin

TITLE = "Handbook on Migration Law for Parliamentarians"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        "editor", "editor@example.org", "correct horse battery staple", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def test_draft_preview_schedule_published(content, live_server, browser, page, editor):
    visitor = browser.new_context().new_page()

    # A new publication starts as a draft.
    sign_in_to_the_admin(page, live_server, editor)
    open_from_the_admin_index(page, "Publications")
    page.get_by_role("link", name="Add publication", exact=True).click()
    expect(by_role(page, "combobox", "Publication state:")).to_have_value("draft")
    by_role(page, "textbox", "Title:").fill(TITLE)
    by_role(page, "combobox", "Series:").select_option(
        label="Other legal publications and handbooks"
    )
    by_role(page, "spinbutton", "Year:").fill("2026")
    by_role(page, "combobox", "Language of the publication:").select_option("en")
    by_role(page, "textbox", "Description:").fill("A handbook for members of parliament.")
    by_role(page, "button", "Save and continue editing").click()
    expect(page.get_by_role("listitem").filter(has_text="was added successfully")).to_have_count(1)
    publication = Publication.objects.get(title=TITLE)
    public_page = f"{live_server.url}/en/publications/{publication.slug}/"

    # The public gets nothing; the catalogue does not list it.
    assert visitor.goto(public_page).status == 404
    visitor.goto(f"{live_server.url}/en/publications/")
    expect(visitor.get_by_role("main")).not_to_contain_text(TITLE)

    # The editor previews it from the admin: the page, marked as a draft.
    with page.expect_navigation():
        by_role(page, "link", "Preview").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status").filter(has_text="Draft — not public")).to_have_count(1)

    # Scheduled for tomorrow: still not public, and the preview says when it will be.
    page.go_back()
    by_role(page, "combobox", "Publication state:").select_option("published")
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    page.get_by_label("Date:", exact=True).fill(tomorrow.strftime("%Y-%m-%d"))
    page.get_by_label("Time:", exact=True).fill("09:00:00")
    by_role(page, "button", "Save and continue editing").click()
    expect(page.get_by_role("listitem").filter(has_text="was changed successfully")).to_have_count(
        1
    )
    assert visitor.goto(public_page).status == 404
    page.goto(public_page)
    expect(page.get_by_role("status").filter(has_text="Scheduled — public from")).to_have_count(1)

    # Its time comes (nothing is saved, no job runs): the public page is there, not marked.
    Publication.objects.filter(pk=publication.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = visitor.goto(public_page)
    assert response.status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_role("status").filter(has_text="Draft")).to_have_count(0)
    visitor.goto(f"{live_server.url}/en/publications/?q=parliamentarians")
    expect(visitor.get_by_role("heading", level=3)).to_have_text([TITLE])
    visitor.context.close()
