"""The site's public address for a release build: `SITE_URL` (mkdocs.yml reads it), and a refusal to
build with `RELEASE=1` while site_url still points at this machine (canonical links, hreflang, sitemap)."""

import os
from urllib.parse import urlsplit

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
    host = (urlsplit(site_url or "").hostname or "").lower()
    if host in LOCAL_HOSTS or host.startswith("127.") or host.endswith(".localhost"):
        raise NotForRelease(
            f"{RELEASE_SWITCH}=1 but site_url is {site_url!r}: set SITE_URL to the site's public address, "
            "e.g. SITE_URL=https://example.org/ RELEASE=1 make build"
        )
