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


@register(Tags.security, deploy=True)
def check_trusted_proxies(app_configs, **kwargs):
    """With "*" every client could write its own X-Forwarded-For and choose its address."""
    if settings.TRUSTED_PROXY_COUNT and "*" in settings.TRUSTED_PROXIES:
        return [
            Warning(
                "GUNICORN_FORWARDED_ALLOW_IPS is '*': any client can choose the address the "
                "rate limit and the sign-in lockout count.",
                hint="Name the load balancer's addresses (or network) instead.",
                id="iml_portal.W002",
            )
        ]
    return []
