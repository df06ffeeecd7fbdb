import logging
import re
import time
import uuid

from django.conf import settings

from .log import request_id

access_log = logging.getLogger("iml_portal.requests")

# An id sent by the load balancer is kept when it looks like one; anything else is replaced.
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Gives each request an id (X-Request-ID), logs it on one line when it is answered, and
    makes it available to every log record written meanwhile (see log.RequestIdFilter)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id.set(request.id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            access_log.info(
                "%s %s %s %.1fms",
                request.method,
                request.get_full_path()[:500],
                response.status_code,
                (time.perf_counter() - started) * 1000,
            )
            return response
        finally:
            request_id.reset(token)


class PermissionsPolicyMiddleware:
    """Sends the Permissions-Policy header (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response
