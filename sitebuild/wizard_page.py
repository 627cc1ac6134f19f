"""Puts the visa wizard into the site: compiles the rules, pre-renders the first question in each
language with the same engine the browser runs, and writes the wizard's assets."""

import datetime as dt
import gzip
import json
import shutil
from pathlib import Path

from markupsafe import Markup

from wizard.engine import Engine, texts_for, without_texts
from wizard.tooling.bundle import compile_rules
from wizard.tooling.errors import Problem, RuleError
from wizard.tooling.rules_date import rules_date
from wizard.web.session import handle

from .download_size import BUNDLE, downloads, texts_file
from .html_templates import render
from .languages import default_language, languages
from .paths import DOCS, ROOT, WIZARD_ASSETS
from .prerender import cached_after_country, prerendered_steps, valid_until

RULES = ROOT / "rules"
FRONT = ROOT / "wizard" / "front"
PLACEHOLDER = "<!-- wizard -->"
# While a file of the runtime is downloading, the wizard waits as long as bytes arrive, and calls the
# download stalled once none has arrived for this long. A mobile link that loses packets backs off
# its retransmissions (1, 2, 4, 8 s: 15 s for four losses in a row) and a cell handover takes a few
# seconds; 20 s outlasts both, while a person still sees a dead connection named in well under a minute.
STALL_MS = 20000
# Once Python has every file it asked for, starting takes 2-5 s on this project's 2-core machine
# (`make bench`), perhaps ten times that on an old phone: past this it is stuck, not slow.
START_MS = 60000
# The most each language's pre-rendered steps may weigh on the wire (gzipped), as the first thing a
# visitor on a slow link downloads beside the runtime: a build that exceeds it fails.
STEPS_BUDGET = 50_000


def steps_file(lang: str) -> str:
    """The classic script holding lang's pre-rendered first steps (a script, so file:// can load it)."""
    return f"steps-{lang}.js"


def build_date() -> dt.date:
    """The date the site's rules are compiled for: the commit's own (wizard/tooling/rules_date.py)."""
    return rules_date(RULES)


def guide_url(guide: str, directory_urls: bool = True) -> str:
    """A guide as the site links it: 'visas/study-x/', or 'visas/study-x.html' where the build has no
    directory URLs (the file:// bundle, in which a folder link would open a folder listing)."""
    if directory_urls:
        return guide
    page, hash_mark, section = guide.partition("#")
    path = page.rstrip("/")
    target = f"{path}/index.html" if (DOCS / default_language().code / path / "index.md").exists() else f"{path}.html"
    return target + hash_mark + section


def check_site_languages(bundle: dict) -> None:
    """Every language of the site (mkdocs.yml) has a catalogue of the wizard's texts, and the site's
    default language is the rules' (which the wizard falls back to): raises RuleError naming each
    file to change."""
    problems = [
        Problem(f"rules/messages/{lang.code}.yaml", "", f"missing: mkdocs.yml lists the language {lang.code!r}")
        for lang in languages()
        if lang.code not in bundle["ui"]
    ]
    site_default, rules_default = default_language().code, bundle["default_language"]
    if site_default != rules_default:
        problems.append(
            Problem(
                "rules/index.yaml",
                "/default_language",
                f"{rules_default!r}, but the site's default language (mkdocs.yml) is {site_default!r}",
            )
        )
    if problems:
        raise RuleError(problems)


def compile_bundle(on_date: dt.date, directory_urls: bool = True) -> tuple[dict, list]:
    """The rule bundle (its interface strings included, bundle["ui"]), and the warnings (e.g. a policy
    ending soon).

    Raises wizard.tooling.errors.RuleError naming file, place and reason for each broken rule, and
    for each language of the site without a catalogue of the wizard's texts.
    """
    compiled = compile_rules(RULES, on_date, docs_root=DOCS / default_language().code)
    check_site_languages(compiled.bundle)
    for outcome in compiled.bundle["outcomes"].values():
        if outcome.get("guide"):
            outcome["guide"] = guide_url(outcome["guide"], directory_urls)
    for step in compiled.bundle["how_to_get"]["steps"].values():
        if step.get("guide"):
            step["guide"] = guide_url(step["guide"], directory_urls)
    return compiled.bundle, compiled.warnings


