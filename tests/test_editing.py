"""What editors do in the admin beyond editing: publish and unpublish several records at once,
copy an edition into next year's draft, see who changed what and restore it, recover a deleted
record, and find what still needs them. Contact request handlers may do none of it."""

import datetime

import pytest
import reversion
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from iml_portal.models import ExternalLink
from publications.models import Publication
from tests.conftest import CONTENT_FIXTURES, Page
from tests.trainings.factories import make_edition
from trainings.models import Course, Edition

pytestmark = pytest.mark.django_db

PUBLICATIONS = reverse("admin:publications_publication_changelist")


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def test_editors_publish_and_unpublish_several_records_at_once(client, editor):
    chosen = list(
        Publication.objects.filter(
            series__slug="international-migration-law", number__in=[1, 2, 5]
        ).values_list("pk", flat=True)
    )

    client.post(PUBLICATIONS, {"action": "unpublish", "_selected_action": chosen})
    assert set(Publication.objects.filter(pk__in=chosen).values_list("status", flat=True)) == {
        "draft"
    }
    assert Publication.objects.public().count() == 32

    client.post(PUBLICATIONS, {"action": "publish", "_selected_action": chosen})
    assert Publication.objects.public().count() == 35
    # Each change is a version, by the editor.
    versions = Version.objects.get_for_object(Publication.objects.get(pk=chosen[0]))
    assert versions.count() == 2
    assert versions.first().revision.user == editor


def test_the_list_says_what_is_public_and_filters_on_it(client, editor):
    publication = Publication.objects.get(number=5)
    publication.status = "draft"
    publication.save()

    drafts = client.get(f"{PUBLICATIONS}?visibility=draft").context["cl"].result_list
    assert list(drafts) == [publication]
    row = [text for text in Page(client.get(PUBLICATIONS)).texts("tr") if "Biometrics" in text]
    assert "Draft" in row[0] and "Preview" in row[0]


def test_a_new_record_starts_as_a_draft_and_links_to_its_preview(client, editor):
    page = Page(client.get(reverse("admin:publications_publication_add")))
    (draft,) = [option for option in page.elements("option") if option.get("value") == "draft"]
    assert "selected" in draft

    publication = Publication.objects.get(number=5)
    form = Page(client.get(change_url(publication)))
    assert any(a.get("href") == publication.get_absolute_url() for a in form.elements("a"))


def test_an_edition_is_copied_into_next_years_draft(client, editor):
    edition = make_edition(
        "iml-course-sanremo",
        starts_in=40,
        application_deadline=datetime.date.today() + datetime.timedelta(days=10),
        registration_open=True,
    )

    client.post(
        reverse("admin:trainings_edition_changelist"),
        {"action": "copy_to_next_year", "_selected_action": [edition.pk]},
    )

    copy = Edition.objects.exclude(pk=edition.pk).get()
    assert copy.start_date == edition.start_date.replace(year=edition.start_date.year + 1)
    assert copy.application_deadline.year == edition.application_deadline.year + 1
    assert (copy.status, copy.registration_open) == ("draft", False)
    assert (copy.place_fr, copy.course) == (edition.place_fr, edition.course)


def test_every_admin_change_is_a_version_and_can_be_compared_and_restored(client, editor):
    publication = Publication.objects.get(number=5)
    with reversion.create_revision():
        publication.save()  # the version before the edit (the seed content has none)
    edit = {
        field.name: getattr(publication, field.attname) or ""
        for field in Publication._meta.concrete_fields
        if field.editable and field.name not in {"id", "file", "cover", "publish_at"}
    }
    edit["themes"] = list(publication.themes.values_list("pk", flat=True))
    edit["description_fr"] = "Une description française refaite."
    response = client.post(
        change_url(publication), {**edit, "publish_at_0": "", "publish_at_1": ""}
    )
    assert response.status_code == 302, response.content.decode()[:3000]

    versions = Version.objects.get_for_object(publication)
    assert versions.count() == 2
    newest, oldest = versions[0], versions[1]
    assert newest.revision.user == editor
    assert newest.field_dict["description_fr"] == "Une description française refaite."

    history = reverse("admin:publications_publication_history", args=[publication.pk])
    assert client.get(history).status_code == 200
    compare = client.get(
        f"{reverse('admin:publications_publication_compare', args=[publication.pk])}"
        f"?version_id1={oldest.pk}&version_id2={newest.pk}"
    )
    assert compare.status_code == 200
    # What changed, field by field and language by language.
    diff = compare.content.decode()
    assert "<h3>description [fr]</h3>" in diff and "<ins>Une description française refaite" in diff
    assert "<h3>description [en]</h3>" not in diff

    # Restoring: the earlier version's form, filled in with that version, saved.
    restore = reverse("admin:publications_publication_revision", args=[publication.pk, oldest.pk])
    form = client.get(restore).content.decode()
    earlier = oldest.field_dict["description_fr"]
    assert earlier[:60].replace("'", "&#x27;") in form
    assert "Une description française refaite." not in form
    client.post(restore, {**edit, "description_fr": earlier})
    publication.refresh_from_db()
    assert publication.description_fr == earlier
    assert Version.objects.get_for_object(publication).count() == 3


