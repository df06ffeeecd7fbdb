"""Every public page type, uncached and in-process: renders each type at many distinct
addresses with django.test.Client and reports, per type, the median and 95th percentile of
the time to answer (milliseconds), the SQL queries (CaptureQueriesContext) and the HTML size.

    bench/pages.sh                         (recreates the database, then runs this)
    .venv/bin/python bench/pages.py        (against $DATABASE_URL as it is; prints Markdown)

The page cache must be off (PUBLIC_PAGE_CACHE_SECONDS=0, as bench/pages.sh sets it), and every
request goes to an address of its own (languages, words, page numbers, publications rotate),
so that every request renders its page. A page type is one entry of PAGES: a name and a
function that gives the i-th address from a Sample of the database's content; add an entry
to measure a new page type.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "fr", "es")
CITATION_FORMATS = ("bib", "ris", "json")

# Searches: two frequent words, rarer words (the seed catalogue's), a word the thesaurus
# expands into the other languages, and words with a typing error ("did you mean …?").
COMMON_WORDS = ("migration law", "migrants rights", "derecho migrantes", "droit migration")
RARE_WORDS = ("biometric", "smuggling", "statelessness", "ratification", "sogiesc", "glossary")
THESAURUS_WORDS = ("trata", "apatridia", "asile", "réfugiés", "detención", "nacionalidad")
INSTRUMENT_KINDS = ("convention", "protocol", "declaration", "national_law", "bilateral")
REGIONS = ("002", "019", "142", "150", "009")
INSTRUMENT_WORDS = ("migrant workers", "refugees", "children", "trafficking", "sea", "detention")
TYPO_WORDS = ("migraton", "detension", "glosary", "trafiking", "asilum", "chidren")


@dataclass
class Sample:
    """What the addresses are made of, read once from the database."""

    publications: list  # slugs, spread over the whole catalogue
    series: list  # slugs
    themes: list  # slugs
    courses: list  # slugs
    instruments: list  # slugs, spread over the whole database
    countries: list  # ISO codes, lower case

    @classmethod
    def load(cls, count=200):
        from iml_portal.countries import NAMES
        from instruments.models import Instrument
        from publications.models import Publication, Series, Theme
        from trainings.models import Course

        slugs = list(Publication.objects.public().order_by("pk").values_list("slug", flat=True))
        step = max(1, len(slugs) // count)
        instruments = list(
            Instrument.objects.public().order_by("pk").values_list("slug", flat=True)
        )
        return cls(
            instruments=instruments[:: max(1, len(instruments) // count)][:count],
            countries=sorted(code.lower() for code in NAMES),
            publications=slugs[::step][:count],
            series=list(Series.objects.values_list("slug", flat=True)),
            themes=list(Theme.objects.values_list("slug", flat=True)),
            courses=list(Course.objects.public().values_list("slug", flat=True)),
        )


def _language(i):
    return LANGUAGES[i % len(LANGUAGES)]


def _round(i):
    """How many times every language has come round: 0, 0, 0, 1, 1, 1, …"""
    return i // len(LANGUAGES)


def _query(**params):
    return "?" + urlencode({name: value for name, value in params.items() if value is not None})


def _pick(items, i):
    return items[i % len(items)]


def _catalogue(i, **params):
    return f"/{_language(i)}/publications/" + _query(**params)


def _search(words):
    # Every word in every language, on pages 1, 2, 3, …
    def address(i, sample):
        k = _round(i)
        page = 1 + k // len(words)
        return _catalogue(i, q=_pick(words, k), page=page if page > 1 else None)

    return address


# A search's other pages reuse what its first page found (iml_portal/filters.py): this type
# empties the cache before each request (outside the time measured), so that each runs as the
# first visit of a search nobody made before on a running site (see WARM_UP_SEARCH).
FIRST_SEARCH = "Search nobody made before (cache emptied before each)"
WARM_UP_SEARCH = "/en/publications/?q=warm+up"

# (name, address(i, sample)): the page types measured, in the order of the table. Pages that
# have few addresses of their own take a parameter they ignore (bench=i) to make each address
# distinct.
PAGES = [
    ("Home", lambda i, s: f"/{_language(i)}/?bench={i}"),
    ("Catalogue", lambda i, s: _catalogue(i, bench=i)),
    (
        "Catalogue, two facets (language and theme)",
        lambda i, s: _catalogue(
            i,
            language=_pick(LANGUAGES, _round(i)),
            theme=_pick(s.themes, _round(i) // len(LANGUAGES)),
            page=1 + _round(i) // (len(LANGUAGES) * len(s.themes)),
        ),
    ),
    ("Search, two frequent words", _search(COMMON_WORDS)),
    ("Search, rarer words", _search(RARE_WORDS)),
    ("Search through the thesaurus", _search(THESAURUS_WORDS)),
    ("Search with a typing error", _search(TYPO_WORDS)),
    (FIRST_SEARCH, _search(COMMON_WORDS + RARE_WORDS + THESAURUS_WORDS + TYPO_WORDS)),
    (
        "Search and a language",
        lambda i, s: _catalogue(
            i,
            q=_pick(COMMON_WORDS, _round(i)),
            language=_pick(LANGUAGES, _round(i) // len(COMMON_WORDS)),
            page=1 + _round(i) // (len(COMMON_WORDS) * len(LANGUAGES)),
        ),
    ),
    ("Catalogue by title", lambda i, s: _catalogue(i, sort="title", page=1 + _round(i))),
    ("Catalogue, page 50 and after", lambda i, s: _catalogue(i, page=50 + _round(i))),
    (
        "Publication",
        lambda i, s: f"/{_language(i)}/publications/{_pick(s.publications, i)}/",
    ),
    (
        "Series",
        lambda i, s: (
            f"/{_language(i)}/publications/series/{_pick(s.series, _round(i))}/"
            + _query(page=1 + _round(i) // len(s.series))
        ),
    ),
    (
        "Atom feed",
        lambda i, s: (
            f"/{_language(i)}/publications/feed/"
            + _query(theme=_pick(s.themes, _round(i)), year_from=1990 + _round(i) % 30)
        ),
    ),
    (
        "Citation file (BibTeX, RIS, CSL-JSON)",
        lambda i, s: (
            f"/{_language(i)}/publications/{_pick(s.publications, _round(i))}/"
            f"citation.{_pick(CITATION_FORMATS, i)}"
        ),
    ),
    ("Trainings", lambda i, s: f"/{_language(i)}/trainings/?bench={i}"),
    (
        "Course",
        lambda i, s: f"/{_language(i)}/trainings/{_pick(s.courses, _round(i))}/?bench={i}",
    ),
    ("Contact form", lambda i, s: f"/{_language(i)}/contact/?bench={i}"),
    ("Migration Law Database", lambda i, s: f"/{_language(i)}/instruments/?bench={i}"),
    (
        "Migration Law Database, two facets (kind and region)",
        lambda i, s: (
            f"/{_language(i)}/instruments/"
            + _query(
                kind=_pick(INSTRUMENT_KINDS, _round(i)),
                region=_pick(REGIONS, _round(i) // len(INSTRUMENT_KINDS)),
                page=1 + _round(i) // (len(INSTRUMENT_KINDS) * len(REGIONS)),
            )
        ),
    ),
    (
        "Migration Law Database, a search",
        lambda i, s: (
            f"/{_language(i)}/instruments/"
            + _query(
                q=_pick(INSTRUMENT_WORDS, _round(i)), page=1 + _round(i) // len(INSTRUMENT_WORDS)
            )
        ),
    ),
    ("Instrument", lambda i, s: f"/{_language(i)}/instruments/{_pick(s.instruments, i)}/"),
    ("Countries", lambda i, s: f"/{_language(i)}/countries/?bench={i}"),
    ("Country", lambda i, s: f"/{_language(i)}/countries/{_pick(s.countries, i)}/"),
]


@dataclass
class Result:
    name: str
    addresses: list = field(default_factory=list)
    milliseconds: list = field(default_factory=list)
    queries: list = field(default_factory=list)
    sizes: list = field(default_factory=list)
    statuses: list = field(default_factory=list)

    @property
    def median(self):
        return statistics.median(self.milliseconds)

    @property
    def p95(self):
        if len(self.milliseconds) < 2:
            return self.milliseconds[0]
        return statistics.quantiles(self.milliseconds, n=20, method="inclusive")[18]

    @property
    def failures(self):
        return [(a, s) for a, s in zip(self.addresses, self.statuses, strict=True) if s != 200]


def addresses(pages, count, sample):
    """{name: `count` distinct addresses} for each page type."""
    found = {}
    for name, address in pages:
        paths = [address(i, sample) for i in range(count)]
        if len(set(paths)) != len(paths):
            raise ValueError(f"{name}: the addresses are not all distinct")
        found[name] = paths
    return found


def measure(pages, count, client, warm_up=3, profile=None):
    """Requests `count` distinct addresses of each page type with `client`, after `warm_up`
    unmeasured requests per type (templates compiled, connections opened); returns a Result
    per page type. A cProfile.Profile given as `profile` runs during the measured requests."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sample = Sample.load()
    every = addresses(pages, count, sample)
    for paths in every.values():
        for path in paths[:warm_up]:
            client.get(path)
    results = []
    if profile:
        profile.enable()
    for name, paths in every.items():
        result = Result(name)
        for path in paths:
            if name == FIRST_SEARCH:
                cache.clear()
                # What a running site keeps for every search (the thesaurus, the Unit)
                # comes back with another search.
                client.get(WARM_UP_SEARCH)
            connection.queries_log.clear()  # a full log (9,000 queries) would count none
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(path)
                content = b"".join(response) if response.streaming else response.content
                elapsed = time.perf_counter() - start
            if response.get("X-Cache") == "hit":
                raise RuntimeError(f"{path} came from the page cache: turn it off")
            result.addresses.append(path)
            result.milliseconds.append(elapsed * 1000)
            result.queries.append(len(queries))
            result.sizes.append(len(content))
            result.statuses.append(response.status_code)
        results.append(result)
    if profile:
        profile.disable()
    return results


