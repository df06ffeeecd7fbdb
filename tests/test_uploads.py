"""An upload stops being served once no record points to it: replaced, cleared or deleted
with its record, after the change is committed; `orphan_uploads` finds what is left."""

from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction

from publications.models import Publication
from tests.trainings.factories import make_edition
from trainings.models import EditionDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def pdf(name):
    return ContentFile(b"%PDF-1.7\n" + name.encode(), name=name)


@pytest.fixture
def publication(media, django_capture_on_commit_callbacks):
    publication = Publication.objects.get(number=5)
    with django_capture_on_commit_callbacks(execute=True):
        publication.file = pdf("first.pdf")
        publication.save()
    return publication


def stored(media):
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


def test_a_replaced_file_is_deleted_once_the_change_commits(
    media, publication, django_capture_on_commit_callbacks
):
    first = publication.file.name
    with django_capture_on_commit_callbacks(execute=True):
        publication.file = pdf("second.pdf")
        publication.save()
        assert first in stored(media)  # not before the commit

    assert stored(media) == [publication.file.name]


def test_a_cleared_file_is_deleted(media, publication, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publication.file = ""
        publication.save()

    assert stored(media) == []


def test_a_change_that_is_rolled_back_keeps_the_file(media, publication):
    first = publication.file.name
    with pytest.raises(RuntimeError), transaction.atomic():
        publication.file = ""
        publication.save()
        raise RuntimeError("the save failed later")

    assert stored(media) == [first]


def test_the_files_of_a_deleted_record_are_deleted(media, django_capture_on_commit_callbacks):
    edition = make_edition()
    with django_capture_on_commit_callbacks(execute=True):
        document = EditionDocument.objects.create(
            edition=edition, kind="programme", file=pdf("programme.pdf")
        )
    assert stored(media) == [document.file.name]

    with django_capture_on_commit_callbacks(execute=True):
        edition.delete()  # its documents go with it

    assert stored(media) == []


def test_a_file_another_record_points_to_is_kept(
    media, publication, django_capture_on_commit_callbacks
):
    other = Publication.objects.get(number=15)
    other.file = publication.file.name
    other.save()
    with django_capture_on_commit_callbacks(execute=True):
        publication.file = ""
        publication.save()

    assert stored(media) == [other.file.name]


def test_orphan_uploads_lists_and_deletes_what_no_record_points_to(media, publication):
    (media / "publications" / "files" / "left-over.pdf").write_bytes(b"%PDF-1.4")
    (media / "trainings" / "2020").mkdir(parents=True)
    (media / "trainings" / "2020" / "old.pdf").write_bytes(b"%PDF-1.4")

    out, err = StringIO(), StringIO()
    call_command("orphan_uploads", stdout=out, stderr=err)
    assert sorted(out.getvalue().split()) == [
        "publications/files/left-over.pdf",
        "trainings/2020/old.pdf",
    ]
    assert "Found 2 file(s)" in err.getvalue()
    assert len(stored(media)) == 3  # listing deletes nothing

    call_command("orphan_uploads", "--delete", stdout=StringIO(), stderr=StringIO())
    assert stored(media) == [publication.file.name]
