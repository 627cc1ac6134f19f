"""The wizard's embed for other sites: its page template, the host pages' embed script written with the
site's languages, and the webmasters' snippet builder. Its script policy is sitebuild/script_policy.py."""

import json
from collections.abc import Mapping
from pathlib import Path

import material

from .html_templates import render
from .languages import default_language, languages
from .paths import WIZARD_ASSETS
from .script_policy import EMBED_CSP, EMBED_PATH, headers_table

TEMPLATE = "wizard-embed.html"
BUILDER_TEMPLATE = "wizard-webmasters.html"
BUILDER_PLACEHOLDER = "<!-- embed-builder -->"
CSP_PLACEHOLDER = "<!-- embed-csp -->"
HEADERS_PLACEHOLDER = "<!-- embed-headers -->"
HOST_SCRIPT_SOURCE = Path(__file__).resolve().parents[1] / "wizard" / "host-page" / "embed.js"
HOST_SCRIPT = f"{WIZARD_ASSETS}/embed.js"
CONFIG_MARK = "/*@config@*/null"
# The embed frame's only message to its host, and the tallest height the host accepts from it.
HEIGHT_MESSAGE = "cig-wizard:height"
MAX_HEIGHT = 20000
# The frame reports its height rounded up to a multiple of this: exact heights differ per result and
# nationality, so the host page could read the visitor's answers from them.
HEIGHT_STEP = 200


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
