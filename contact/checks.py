"""System checks for the contact app's settings."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from .ratelimit import parse_rate


@register()
def check_rate_limit(app_configs, **kwargs):
    try:
        parse_rate(settings.CONTACT_RATE_LIMIT)
    except ImproperlyConfigured as error:
        return [Error(str(error), id="contact.E001")]
    return []


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
