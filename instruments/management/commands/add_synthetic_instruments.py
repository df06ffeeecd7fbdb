"""Adds N clearly synthetic instruments and M States parties, for benchmarks: never for the
real Migration Law Database.

Their titles start "[Synthetic]" and their slugs "synthetic-", so they are easy to spot and to
remove (--delete, which removes their parties and States concerned with them). Running the
command again adds N more, numbered after the ones already there; the M parties are spread
over the instruments added by this run and the countries, at most one per State and
instrument.
"""

import datetime
import random
import re

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from iml_portal.cache import bump_content_generation
from iml_portal.countries import NAMES, Region
from iml_portal.search import rebuild_vocabulary
from instruments.models import Concerned, ConsentKind, Instrument, Kind, Level, Participation

PREFIX = "synthetic-"
BATCH_SIZE = 1000

# Words to build varied titles and descriptions from, so that full-text search has work to do.
WORDS = {
    "en": "migration law rights migrants detention border labour health children justice "
    "consular protection treaty asylum trafficking smuggling refugees stateless workers "
    "families seafarers rescue States obligations international regional cooperation".split(),
    "fr": "migration droit droits migrants détention frontière travail santé enfants justice "
    "consulaire protection traité asile traite trafic réfugiés apatrides travailleurs "
    "familles marins sauvetage États obligations international régional coopération".split(),
    "es": "migración derecho derechos migrantes detención frontera trabajo salud niños justicia "
    "consular protección tratado asilo trata tráfico refugiados apátridas trabajadores "
    "familias marinos salvamento Estados obligaciones internacional regional cooperación".split(),
}
NAMES_OF_KINDS = {
    "en": "Convention",
    "fr": "Convention",
    "es": "Convención",
}


def analyze():
    """Let PostgreSQL know the tables' new sizes: until autovacuum does, plans made for
    the tables as they were (a few rows) can take minutes on thousands."""
    if connection.vendor == "postgresql":
        tables = [
            model._meta.db_table
            for model in (
                Instrument,
                Participation,
                Concerned,
                Instrument.themes.through,
                Instrument.related_publications.through,
            )
        ]
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(tables)}")


