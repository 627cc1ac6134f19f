"""The site's script policies (every page, the wizard pages, the embed) and the response headers
it needs from any host, defined once here as data: the pages' <meta> policies, the test server, the
hosting configs (sitebuild/hosting.py) and the docs' table all read them."""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from .languages import languages

# Where each language's embed page lives, relative to the site root: at the wizard page's depth, so the
# result's relative guide links (Python renders them as ../<guide>) resolve the same way.
EMBED_PATH = "wizard-embed/"
# The embed page's policy, delivered in a <meta> (so it holds on any host): scripts only from the
# site and WebAssembly compilation for Pyodide; no inline script, no eval, nothing from elsewhere.
EMBED_CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "worker-src 'self'",
        "connect-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)
# Every other page, in a <meta> (sitebuild/inline_scripts.py moves Material's inline scripts into
# files) and as a header: scripts only from the site, no inline script, no eval, no plugins.
PAGE_CSP = "script-src 'self'; object-src 'none'; base-uri 'self'"
# The wizard pages also compile WebAssembly: from file:// (the offline bundle) Python runs on the page.
WIZARD_PAGE_CSP = PAGE_CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", 1)
WIZARD_TEMPLATE = "wizard.html"
# frame-ancestors works only as a header: the embed may be framed by any web page ...
EMBED_HEADER_CSP = EMBED_CSP + "; frame-ancestors http: https:"
# ... and the rest of the site by none (header too; X-Frame-Options for older browsers).
NO_FRAMING = "frame-ancestors 'none'"
SITE_HEADERS = {"Content-Security-Policy": f"{PAGE_CSP}; {NO_FRAMING}", "X-Frame-Options": "DENY"}
WIZARD_HEADERS = {**SITE_HEADERS, "Content-Security-Policy": f"{WIZARD_PAGE_CSP}; {NO_FRAMING}"}


def embed_paths() -> list[str]:
    """The embed page of every language, as site paths ('/wizard-embed/', '/zh/wizard-embed/')."""
    return [f"/{language.prefix}{EMBED_PATH}" for language in languages()]


def wizard_paths() -> list[str]:
    """The full wizard page of every language ('/wizard/', '/zh/wizard/')."""
    return [f"/{language.prefix}wizard/" for language in languages()]


def page_csp(template: str | None) -> str:
    """The policy a page carries in its <meta>, by its template."""
    return WIZARD_PAGE_CSP if template == WIZARD_TEMPLATE else PAGE_CSP


@dataclass(frozen=True)
class HeaderRule:
    """Response headers for one kind of request path, named in one of the ways every hosting config can
    say (sitebuild/hosting.py writes them): whole pages, exact files, a file suffix, or every other page."""

    headers: Mapping[str, str]
    pages: tuple[str, ...] = ()  # these pages, asked for as '/wizard/' or '/wizard/index.html'
    files: tuple[str, ...] = ()  # these exact paths
    suffix: str = ""  # every path ending so
    other_pages: bool = False  # every page (a path ending in '/' or '.html') that no rule names in `pages`

    def matches(self, path: str, named_pages: frozenset[str]) -> bool:
        page = page_of(path)
        return (
            (bool(self.suffix) and path.endswith(self.suffix))
            or path in self.files
            or page in self.pages
            or (self.other_pages and page.endswith(("/", ".html")) and page not in named_pages)
        )


def page_of(path: str) -> str:
    """The page a path asks for: '/wizard/index.html' is the page '/wizard/'."""
    return path[: -len("index.html")] if path.endswith("/index.html") else path


@cache
def header_rules() -> tuple[HeaderRule, ...]:
    """The response headers the site needs, as data: hosting_headers (the tests' server), the docs' table
    and the hosting configs (_headers, nginx) all read this one table. No header of a path comes from
    two rules, so hosts that join repeated headers and hosts that replace them behave alike."""
    return (
        # WebAssembly streaming compilation needs this type; module scripts need a JavaScript one.
        HeaderRule({"Content-Type": "application/wasm"}, suffix=".wasm"),
        HeaderRule({"Content-Type": "text/javascript"}, suffix=".mjs"),
        # A new build's worker is seen promptly (README, "Offline"). Browsers already check sw.js past
        # their HTTP cache (updateViaCache defaults to 'imports', MDN); this also holds caches between.
        HeaderRule({"Cache-Control": "no-cache"}, files=("/sw.js",)),
        HeaderRule({"Content-Security-Policy": EMBED_HEADER_CSP}, pages=tuple(embed_paths())),
        HeaderRule(WIZARD_HEADERS, pages=tuple(wizard_paths())),
        HeaderRule(SITE_HEADERS, other_pages=True),
    )


def named_pages(rules: tuple[HeaderRule, ...]) -> frozenset[str]:
    return frozenset(page for rule in rules for page in rule.pages)


def hosting_headers(path: str) -> dict[str, str]:
    """The response headers the site needs for a request path (documented in README's Hosting)."""
    rules = header_rules()
    named = named_pages(rules)
    headers: dict[str, str] = {}
    for rule in rules:
        if rule.matches(path, named):
            for name, value in rule.headers.items():
                if name in headers:
                    raise ValueError(f"{path}: two header rules set {name}")
                headers[name] = value
    return headers


def rule_paths(rule: HeaderRule, other_pages: str) -> str:
    """The paths a rule names, as the docs' table says them."""
    if rule.other_pages:
        return other_pages
    return f"*{rule.suffix}" if rule.suffix else ", ".join(rule.pages + rule.files)


def headers_table(other_pages: str = "every other page") -> list[tuple[str, str, str]]:
    """(which paths, header, value) rows, for the docs."""
    return [
        (rule_paths(rule, other_pages), name, value) for rule in header_rules() for name, value in rule.headers.items()
    ]
