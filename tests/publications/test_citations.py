"""Citation downloads parse as BibTeX, RIS and CSL-JSON and say only what is recorded."""

import json
import re

import pytest
from django.urls import reverse

from publications.models import Publication

pytestmark = pytest.mark.django_db

N7 = "derecho-internacional-sobre-migracion-n7-glosario-sobre-migracion"


def download(client, slug, extension, language="en"):
    response = client.get(reverse("publications:citation", args=[slug, extension]))
    assert response.status_code == 200
    return response


def parse_bibtex(text):
    """A minimal BibTeX reader: one entry, `name = {value}` fields, balanced braces."""
    match = re.fullmatch(r"@(\w+)\{([^,\s]+),\n(.*)\n\}\n", text, re.DOTALL)
    assert match, text
    kind, key, body = match.groups()
    fields = {}
    for line in body.split(",\n"):
        name, _, value = line.strip().partition(" = ")
        assert value.startswith("{") and value.endswith("}"), line
        depth = 0
        for index, char in enumerate(value):
            if char == "{" and value[index - 1 : index] != "\\":
                depth += 1
            elif char == "}" and value[index - 1 : index] != "\\":
                depth -= 1
            assert depth >= 0, line
        assert depth == 0, line
        fields[name] = value[1:-1]
    return kind, key, fields


def parse_ris(text):
    lines = text.split("\r\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert lines[0] == "TY  - BOOK"
    assert lines[-1] == "ER  - "
    records = []
    for line in lines:
        assert re.fullmatch(r"[A-Z][A-Z0-9]  -( .*)?", line), line
        records.append((line[:2], line[6:]))
    return records


def test_bibtex(client):
    response = download(client, N7, "bib")

    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{N7}.bib"'
    kind, key, fields = parse_bibtex(response.content.decode())
    assert (kind, key) == ("book", N7)
    assert fields == {
        # The series and number are fields of their own, not repeated in the title.
        "title": "{Glosario sobre Migración}",
        "year": "2006",
        "publisher": "International Organization for Migration (IOM)",
        "language": "Spanish",
        "series": "Derecho Internacional sobre Migración",
        "number": "7",
        "url": f"http://testserver/en/publications/{N7}/",
    }


def test_bibtex_escapes_special_characters(client):
    publication = Publication.objects.get(slug=N7)
    publication.title = "Rights & duties: 100% {sure} #1_a ~ ^ \\"
    publication.save()

    _, _, fields = parse_bibtex(download(client, N7, "bib").content.decode())

    assert fields["title"] == (
        r"{Rights \& duties: 100\% \{sure\} \#1\_a \textasciitilde{} "
        r"\textasciicircum{} \textbackslash{}}"
    )


def test_ris(client):
    response = download(client, N7, "ris")

    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{N7}.ris"'
    records = dict(parse_ris(response.content.decode()))
    assert records["TI"] == "Glosario sobre Migración"
    assert records["PY"] == "2006"
    assert records["PB"] == "International Organization for Migration (IOM)"
    assert records["LA"] == "es"
    assert records["T3"] == "Derecho Internacional sobre Migración"
    assert records["VL"] == "7"
    assert records["AB"].startswith("Migration is increasingly")
    assert records["UR"] == f"http://testserver/en/publications/{N7}/"


def test_ris_keeps_each_value_on_one_line(client):
    publication = Publication.objects.get(slug=N7)
    publication.description_en = "First paragraph.\n\nSecond paragraph."
    publication.save()

    records = dict(parse_ris(download(client, N7, "ris").content.decode()))

    assert records["AB"] == "First paragraph. Second paragraph."


def test_csl_json(client):
    response = download(client, N7, "json")

    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{N7}.json"'
    (item,) = json.loads(response.content)
    assert {"id", "type", "title", "issued"} <= item.keys()
    assert item["type"] == "book"
    assert item["issued"] == {"date-parts": [[2006]]}
    assert item["collection-title"] == "Derecho Internacional sobre Migración"
    assert item["collection-number"] == "7"
    assert item["publisher"] == "International Organization for Migration (IOM)"
    assert item["language"] == "es"


def test_no_series_for_a_grouping_that_is_not_a_series(client):
    slug = "a-rights-based-approach-to-programming"

    _, _, fields = parse_bibtex(download(client, slug, "bib").content.decode())
    (item,) = json.loads(download(client, slug, "json").content)
    records = dict(parse_ris(download(client, slug, "ris").content.decode()))

    assert "series" not in fields
    assert "collection-title" not in item
    assert "T3" not in records


def test_series_without_a_published_name_is_cited_by_its_english_name(client):
    slug = "iom-road-map-on-alternatives-to-migration-detention-tools-series-n1"

    (item,) = json.loads(download(client, slug, "json").content)

    assert item["collection-title"] == "IOM ATD Series"
    assert item["collection-number"] == "1"


def test_unknown_format_or_publication_is_a_404(client):
    assert client.get(reverse("publications:citation", args=[N7, "doc"])).status_code == 404
    assert client.get(reverse("publications:citation", args=["nope", "bib"])).status_code == 404


def test_the_page_links_the_three_downloads(client):
    html = client.get(reverse("publications:detail", args=[N7])).content.decode()

    for extension in ["bib", "ris", "json"]:
        assert f'href="/en/publications/{N7}/citation.{extension}" download' in html
