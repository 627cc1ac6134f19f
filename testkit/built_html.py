"""Reads built HTML pages: their element ids, links, and the resources they load."""

import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes through which a page makes the browser fetch something (as opposed to a link a reader follows).
RESOURCE_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "source": ("src", "srcset"),
    "embed": ("src",),
    "object": ("data",),
    "track": ("src",),
}
# <link rel=...> values that make the browser fetch the target.
FETCHING_LINK_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "prefetch",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
    "shortcut",
}


@dataclass
class BuiltPage:
    path: Path
    lang: str = ""
    title: str = ""
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    alternates: dict[str, str] = field(default_factory=dict)
    inline_styles: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self, page: BuiltPage):
        super().__init__(convert_charrefs=True)
        self.page = page
        self._in_title = False
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.page.ids.add(attributes["id"])
        if tag == "html":
            self.page.lang = attributes.get("lang", "")
        elif tag == "title":
            self._in_title = True
        elif tag == "style":
            self._in_style = True
        elif tag == "a" and attributes.get("href") is not None:
            self.page.links.append(attributes["href"])
            if "md-select__link" in attributes.get("class", "") and attributes.get("hreflang"):
                self.page.alternates[attributes["hreflang"]] = attributes["href"]
        elif tag == "link" and attributes.get("href"):
            rels = set((attributes.get("rel") or "").lower().split())
            if rels & FETCHING_LINK_RELS:
                self.page.resources.append(attributes["href"])
        for name in RESOURCE_ATTRIBUTES.get(tag, ()):
            value = attributes.get(name)
            if value:
                # srcset holds "url size, url size"
                self.page.resources.extend(part.strip().split(" ")[0] for part in value.split(","))
        if attributes.get("style"):
            self.page.inline_styles.append(attributes["style"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_title:
            self.page.title += data
        elif self._in_style:
            self.page.inline_styles.append(data)


def read_page(path: Path) -> BuiltPage:
    page = BuiltPage(path=path)
    parser = _PageParser(page)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return page


def built_pages(site_dir: Path) -> list[BuiltPage]:
    """Every HTML page of the built site."""
    return [read_page(path) for path in sorted(site_dir.rglob("*.html"))]


def is_external(url: str) -> bool:
    """True for a URL that leaves the site (another scheme or host), false for a relative one."""
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def resolve_local(page_path: Path, url: str) -> tuple[Path, str]:
    """The file a relative URL on page_path points to (a folder means its index.html), and its fragment."""
    parts = urlsplit(url)
    if not parts.path:
        return page_path, unquote(parts.fragment)
    target = page_path.parent / unquote(parts.path)
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return Path(os.path.normpath(target)), unquote(parts.fragment)
