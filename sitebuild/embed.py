"""The site's script policies (every page, the wizard pages, the embed) and hosting headers, defined
once here; the host pages' embed script written with the site's languages; the webmasters' builder."""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import material

from .html_templates import render
from .languages import default_language, languages
from .paths import WIZARD_ASSETS

TEMPLATE = "wizard-embed.html"
BUILDER_TEMPLATE = "wizard-webmasters.html"
BUILDER_PLACEHOLDER = "<!-- embed-builder -->"
CSP_PLACEHOLDER = "<!-- embed-csp -->"
HEADERS_PLACEHOLDER = "<!-- embed-headers -->"
HOST_SCRIPT_SOURCE = Path(__file__).resolve().parents[1] / "wizard" / "host-page" / "embed.js"
HOST_SCRIPT = f"{WIZARD_ASSETS}/embed.js"
CONFIG_MARK = "/*@config@*/null"
# Where each language's embed page lives, relative to the site root: at the wizard page's depth, so the
# result's relative guide links (Python renders them as ../<guide>) resolve the same way.
EMBED_PATH = "wizard-embed/"
# The embed frame's only message to its host, and the tallest height the host accepts from it.
HEIGHT_MESSAGE = "cig-wizard:height"
MAX_HEIGHT = 20000
# The frame reports its height rounded up to a multiple of this: exact heights differ per result and
# nationality, so the host page could read the visitor's answers from them.
HEIGHT_STEP = 200

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


def material_stylesheets() -> list[str]:
    """Material's own stylesheets (their names carry a hash), for the standalone embed template."""
    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    names = [sorted(folder.glob(f"{stem}.*.min.css")) for stem in ("main", "palette")]
    if not all(names):
        raise FileNotFoundError(f"{folder}: Material's main/palette stylesheets not found")
    return [f"assets/stylesheets/{found[0].name}" for found in names]


def host_config(ui: Mapping[str, Mapping[str, str]], directory_urls: bool = True) -> dict:
    """What the host pages' script needs: each language's embed path and iframe title (ui: the
    compiled rules' interface strings per language). The offline copy (no directory URLs) names
    the page's file: from file:// a folder opens as a listing, not as its index page."""
    path = EMBED_PATH if directory_urls else EMBED_PATH.rstrip("/") + ".html"
    return {
        "defaultLanguage": default_language().code,
        "languages": {
            language.code: {
                "path": f"{language.prefix}{path}",
                "title": ui[language.code]["embed_frame_title"],
            }
            for language in languages()
        },
        "message": HEIGHT_MESSAGE,
        "maxHeight": MAX_HEIGHT,
        "maxAnswers": 2000,
    }


def write_host_script(site_dir: Path, ui: Mapping[str, Mapping[str, str]], directory_urls: bool = True) -> Path:
    """Write assets/wizard/embed.js: the classic script host pages include, with its config filled in."""
    source = HOST_SCRIPT_SOURCE.read_text(encoding="utf-8")
    if source.count(CONFIG_MARK) != 1:
        raise ValueError(f"{HOST_SCRIPT_SOURCE}: expected the config mark {CONFIG_MARK} once")
    target = site_dir / HOST_SCRIPT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        source.replace(CONFIG_MARK, json.dumps(host_config(ui, directory_urls), ensure_ascii=False)), encoding="utf-8"
    )
    return target


def builder_html(bundle: dict, lang: str, site_root: str, offline_note: str | None = None) -> str:
    """The webmasters' snippet builder: a form (choices from the wizard's own questions), the
    snippet, a copy button and a live preview; assets/wizard/webmasters.js wires it."""
    from wizard.engine import Engine

    engine = Engine(bundle)
    questions = (
        engine.step(answers, lang, "2026-01-01")["question"]  # their options do not depend on the date
        for answers in ({}, {"purpose": "study"}, {"purpose": "study", "status": "outside"})
    )
    return render(
        "webmasters-builder.html",
        ui=bundle["ui"][lang],  # already completed from the default language
        site_root=site_root,
        offline_note=offline_note,
        lang=lang,  # the page's own language is the one chosen first
        # Each language's embed page and frame title, for the plain-iframe snippet.
        frames=json.dumps(host_config(bundle["ui"])["languages"], ensure_ascii=False),
        languages=[(language.code, language.name) for language in languages()],
        questions=[
            {"id": q["id"], "text": q["text"], "options": [(o["value"], o["label"]) for o in q["options"]]}
            for q in questions
        ],
    )


def notice_html(ui: dict, lang: str, site_root: str, directory_urls: bool = True) -> str:
    """The embed's one line under the wizard: unofficial, and the full guide in a new tab."""
    home = site_root + ("" if lang == default_language().code else f"{lang}/")
    return render("embed-notice.html", ui=ui, home_url=home if directory_urls else home + "index.html")


def csp_html() -> str:
    return render("embed-csp.html", policy=EMBED_CSP)


def headers_html(ui: dict) -> str:
    """The hosting headers as a table, in the page's language (ui: its wizard strings)."""
    return render("hosting-headers.html", ui=ui, rows=headers_table(ui["embed_other_pages"]))


def builder_page(html: str, bundle: dict, lang: str, site_root: str, offline_note: str | None = None) -> str:
    """The webmasters' page: its markers replaced by the builder, the policy and the headers table
    (offline_note: shown by the snippet in the offline copy)."""
    ui = bundle["ui"][lang]
    for mark in (BUILDER_PLACEHOLDER, CSP_PLACEHOLDER, HEADERS_PLACEHOLDER):
        if html.count(mark) != 1:
            raise ValueError(f"the webmasters page must hold {mark} once")
    return (
        html.replace(BUILDER_PLACEHOLDER, builder_html(bundle, lang, site_root, offline_note))
        .replace(CSP_PLACEHOLDER, csp_html())
        .replace(HEADERS_PLACEHOLDER, headers_html(ui))
    )