def widget_html(bundle: dict, lang: str, on_date: dt.date, site_root: str, directory_urls: bool = True) -> str:
    """The wizard's container, with the first question already rendered for readers in lang."""
    ui = bundle["ui"][lang]
    first = handle(Engine(bundle), "", lang, on_date.isoformat(), ui)
    language_root = "" if lang == default_language().code else lang + "/"
    return render(
        "wizard-widget.html",
        lang=lang,
        site_root=site_root,
        steps_url=site_root + WIZARD_ASSETS + "/" + steps_file(lang),
        built=on_date.isoformat(),
        stall_ms=STALL_MS,
        start_ms=START_MS,
        download_bytes=sum(announced_downloads(bundle, lang).values()),
        ui=ui,
        guides_url=site_root + language_root + guide_url("visas/", directory_urls),
        hosting_url=site_root + language_root + guide_url("wizard/webmasters/", directory_urls) + "#hosting",
        first_step=Markup(first["html"]),  # HTML that wizard/web escaped already
    )


def compact_json(data: dict) -> bytes:
    """JSON as the site serves it: compact UTF-8."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def rule_files(bundle: dict) -> dict[str, bytes]:
    """The rules as the site serves them in assets/wizard/: the bundle with no language's words, which
    every page's wizard shares, and each language's texts, of which a page fetches its own."""
    files = {BUNDLE: compact_json(without_texts(bundle))}
    files.update({texts_file(lang): compact_json(texts_for(bundle, lang)) for lang in bundle["ui"]})
    return files


def announced_downloads(bundle: dict, lang: str) -> dict[str, int]:
    """The files, and their sizes, that the wizard of a page in lang downloads before it is ready."""
    shared, texts = compact_json(without_texts(bundle)), compact_json(texts_for(bundle, lang))
    return downloads(len(shared), lang, len(texts))


def write_assets(site_dir: Path, bundle: dict) -> Path:
    """Write the rules and the front-end files under site_dir/assets/wizard/ (the engine is a wheel
    beside the runtime: sitebuild/engine_wheel.py)."""
    target = site_dir / WIZARD_ASSETS
    target.mkdir(parents=True, exist_ok=True)
    for name, data in rule_files(bundle).items():
        (target / name).write_bytes(data)
    write_steps(target, bundle)
    for source in FRONT.iterdir():
        if source.is_file():
            shutil.copy2(source, target / source.name)
    return target


def write_steps(target: Path, bundle: dict) -> None:
    """Write each language's first steps, rendered for the bundle's build date, as a classic script
    that files them under globalThis.wizardSteps[lang] (wizard.js looks fragments up there)."""
    on_date = dt.date.fromisoformat(bundle["built"])
    engine = Engine(bundle)
    last = None
    for lang in bundle["ui"]:
        steps = prerendered_steps(engine, lang, on_date)
        if last is None:
            # The day a reply changes comes from the rules, not from their wording: it is found once, in
            # the first language (each language cost ~3 s of engine steps, 15 s of a five-language build).
            last = valid_until(engine, lang, on_date, steps)
        until = last.isoformat()
        # The step after the nationality question, for every country (sitebuild/prerender.py).
        after = cached_after_country(engine, lang, on_date, steps, last)
        data = json.dumps(
            {"built": bundle["built"], "until": until, "steps": steps, **after},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        text = f"(globalThis.wizardSteps = globalThis.wizardSteps || {{}})[{json.dumps(lang)}] = {data};\n"
        (target / steps_file(lang)).write_text(text, encoding="utf-8")
        size = len(gzip.compress(text.encode("utf-8"), 9))
        if size > STEPS_BUDGET:
            raise ValueError(f"{steps_file(lang)}: {size} bytes gzipped, over the budget of {STEPS_BUDGET}")
        print(
            f"{steps_file(lang)}: {len(steps)} steps, {sum(len(a['countries']) for a in after['after'].values())} "
            f"after a country (until {after['after_until']}), {size:,} bytes gzipped"
        )