def table(results):
    rows = [
        "| page | example address | median ms | p95 ms | queries | size (bytes) |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        queries = sorted(set(result.queries))
        shown = f"{queries[0]}" if len(queries) == 1 else f"{queries[0]}–{queries[-1]}"
        rows.append(
            f"| {result.name} | `{result.addresses[0]}` | {result.median:.1f} | "
            f"{result.p95:.1f} | {shown} | {round(statistics.median(result.sizes)):,} |"
        )
    return "\n".join(rows)


def report(results, count, command, machine):
    from django.db import connection

    from publications.models import Publication

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/RESULTS.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    total = Publication.objects.count()
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""## Every page type, uncached, in-process, with {total:,} publications

Measured {when} at commit `{commit}`{" (with uncommitted changes)" if dirty else ""} by
`{command}`: {connection.vendor} database `{connection.settings_dict["NAME"]}` holding
{total:,} publications (the seed catalogue plus synthetic ones from
`manage.py add_synthetic_publications`), debug off, `PUBLIC_PAGE_CACHE_SECONDS=0`; each page
type requested at {count} distinct addresses (languages en/fr/es, words, page numbers,
publications, series and courses rotate; the first 3 of each type also once before, to warm
up) with `django.test.Client` in one process: no server, no network. Time from the request to
the whole answer in milliseconds; queries per request (CaptureQueriesContext), the range over
the addresses; median size of the answer.

{table(results)}

Machine: {machine}; Python {platform.python_version()}. Compare runs made on the same machine.
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addresses", type=int, default=200, help="per page type (200)")
    parser.add_argument("--only", help="measure only the page types whose name contains this")
    parser.add_argument("--command", default="bench/pages.sh", help="named in the report")
    parser.add_argument("--machine", default=f"{os.cpu_count()} cores", help="named in it")
    parser.add_argument("--profile", help="write a cProfile of the measured requests here")
    options = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    if settings.DEBUG or settings.PUBLIC_PAGE_CACHE_SECONDS:
        sys.exit("error: set DJANGO_DEBUG=false and PUBLIC_PAGE_CACHE_SECONDS=0 (bench/pages.sh)")
    pages = [entry for entry in PAGES if not options.only or options.only in entry[0]]
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    profile = None
    if options.profile:
        import cProfile

        profile = cProfile.Profile()
    results = measure(pages, options.addresses, client, profile=profile)
    if profile:
        profile.dump_stats(options.profile)
    failures = [failure for result in results for failure in result.failures]
    if failures:
        sys.exit(f"error: pages that did not answer 200: {failures[:10]}")
    print(report(results, options.addresses, options.command, options.machine))


if __name__ == "__main__":
    main()
