"""System checks for the contact app's settings."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from .ratelimit import INVALID, SAVED, parse_rate


@register()
def check_rate_limit(app_configs, **kwargs):
    errors = []
    for name in (SAVED, INVALID):
        try:
            parse_rate(getattr(settings, name), name)
        except ImproperlyConfigured as error:
            errors.append(Error(str(error), id="contact.E001"))
    return errors


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    if "127.0.0.1" in settings.SITE_URL or "localhost" in settings.SITE_URL:
        return [
            Warning(
                "DJANGO_SITE_URL is not set: the links in contact emails point to "
                f"{settings.SITE_URL}.",
                id="contact.W001",
            )
        ]
    return []
