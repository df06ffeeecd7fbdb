"""Send the contact emails that are due: never tried, failed and due for a retry, or
interrupted. Run it from cron every few minutes (see the README)."""

from django.core.management.base import BaseCommand

from contact.models import EmailDelivery
from contact.services import send_emails


class Command(BaseCommand):
    help = "Send (or retry) the contact request emails that are due."

    def handle(self, *args, **options):
        sent = failed = 0
        due = EmailDelivery.objects.due().values_list("request_id", flat=True).distinct()
        for pk in due.order_by("request_id"):
            for state in send_emails(contact_request_id=pk).values():
                if state == EmailDelivery.State.SENT:
                    sent += 1
                else:
                    failed += 1
        self.stdout.write(f"Contact emails: {sent} sent, {failed} failed.")
        if failed:
            self.stderr.write(f"{failed} contact email(s) could not be sent; see the admin.")
