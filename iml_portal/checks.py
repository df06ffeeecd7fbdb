"""System checks for a deployment (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Without Redis each gunicorn worker has a cache of its own: an edit retires cached
    pages in one worker only, and the contact rate limit counts per worker."""
    if settings.REDIS_URL or settings.DEBUG:
        return []
    return [
        Warning(
            "REDIS_URL is not set: each worker process keeps its own cache.",
            hint="Set REDIS_URL so that cached pages and rate limits are shared.",
            id="iml_portal.W001",
        )
    ]
