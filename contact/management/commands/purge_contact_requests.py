"""Delete the personal data of requests kept past their retention period: CONTACT_RETENTION_DAYS
after they were closed, CONTACT_OPEN_RETENTION_DAYS after the last change of one never closed."""

from django.conf import settings
from django.core.management.base import BaseCommand

from contact.services import purge_personal_data


class Command(BaseCommand):
    help = (
        "Blank the personal data of contact requests closed more than CONTACT_RETENTION_DAYS "
        "days ago, or never closed and unchanged for CONTACT_OPEN_RETENTION_DAYS days; keep "
        "what statistics need."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the requests without changing them."
        )

    def handle(self, *args, dry_run=False, **options):
        references = purge_personal_data(dry_run=dry_run)
        verb = "Would purge" if dry_run else "Purged"
        self.stdout.write(
            f"{verb} {len(references)} contact request(s): closed more than "
            f"{settings.CONTACT_RETENTION_DAYS} days ago, or never closed and unchanged for "
            f"{settings.CONTACT_OPEN_RETENTION_DAYS} days."
        )
        for reference in references:
            self.stdout.write(f"  {reference}")
