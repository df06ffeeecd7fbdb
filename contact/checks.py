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


@register(deploy=True)
def check_sender_address(app_configs, **kwargs):
    """The default sender is an address the Unit's documents never give: production must name
    the one IOM has set up for the site."""
    placeholders = [
        name
        for name in ("DEFAULT_FROM_EMAIL", "SERVER_EMAIL")
        if getattr(settings, name) == settings.PLACEHOLDER_FROM_EMAIL
    ]
    if not placeholders:
        return []
    return [
        Warning(
            f"{' and '.join(placeholders)} still send from the placeholder "
            f"{settings.PLACEHOLDER_FROM_EMAIL!r}, an address the Unit's documents never give.",
            hint="Set DEFAULT_FROM_EMAIL (SERVER_EMAIL follows it unless set) to the address "
            "IOM has set up to send the site's email.",
            id="contact.W002",
        )
    ]
