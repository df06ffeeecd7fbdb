"""List the uploaded files no record points to; with --delete, delete them."""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from iml_portal.uploads import file_fields, models_with_files, referenced_names


def upload_folders():
    """The top folders the file fields upload to (e.g. "publications", "trainings")."""
    folders = set()
    for model in models_with_files():
        for field in file_fields(model):
            upload_to = field.upload_to if isinstance(field.upload_to, str) else ""
            folders.add(upload_to.split("/", 1)[0])
    return sorted(folder for folder in folders if folder and "%" not in folder)


def walk(storage, folder):
    directories, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from walk(storage, f"{folder}/{directory}")


class Command(BaseCommand):
    help = "List the uploaded files that no record points to (--delete deletes them)."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete the files listed.")

    def handle(self, *args, delete=False, **options):
        referenced = referenced_names()
        orphans = [
            name
            for folder in upload_folders()
            if default_storage.exists(folder)
            for name in walk(default_storage, folder)
            if name not in referenced
        ]
        for name in orphans:
            if delete:
                default_storage.delete(name)
            self.stdout.write(name)
        verb = "Deleted" if delete else "Found"
        self.stderr.write(f"{verb} {len(orphans)} file(s) no record points to.")
