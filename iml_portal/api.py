"""The site's read-only JSON API at /api/v1/, built with django-ninja.

Site-wide code: the API itself, its errors and its caching. Each content app adds its
endpoints in a ninja Router of its own (e.g. publications/api.py), listed in
settings.API_ROUTERS, so that no content app imports another.

- Every endpoint answers GET (and HEAD); `lang` (en, fr or es; English by default) chooses the
  language of translated fields, links and searches, for every endpoint that declares it.
- Endpoints marked with `public(*params)` go through the page cache like the site's pages
  (iml_portal.cache.public_page): kept under the content generation, retired by the same
  content changes, keyed by the parameters listed.
- Bad parameters get a 400 with {"detail": …, "errors": {parameter: [messages]}}.
- The OpenAPI 3 schema is at /api/v1/openapi.json. Ninja's interactive docs page is off: it
  loads its scripts from a CDN, which the site's Content Security Policy forbids.
"""

import functools
from typing import Literal

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import ValidationError
from pydantic import field_validator

from .cache import public_page

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

api = NinjaAPI(
    title="IOM International Migration Law Unit: open data",
    version="1",
    description="Read-only. Translated fields come in the language `lang` asks for.",
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
)


class Problem(Schema):
    """What a 400 answer holds: a message, and the messages per parameter."""

    detail: str
    errors: dict[str, list[str]] = {}


class Parameters(Schema):
    """Query string parameters: one left empty (?year_from=&sort=, as forms send them) is
    absent, as on the site's pages."""

    @field_validator("*", mode="before")
    @classmethod
    def _empty_is_absent(cls, value, info):
        return cls.model_fields[info.field_name].get_default() if value == "" else value


class InLanguage(Parameters):
    """The `lang` parameter, for endpoints whose answer has translated fields."""

    lang: Literal[tuple(LANGUAGE_CODES)] = Field(
        settings.LANGUAGE_CODE, description="The language of translated fields and links."
    )


def invalid(errors):
    """A 400 answer for an endpoint to return, from {parameter: [messages]}."""
    messages = {name: [str(message) for message in found] for name, found in errors.items()}
    return Status(400, {"detail": gettext("Some parameters are not valid."), "errors": messages})


@api.exception_handler(ValidationError)
def _invalid_parameters(request, exc):
    # Parameters of the wrong type or out of range (ninja's own checks, 422 by default).
    errors = {}
    for error in exc.errors:
        errors.setdefault(str(error["loc"][-1]), []).append(error["msg"])
    answer = invalid(errors)
    return api.create_response(request, answer.value, status=answer.status_code)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": gettext("Not found.")}, status=404)


def filtered_page(request, filterset, number, *, per_page, params, row):
    """One page of a list read through a FacetedFilterSet (iml_portal/filters.py), as the list
    endpoints answer it: count, page, pages, the next and previous pages' addresses (with the
    parameters `params` only) and `row(request, obj)` for each result; or a 400 answer."""
    if filterset.form.errors:
        return invalid(filterset.form.errors)
    paginator = Paginator(filterset.results().prefetch_related("themes"), per_page)
    try:
        page = paginator.page(number)
    except EmptyPage:
        return invalid({"page": [gettext("There is no such page.")]})

    def address(number):
        query = request.GET.copy()
        for name in set(query) - set(params):
            del query[name]
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "next": address(page.next_page_number()) if page.has_next() else None,
        "previous": address(page.previous_page_number()) if page.has_previous() else None,
        "results": [row(request, obj) for obj in page],
    }


def public(*params):
    """Marks an endpoint as public, cached with the query string parameters `params` (those
    that change what it answers; `lang` among them when it reads it)."""

    def mark(endpoint):
        endpoint.page_params = frozenset(params)
        return endpoint

    return mark


def _in_requested_language(view):
    @functools.wraps(view)
    def in_language(request, *args, **kwargs):
        language = request.GET.get("lang")
        if language not in LANGUAGE_CODES:
            language = settings.LANGUAGE_CODE  # (an unknown `lang` is refused by the endpoint)
        # As Django's own views do, HEAD is answered as GET; the body is dropped on the way out.
        method = request.method
        if method == "HEAD":
            request.method = "GET"
        try:
            with translation.override(language):
                response = view(request, *args, **kwargs)
        finally:
            request.method = method
        response["Content-Language"] = language
        return response

    return in_language


def urls():
    """The API's URL patterns, for path("api/v1/", …): each app's router added, each endpoint
    in the requested language, and the public ones (the schema too) cached as pages are."""
    routers = [import_string(dotted) for dotted in settings.API_ROUTERS]
    for router in routers:
        api.add_router("", router)
    params = {
        operation.url_name or operation.view_func.__name__: operation.view_func.page_params
        for router in routers
        for path_view in router.path_operations.values()
        for operation in path_view.operations
        if hasattr(operation.view_func, "page_params")
    }
    params["openapi-json"] = frozenset()
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = _in_requested_language(pattern.callback)
        if pattern.name in params:
            pattern.callback = public_page(pattern.callback, params[pattern.name])
    return patterns, app_name, namespace
