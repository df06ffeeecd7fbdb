"""The address of the client, for rate limits and sign-in lockouts."""

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or, behind TRUSTED_PROXY_COUNT proxies, the address the outermost
    trusted proxy saw: each proxy appends the address it received the request from, so the
    entries a client can forge are those before the last TRUSTED_PROXY_COUNT ones."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
