"""Site-wide views: robots.txt and the error pages (the health check is a middleware)."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

ERRORS = {
    400: (
        _("Bad request"),
        _("The address or the data sent could not be understood. Please check it and try again."),
    ),
    403: (
        _("Access denied"),
        _("You do not have permission to see this page."),
    ),
    404: (
        _("Page not found"),
        _("There is no page at this address. It may have moved, or the address may be wrong."),
    ),
    500: (
        _("Something went wrong"),
        _("An error occurred on our side and has been recorded. Please try again later."),
    ),
    503: (
        _("Service temporarily unavailable"),
        _("The site cannot reach its data right now. Please try again in a few minutes."),
    ),
}


def error_page(request, status, message=None, headers=None):
    title, default_message = ERRORS[status]
    response = render(
        request,
        "error.html",
        {"status": status, "title": title, "message": message or default_message},
        status=status,
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def server_error(request):
    """A database that does not answer is an outage, not a bug: answer 503 so that load
    balancers and visitors know to come back; the site recovers once it answers again."""
    exception = sys.exc_info()[1]
    if isinstance(exception, (OperationalError, InterfaceError)):
        request.database_unavailable = True  # the page's footer does not wait for it again
        return error_page(request, 503, headers={"Retry-After": "30"})
    return error_page(request, 500)


def csrf_failure(request, reason=""):
    return error_page(
        request,
        403,
        message=_(
            "The form could not be sent because its security token was missing or expired. "
            "Please go back, reload the page and send the form again."
        ),
    )


@require_safe
def robots_txt(request):
    # The admin is not listed: its path is kept out of sight, and its pages say noindex.
    lines = ["User-agent: *", "Allow: /", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