def test_a_deleted_record_is_recovered(client, editor):
    member_admin = reverse("admin:units_teammember_changelist")
    from units.models import TeamMember

    member = TeamMember.objects.get(name="Reshma Mathews")
    with reversion.create_revision():
        member.save()
    client.post(reverse("admin:units_teammember_delete", args=[member.pk]), {"post": "yes"})
    assert not TeamMember.objects.filter(name="Reshma Mathews").exists()

    recover_list = client.get(reverse("admin:units_teammember_recoverlist"))
    assert "Reshma Mathews" in recover_list.content.decode()
    version = Version.objects.get_deleted(TeamMember).get()
    page = client.get(reverse("admin:units_teammember_recover", args=[version.pk]))
    form = {
        "name": "Reshma Mathews",
        "role_en": member.role_en,
        "role_fr": member.role_fr,
        "role_es": member.role_es,
        "order": member.order,
    }
    client.post(reverse("admin:units_teammember_recover", args=[version.pk]), form)

    assert page.status_code == 200 and member_admin
    assert TeamMember.objects.filter(name="Reshma Mathews").exists()


def test_loading_the_fixtures_adds_no_version():
    call_command("loaddata", *CONTENT_FIXTURES, verbosity=0)

    assert Version.objects.count() == 0


def attention(client):
    response = client.get(reverse("admin:needs_attention"))
    assert response.status_code == 200
    return Page(response)


def test_needs_attention_lists_what_editors_still_have_to_do(client, editor):
    publication = Publication.objects.get(number=5)
    publication.description_fr = ""
    publication.save()
    draft = Publication.objects.get(number=12)
    draft.status = "draft"
    draft.publish_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    draft.save()
    ExternalLink.objects.create(url=Publication.objects.exclude(link="").first().link, status=404)

    page = attention(client)

    text = page.text()
    assert "Publications · description · fr (1)" in text
    assert "Publications without an address yet (28)" in text
    assert "Links the link check found broken (1)" in text
    assert "Courses without an upcoming edition" in text
    assert "Drafts whose publish-at time has passed (1)" in text
    hrefs = {a.get("href") for a in page.elements("a")}
    assert change_url(publication) in hrefs and change_url(draft) in hrefs
    # Its counts on the admin's index too.
    index = Page(client.get(reverse("admin:index")))
    assert "Needs attention" in index.text()
    assert "Publications without an address yet 28" in index.text()


def test_a_course_with_an_upcoming_edition_needs_nothing(client, editor):
    before = attention(client).text()
    assert "IML Course in Sanremo" in before
    make_edition("iml-course-sanremo", starts_in=30)

    assert "IML Course in Sanremo" not in attention(client).text()


@pytest.mark.parametrize(
    "address",
    [
        "needs_attention",
        "publications_publication_recoverlist",
        "trainings_course_recoverlist",
        "iml_portal_concept_recoverlist",
    ],
)
def test_handlers_may_do_none_of_it(client, handler, address):
    assert client.get(reverse(f"admin:{address}")).status_code == 403


def test_handlers_see_no_counts_and_cannot_publish(client, handler):
    assert "Needs attention" not in client.get(reverse("admin:index")).content.decode()
    publication = Publication.objects.get(number=5)
    response = client.post(
        PUBLICATIONS, {"action": "unpublish", "_selected_action": [publication.pk]}
    )
    assert response.status_code == 403
    assert Publication.objects.get(number=5).status == "published"
    course = Course.objects.first()
    assert client.get(change_url(course)).status_code == 403
