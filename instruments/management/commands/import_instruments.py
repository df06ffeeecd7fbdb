"""Imports instruments and their States parties from CSV files: see instruments/importing.py
and the README ("Importing from CSV")."""

import io

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from instruments.importing import import_file


class Command(BaseCommand):
    help = (
        "Import instruments and States parties from CSV files (UTF-8, a header row: an "
        "instruments file has a “slug” column, a parties file “instrument” and “country”). "
        "Files are read in the order given, so a parties file can follow the instruments it "
        "names. Valid rows are imported and each rejected row is reported with its line "
        "number and reason; the command then exits with status 1 (as it does for a file it "
        "cannot read). Importing a file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="CSV files to import.")

    def handle(self, files, **options):
        rejected = 0
        for path in files:
            try:
                # Read and decoded whole before any row is imported: a file that is not UTF-8
                # is refused as a whole, never imported up to its first bad byte. utf-8-sig: a
                # byte-order mark, as spreadsheet programs write, is not a column.
                with open(path, "rb") as file:
                    text = file.read().decode("utf-8-sig")
            except OSError as error:
                self.stderr.write(
                    _("%(name)s: cannot be read (%(error)s).")
                    % {"name": path, "error": error.strerror or error}
                )
                rejected += 1
                continue
            except UnicodeDecodeError as error:
                self.stderr.write(
                    _(
                        "%(name)s: not UTF-8 (byte %(position)d); nothing was imported. Save "
                        "it as “CSV UTF-8” and import it again."
                    )
                    % {"name": path, "position": error.start}
                )
                rejected += 1
                continue
            report = import_file(io.StringIO(text, newline=""), name=path)
            style = self.style.SUCCESS if report.ok else self.style.WARNING
            self.stdout.write(style(report.summary()))
            for line, reason in report.rejected:
                self.stderr.write(
                    _("%(name)s, line %(line)d: %(reason)s")
                    % {"name": path, "line": line, "reason": reason}
                )
            rejected += len(report.rejected)
        if rejected:
            raise CommandError(
                ngettext(
                    "%(count)d row rejected: correct it and import the file again.",
                    "%(count)d rows rejected: correct them and import the file again.",
                    rejected,
                )
                % {"count": rejected}
            )
