"""Shared test set-up: the seed content is loaded once per test database, and helpers for
reading rendered pages."""

import html
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def url(name, language="en", *args, **kwargs):
    """The path of a named URL in a language, e.g. url("publications:detail", "fr", slug)."""
    with translation.override(language):
        return reverse(name, args=args or None, kwargs=kwargs or None)


CONTENT_FIXTURES = sorted(path.stem for path in settings.FIXTURE_DIRS[0].glob("*.json"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load every content fixture once; each test then runs in a transaction over it."""
    with django_db_blocker.unblock():
        call_command("loaddata", *CONTENT_FIXTURES, verbosity=0)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (pages, rate limits)."""
    cache.clear()


def staff_in(group_name, username):
    """A staff account in one of the two staff groups, signed in nowhere yet."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(client):
    """A signed-in member of the Editors group."""
    from iml_portal.groups import EDITORS

    user = staff_in(EDITORS, "editor")
    client.force_login(user)
    return user


@pytest.fixture
def handler(client):
    """A signed-in member of the Contact request handlers group."""
    from contact.apps import HANDLERS_GROUP

    user = staff_in(HANDLERS_GROUP, "handler")
    client.force_login(user)
    return user


@pytest.fixture
def content(transactional_db):
    """The seed content, for transactional tests (the live server), which flush the
    database after each test."""
    call_command("loaddata", *CONTENT_FIXTURES, verbosity=0)


class _PageParser(HTMLParser):
    """Collects every element's attributes and text content (including its children's)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []  # (tag, attrs) in document order
        self.text_by_tag = {}
        self._open = []  # [tag, text] of the elements not closed yet

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self._open.append([tag, ""])

    def handle_endtag(self, tag):
        if not any(name == tag for name, _text in self._open):
            return
        while self._open:
            name, text = self._open.pop()
            self.text_by_tag.setdefault(name, []).append(" ".join(text.split()))
            if self._open:
                self._open[-1][1] += " " + text
            if name == tag:
                return

    def handle_data(self, data):
        if self._open:
            self._open[-1][1] += data


class Page:
    """A rendered HTML page, for assertions on its elements and texts."""

    def __init__(self, response):
        self.response = response
        self.html = response.content.decode()
        self._parser = _PageParser()
        self._parser.feed(self.html)

    def texts(self, tag):
        return self._parser.text_by_tag.get(tag, [])

    def elements(self, tag, **attrs):
        return [
            found
            for name, found in self._parser.tags
            if name == tag and all(found.get(key) == value for key, value in attrs.items())
        ]

    @property
    def lang(self):
        return self.elements("html")[0].get("lang")

    @property
    def h1(self):
        (heading,) = self.texts("h1")
        return heading

    def links(self, rel):
        return [link for link in self.elements("link") if link.get("rel") == rel]

    def text(self):
        return _plain(self.html)

    def section(self, heading_id):
        """The text of the <section aria-labelledby=heading_id> (nested sections included),
        or "" when the page has none."""
        start = self.html.find(f'<section aria-labelledby="{heading_id}"')
        if start < 0:
            return ""
        depth, position = 0, start
        for match in re.finditer(r"<(/?)section\b", self.html[start:]):
            depth += -1 if match.group(1) else 1
            if depth == 0:
                position = start + match.end()
                break
        return _plain(self.html[start:position])


def _plain(markup):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def assert_language_links(client, paths, language):
    """The page at paths[language] links to itself in every language: hreflang alternates
    (x-default being the unprefixed, language-negotiating address), the canonical link, and
    the language switcher, whose targets answer in their own language."""
    page = Page(client.get(paths[language]))

    # Other alternates (e.g. an Atom feed) name no hreflang.
    alternates = {
        link["hreflang"]: link["href"] for link in page.links("alternate") if "hreflang" in link
    }
    expected = {code: f"http://testserver{path}" for code, path in paths.items()}
    unprefixed = expected["en"].replace("/en/", "/", 1)
    assert alternates == {**expected, "x-default": unprefixed}
    assert [link["href"] for link in page.links("canonical")] == [expected[language]]

    switcher = {a["hreflang"]: a for a in page.elements("a") if a.get("hreflang")}
    assert {code: a["href"] for code, a in switcher.items()} == paths
    assert switcher[language].get("aria-current") == "true"
    for code, link in switcher.items():
        assert link["lang"] == code
        target = client.get(link["href"])
        assert target.status_code == 200
        assert Page(target).lang == code
