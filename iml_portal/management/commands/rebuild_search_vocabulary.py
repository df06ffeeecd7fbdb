"""Rebuild the vocabulary behind "did you mean …?" from every searchable text. Saves keep it up
to date by themselves; run this after writing content without signals (bulk imports)."""

from django.core.management.base import BaseCommand

from iml_portal.search import rebuild_vocabulary


class Command(BaseCommand):
    help = 'Rebuild the vocabulary of "did you mean …?" from every searchable text.'

    def handle(self, *args, **options):
        self.stdout.write(f"{rebuild_vocabulary()} words in the vocabulary.")
