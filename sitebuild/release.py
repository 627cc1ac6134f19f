"""The site's public address for a release build: `SITE_URL` (mkdocs.yml reads it), and a refusal to
build with `RELEASE=1` while site_url still points at this machine (canonical links, hreflang, sitemap)."""

import ipaddress
import os
from urllib.parse import unquote, urlsplit

RELEASE_SWITCH = "RELEASE"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}


class NotForRelease(ValueError):
    """A release build whose site_url is not a public address."""


def is_release() -> bool:
    return os.environ.get(RELEASE_SWITCH, "").strip().lower() in ("1", "true", "yes")


def check_site_url(site_url: str | None) -> None:
    """Raise NotForRelease when a release build would publish a local or missing site_url."""
    if not is_release():
        return
    try:
        host = urlsplit(site_url or "").hostname or ""
    except ValueError:  # "http://[::1/": not a URL at all
        host = ""
    if _is_local_host(host):
        raise NotForRelease(
            f"{RELEASE_SWITCH}=1 but site_url is {site_url!r}: set SITE_URL to the site's public address, "
            "e.g. SITE_URL=https://example.org/ RELEASE=1 make build"
        )


# Names that only ever resolve on this machine or its local network (RFC 6761, 6762, 8375; ICANN's .internal).
LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa")


def _is_local_host(host: str) -> bool:
    """True for a host name or address no visitor could reach: this machine, a private network,
    a link-local address, or a name without a dot, in any of the spellings a browser accepts."""
    host = host.lower().rstrip(".")  # "localhost." is localhost, fully qualified
    if host in LOCAL_HOSTS or host.endswith(LOCAL_SUFFIXES):
        return True
    address = _ip_address(host)
    if address is None:
        return "." not in host  # "intranet": only a local resolver answers a one-label name
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return not address.is_global


def _ip_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a browser would connect to for `host`, or None for a name."""
    if ":" in host:
        try:
            return ipaddress.IPv6Address(unquote(host).split("%", 1)[0])  # without its zone ("%25eth0")
        except ValueError:
            return None
    return _ipv4_as_browsers_read(host)


def _ipv4_as_browsers_read(host: str) -> ipaddress.IPv4Address | None:
    """IPv4 as the URL standard parses it: 1 to 4 parts, each decimal, 0x-hex or 0-octal, the last
    filling the remaining bytes ("2130706433", "0x7f000001", "0177.0.0.1" and "127.1" are 127.0.0.1)."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers = []
    for part in parts:
        if part[:2] in ("0x", "0X"):
            digits, base = part[2:] or "0", 16
        elif len(part) > 1 and part.startswith("0"):
            digits, base = part[1:], 8
        else:
            digits, base = part, 10
        if not digits or len(digits) > 32 or not all(ch in "0123456789abcdef"[:base] for ch in digits):
            return None
        numbers.append(int(digits, base))
    *leading, last = numbers
    if any(number > 255 for number in leading) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last
    for i, number in enumerate(leading):
        value += number << (8 * (3 - i))
    return ipaddress.IPv4Address(value)
