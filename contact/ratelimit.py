"""A per-client limit on submissions, counted in Django's cache (Redis, shared by every app
server, when REDIS_URL is set) in fixed windows: "5/h" allows five submissions per clock
hour and client."""

import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from iml_portal.client_ip import client_key

logger = logging.getLogger(__name__)

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """ "5/h" -> (5, 3600)."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*", rate or "")
    if not match or int(match[1]) < 1:
        raise ImproperlyConfigured(
            f"CONTACT_RATE_LIMIT must look like 5/h (a number, then s, m, h or d), not {rate!r}"
        )
    return int(match[1]), int(match[2] or 1) * _UNITS[match[3]]


def hit(request, scope):
    """Count one hit for the request's client. Returns 0 when allowed, otherwise the seconds
    until the client may try again."""
    limit, period = parse_rate(settings.CONTACT_RATE_LIMIT)
    now = time.time()
    window = int(now // period)
    key = f"ratelimit:{scope}:{client_key(request)}:{window}"
    try:
        cache.add(key, 0, timeout=period + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # The key expired between add() and incr().
            cache.set(key, 1, timeout=period + 1)
            count = 1
    except Exception:
        # A cache that is down must not cost a requester their request: let it through.
        logger.exception("Rate limit not applied: the cache failed")
        return 0
    if count <= limit:
        return 0
    return max(1, int((window + 1) * period - now))
