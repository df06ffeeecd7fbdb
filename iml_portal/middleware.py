import logging
import re
import time
import uuid

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils import translation
from django.utils.log import log_response

from .client_ip import client_key
from .log import mask_private, request_id
from .views import bad_request

logger = logging.getLogger(__name__)
access_log = logging.getLogger("iml_portal.requests")

# An id sent by the load balancer is kept when it looks like one; anything else is replaced.
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Gives each request an id (X-Request-ID), logs it on one line when it is answered, and
    makes it available to every log record written meanwhile (see log.RequestIdFilter)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # From META: request.headers would build a dict of every header first (some 20 µs,
        # close to a tenth of a page served from the cache).
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.id = incoming if VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id.set(request.id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            access_log.info(
                "%s %s %s %.1fms",
                request.method,
                loggable_path(request),
                response.status_code,
                (time.perf_counter() - started) * 1000,
            )
            if response.status_code >= 400:
                # Django would log it too, but after this request's id is gone.
                log_response(
                    "%s: %s",
                    response.reason_phrase,
                    loggable_path(request),
                    response=response,
                    request=request,
                )
            return response
        finally:
            request_id.reset(token)


def loggable_path(request):
    """The path, without the secret a private link carries (the contact status token)."""
    return mask_private(request.get_full_path()[:500])


class ClientAddressMiddleware:
    """Refuses a request that changes something (a form sent: the contact form, a sign-in)
    when it carries no usable client address: the rate limit and the sign-in lockout count
    per address, and such requests must never share one key."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD", "OPTIONS") and client_key(request) is None:
            logger.warning("Refused a %s without a usable client address", request.method)
            # Before LocaleMiddleware: the page's language comes from its address.
            with translation.override(translation.get_language_from_request(request, True)):
                return bad_request(request)
        return self.get_response(request)


class HealthCheckMiddleware:
    """Answers GET/HEAD /healthz before anything else runs: no host check, no HTTPS redirect,
    no cache and no log line, so a load balancer can probe each server by its address every
    few seconds. 200 when the database answers a query, 503 when it does not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != "/healthz" or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError:
            logger.warning("Health check: the database does not answer")
            response = HttpResponse("database unavailable\n", status=503, content_type="text/plain")
        else:
            response = HttpResponse("ok\n", content_type="text/plain")
        response["Cache-Control"] = "no-store"
        return response


class PermissionsPolicyMiddleware:
    """Sends the Permissions-Policy header (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response
