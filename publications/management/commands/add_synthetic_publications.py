"""Adds N clearly synthetic publications, for benchmarks: never for a real catalogue.

They go into their own series, "Synthetic benchmark data", with titles starting "[Synthetic]"
and slugs starting "synthetic-", so they are easy to spot and to remove (--delete). Running the
command again adds N more, numbered after the ones already there.
"""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max

from iml_portal.cache import bump_content_generation
from iml_portal.languages import Language
from iml_portal.search import rebuild_vocabulary
from publications.models import Publication, Series, Theme

SERIES_SLUG = "synthetic-benchmark-data"
BATCH_SIZE = 1000

# Words to build varied descriptions from, so that full-text search has work to do.
WORDS = {
    "en": "migration law rights migrants detention border labour health children justice "
    "consular protection treaty asylum trafficking glossary terminology States obligations "
    "international regional national policy legislation standards".split(),
    "fr": "migration droit droits migrants détention frontière travail santé enfants justice "
    "consulaire protection traité asile traite glossaire terminologie États obligations "
    "international régional national politique législation normes".split(),
    "es": "migración derecho derechos migrantes detención frontera trabajo salud niños justicia "
    "consular protección tratado asilo trata glosario terminología Estados obligaciones "
    "internacional regional nacional política legislación normas".split(),
}


class Command(BaseCommand):
    help = "Add N synthetic publications for benchmarks (or remove them all with --delete)."

    def add_arguments(self, parser):
        parser.add_argument("count", nargs="?", type=int, default=0)
        parser.add_argument(
            "--delete", action="store_true", help="Remove every synthetic publication."
        )
        parser.add_argument("--seed", type=int, default=2004, help="Random seed (default 2004).")

    def handle(self, count, delete, seed, **options):
        if delete:
            deleted, _ = Publication.objects.filter(series__slug=SERIES_SLUG).delete()
            Series.objects.filter(slug=SERIES_SLUG).delete()
            rebuild_vocabulary()
            self.stdout.write(f"Removed {deleted} synthetic rows.")
            return
        if count <= 0:
            raise CommandError("Give the number of publications to add, e.g. 10000.")
        with transaction.atomic():
            created = self.add(count, random.Random(seed))
        # bulk_create sends no signal: retire cached pages, and take in the new words.
        bump_content_generation()
        rebuild_vocabulary()
        self.stdout.write(self.style.SUCCESS(f"Added {created} synthetic publications."))

    def add(self, count, rng):
        series, _ = Series.objects.get_or_create(
            slug=SERIES_SLUG,
            defaults={
                "name_en": "Synthetic benchmark data",
                "name_fr": "Données synthétiques de test de performance",
                "name_es": "Datos sintéticos para pruebas de rendimiento",
                "description_en": "Generated for benchmarks: not real publications.",
                "description_fr": "Générées pour des tests de performance : pas de vraies "
                "publications.",
                "description_es": "Generados para pruebas de rendimiento: no son "
                "publicaciones reales.",
                "is_published_series": False,
                "order": 999,
            },
        )
        start = (series.publications.aggregate(last=Max("number"))["last"] or 0) + 1
        languages = [code for code, _label in Language.choices]
        publications = []
        for number in range(start, start + count):
            words = {code: rng.sample(vocabulary, 8) for code, vocabulary in WORDS.items()}
            publications.append(
                Publication(
                    series=series,
                    number=number,
                    title=f"[Synthetic] Publication {number:05d}: {' '.join(words['en'][:4])}",
                    slug=f"synthetic-{number:05d}",
                    year=rng.randint(2004, 2024),
                    language=rng.choice(languages),
                    **{
                        f"description_{code}": "Synthetic description: " + " ".join(chosen)
                        for code, chosen in words.items()
                    },
                )
            )
        Publication.objects.bulk_create(publications, batch_size=BATCH_SIZE)
        # bulk_create gives back primary keys on PostgreSQL and SQLite alike.
        theme_ids = list(Theme.objects.values_list("pk", flat=True))
        if theme_ids:
            through = Publication.themes.through
            links = [
                through(publication_id=publication.pk, theme_id=theme_id)
                for publication in publications
                for theme_id in rng.sample(theme_ids, min(2, len(theme_ids)))
            ]
            through.objects.bulk_create(links, batch_size=BATCH_SIZE)
        return len(publications)
