"""Check every external link of the content (publications' addresses, courses' pages, …) and
record its status, final address and the time of the check. Meant for cron (see the README)."""

from django.core.management.base import BaseCommand

from iml_portal.links import POLITE_DELAY, TIMEOUT, PoliteChecker, check_links


class Command(BaseCommand):
    help = "Check the external links of the catalogue and the courses; record what answers."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per request")
        parser.add_argument(
            "--delay", type=float, default=POLITE_DELAY, help="seconds between requests to a host"
        )
        parser.add_argument(
            "--only-broken", action="store_true", help="check again only the broken links"
        )

    def handle(self, *args, timeout, delay, only_broken, **options):
        checker = PoliteChecker(delay=delay, timeout=timeout)
        links = check_links(checker, only_broken=only_broken)
        broken = [link for link in links if link.is_broken]
        for link in broken:
            self.stdout.write(f"BROKEN {link.status or '-'} {link.url} {link.error}".rstrip())
        self.stdout.write(f"Checked {len(links)} link(s): {len(broken)} broken.")
