"""Per-client limits on the contact form, counted in Django's cache (Redis, shared by every app
server, when REDIS_URL is set) in fixed windows: "5/h" allows five per clock hour and client.

Two counts, so that a careless person is not locked out by their own mistakes: the requests
the form saved (CONTACT_RATE_LIMIT), and the submissions refused as invalid, which get a
separate, higher limit (CONTACT_INVALID_RATE_LIMIT). Reaching either limit refuses the next
submission. A cache that is out lets submissions through: losing a government's request is
worse than a few more unwanted ones (the honeypot and CSRF still apply)."""

import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from iml_portal.client_ip import client_key

logger = logging.getLogger(__name__)

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

# scope: the setting that holds its rate
SAVED = "CONTACT_RATE_LIMIT"
INVALID = "CONTACT_INVALID_RATE_LIMIT"


def parse_rate(rate, name=SAVED):
    """ "5/h" -> (5, 3600)."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*", rate or "")
    if not match or int(match[1]) < 1:
        raise ImproperlyConfigured(
            f"{name} must look like 5/h (a number, then s, m, h or d), not {rate!r}"
        )
    return int(match[1]), int(match[2] or 1) * _UNITS[match[3]]


def _window(request, scope):
    limit, period = parse_rate(getattr(settings, scope), scope)
    now = time.time()
    window = int(now // period)
    key = f"ratelimit:{scope}:{client_key(request)}:{window}"
    return key, limit, period, max(1, int((window + 1) * period - now))


def retry_after(request):
    """0 when the client may submit, else the seconds until it may (either limit reached)."""
    wait = 0
    for scope in (SAVED, INVALID):
        key, limit, _period, until_next_window = _window(request, scope)
        try:
            reached = (cache.get(key) or 0) >= limit
        except Exception:
            logger.exception("Rate limit not applied: the cache failed")
            return 0
        if reached:
            wait = max(wait, until_next_window)
    return wait


def count(request, scope):
    """Count one submission of the client in `scope` (SAVED or INVALID)."""
    key, _limit, period, _wait = _window(request, scope)
    try:
        if not cache.add(key, 1, timeout=period + 1):
            cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=period + 1)
    except Exception:
        logger.exception("Submission not counted: the cache failed")
