"""The address of the client, for rate limits and sign-in lockouts."""

import ipaddress

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


def client_key(request):
    """The client as rate limits and lockouts count it: its address, or for IPv6 the first
    address of its /64, the block one subscriber usually holds (else a single client could
    use billions of addresses). Always a valid IP address, as django-axes stores it in an
    inet column on PostgreSQL; None when the request names no usable address."""
    try:
        ip = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return None
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)
