"""Log records carry the id of the request being served, and never a private address's
secret (settings.PRIVATE_PATHS: the contact status and thank-you links)."""

import contextvars
import functools
import logging
import re

from django.conf import settings

request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get()
        return True


@functools.cache
def _private_paths():
    return re.compile(
        "(" + "|".join(settings.PRIVATE_PATHS) + r")[^/?#\s\"'<>]+", flags=re.IGNORECASE
    )


def mask_private(text):
    """`text` with the secret part of every private address replaced by <token>."""
    return _private_paths().sub(r"\1<token>", text)


class MaskPrivatePathsFilter(logging.Filter):
    """Masks private addresses in every line, Django's own included (the redirect that adds a
    trailing slash, the CSRF failure line, …)."""

    def filter(self, record):
        message = record.getMessage()
        masked = mask_private(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
