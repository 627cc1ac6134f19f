"""Drops the language links Material writes into each page's head: its script fetches a sitemap.xml
beside each of them (wizard/sitemap.xml, zh/wizard/sitemap.xml: two 404s a page), and sitemap.xml
already tells search engines each page's languages, with the absolute addresses they need."""

import re

# Material's base.html writes one per language from config.extra.alternate, in this form.
_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


class HeadChanged(ValueError):
    """Material's head no longer writes the language links in the form this module removes."""


def drop_language_links(html: str) -> str:
    """The page without the head's hreflang links; the language switcher's own links stay."""
    head, end, body = html.partition("</head>")
    kept, count = _ALTERNATE.subn("", head)
    if count == 0 and re.search(r"<link[^>]*\bhreflang=", head):
        raise HeadChanged("Material's language links in the head changed; update sitebuild/head_links.py")
    return kept + end + body