class Command(BaseCommand):
    help = (
        "Add N synthetic instruments and M States parties spread over them, for benchmarks "
        "(or remove them all with --delete)."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", nargs="?", type=int, default=0)
        parser.add_argument(
            "--parties",
            type=int,
            default=0,
            metavar="M",
            help="States parties and signatories to add over the new instruments (default 0).",
        )
        parser.add_argument(
            "--delete", action="store_true", help="Remove every synthetic instrument."
        )
        parser.add_argument("--seed", type=int, default=2004, help="Random seed (default 2004).")

    def handle(self, count, parties, delete, seed, **options):
        if delete:
            deleted = self.delete()
            bump_content_generation()
            rebuild_vocabulary()
            self.stdout.write(f"Removed {deleted} synthetic rows.")
            return
        if count <= 0:
            raise CommandError("Give the number of instruments to add, e.g. 10000.")
        if parties < 0 or parties > count * len(NAMES):
            raise CommandError(
                f"--parties must be between 0 and {count * len(NAMES)} (one per State and "
                "instrument)."
            )
        with transaction.atomic():
            instruments = self.add(count, random.Random(seed))
            added = self.add_parties(instruments, parties, random.Random(seed + 1))
            analyze()
        # bulk_create sends no signal: retire cached pages, and take in the new words.
        bump_content_generation()
        rebuild_vocabulary()
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {len(instruments)} synthetic instruments and {added} States parties."
            )
        )

    def delete(self):
        """Remove the synthetic instruments and every row that refers to them, in plain
        DELETE statements: the page cache's signal handlers would make Django's delete()
        fetch every row first (tens of thousands), and the database's statement timeout
        stops that."""
        with transaction.atomic():
            analyze()
            ids = Instrument.objects.filter(slug__startswith=PREFIX).values("pk")
            Instrument.objects.filter(parent__in=ids).update(parent=None)
            deleted = 0
            for model in (
                Participation,
                Concerned,
                Instrument.themes.through,
                Instrument.related_publications.through,
            ):
                queryset = model.objects.filter(instrument__in=ids)
                deleted += queryset._raw_delete(queryset.db)
            synthetic = Instrument.objects.filter(slug__startswith=PREFIX)
            return deleted + synthetic._raw_delete(synthetic.db)

    def add(self, count, rng):
        numbers = [
            int(match.group(1))
            for slug in Instrument.objects.filter(slug__startswith=PREFIX).values_list(
                "slug", flat=True
            )
            if (match := re.fullmatch(rf"{PREFIX}(\d+)", slug))
        ]
        start = max(numbers, default=0) + 1
        countries = sorted(NAMES)
        kinds, levels, regions = list(Kind.values), list(Level.values), list(Region.values)
        instruments, concerned = [], []
        for number in range(start, start + count):
            words = {code: rng.sample(vocabulary, 8) for code, vocabulary in WORDS.items()}
            level = rng.choice(levels)
            kind = {
                Level.BILATERAL: Kind.BILATERAL,
                Level.NATIONAL: Kind.NATIONAL_LAW,
            }.get(level) or rng.choice(kinds[:5])
            adopted_on = datetime.date(rng.randint(1945, 2024), rng.randint(1, 12), 1)
            in_force = adopted_on + datetime.timedelta(days=rng.randint(30, 3650))
            instrument = Instrument(
                slug=f"{PREFIX}{number:05d}",
                kind=kind,
                level=level,
                binding=kind in (Kind.CONVENTION, Kind.PROTOCOL, Kind.BILATERAL, Kind.NATIONAL_LAW),
                region=rng.choice(regions) if level == Level.REGIONAL else "",
                adopted_on=adopted_on,
                adopted_year=adopted_on.year,
                in_force_on=in_force if rng.random() < 0.7 else None,
                sources="Synthetic benchmark data: no source.",
                **{
                    f"title_{code}": f"[Synthetic] {NAMES_OF_KINDS[code]} {number:05d}: "
                    + " ".join(chosen[:4])
                    for code, chosen in words.items()
                },
                **{
                    f"description_{code}": "Synthetic description: " + " ".join(chosen)
                    for code, chosen in words.items()
                },
            )
            instruments.append(instrument)
        Instrument.objects.bulk_create(instruments, batch_size=BATCH_SIZE)
        # bulk_create gives back primary keys on PostgreSQL and SQLite alike.
        for instrument in instruments:
            if instrument.level in (Level.BILATERAL, Level.NATIONAL):
                size = 2 if instrument.level == Level.BILATERAL else 1
                concerned += [
                    Concerned(instrument=instrument, country=code)
                    for code in rng.sample(countries, size)
                ]
        Concerned.objects.bulk_create(concerned, batch_size=BATCH_SIZE)
        theme_ids = list(Instrument.themes.field.related_model.objects.values_list("pk", flat=True))
        if theme_ids:
            through = Instrument.themes.through
            through.objects.bulk_create(
                (
                    through(instrument_id=instrument.pk, theme_id=theme_id)
                    for instrument in instruments
                    for theme_id in rng.sample(theme_ids, min(2, len(theme_ids)))
                ),
                batch_size=BATCH_SIZE,
            )
        return instruments

    def add_parties(self, instruments, count, rng):
        """`count` participations over `instruments` x the countries, each pair once: about
        four in five parties (some with a signature first), the others signatories."""
        if not count:
            return 0
        countries = sorted(NAMES)
        pairs = rng.sample(range(len(instruments) * len(countries)), count)
        kinds = list(ConsentKind.values)
        participations = []
        for pair in pairs:
            instrument = instruments[pair // len(countries)]
            signed_on = instrument.adopted_on + datetime.timedelta(days=rng.randint(0, 700))
            is_party = rng.random() < 0.8
            consent_on = signed_on + datetime.timedelta(days=rng.randint(0, 3000))
            with_signature = not is_party or rng.random() < 0.5
            participations.append(
                Participation(
                    instrument=instrument,
                    country=countries[pair % len(countries)],
                    signed_on=signed_on if with_signature else None,
                    is_party=is_party,
                    consent_on=consent_on if is_party else None,
                    consent_kind=rng.choice(kinds) if is_party else "",
                )
            )
        Participation.objects.bulk_create(participations, batch_size=BATCH_SIZE)
        return len(participations)
