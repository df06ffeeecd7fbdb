"""The address of the client, for rate limits and sign-in lockouts."""

import functools
import ipaddress

from django.conf import settings


@functools.cache
def _trusted_networks(proxies):
    if "*" in proxies:
        return None  # any address (gunicorn's meaning of "*")
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies)


def is_trusted_proxy(address):
    """Whether `address` is one of TRUSTED_PROXIES (the addresses or networks gunicorn's
    forwarded_allow_ips names: the same GUNICORN_FORWARDED_ALLOW_IPS variable)."""
    networks = _trusted_networks(tuple(settings.TRUSTED_PROXIES))
    if networks is None:
        return True
    ip = _parse(address)
    return ip is not None and any(ip in network for network in networks)


def _parse(address):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def client_ip(request):
    """REMOTE_ADDR, or, when the connection comes from a trusted proxy and TRUSTED_PROXY_COUNT
    proxies append to X-Forwarded-For, the address the outermost of them saw: each proxy
    appends the address it received the request from, so the entries a client can forge are
    those before the last TRUSTED_PROXY_COUNT ones. A client that reaches the app directly
    chooses nothing: its X-Forwarded-For is ignored. An entry that is not an address is
    ignored too, for the connection's own address."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies and is_trusted_proxy(remote):
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies and _parse(forwarded[-proxies]) is not None:
            return forwarded[-proxies]
    return remote


def client_key(request):
    """The client as rate limits and lockouts count it: its address, or for IPv6 the first
    address of its /64, the block one subscriber usually holds (else a single client could
    use billions of addresses). Always a valid IP address, as django-axes stores it in an
    inet column on PostgreSQL; None when the request has no usable address at all, which
    ClientAddressMiddleware refuses before any key is needed."""
    ip = _parse(client_ip(request))
    if ip is None:
        return None
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)
