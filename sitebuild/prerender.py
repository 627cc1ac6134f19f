"""The steps a visitor reaches with the first answers, rendered at build time by the engine and the
web layer, so the page can show them while Python is still loading (the page only looks them up),
and the step after each country question among them, for every country, kept once per distinct view."""

import datetime as dt
import hashlib
import json
import os
import tempfile
from html import escape
from pathlib import Path

from wizard.engine import Engine
from wizard.web import fragment as fragments
from wizard.web.session import handle

from .paths import ROOT

# Answers followed from the first question: one or two keep the map small (see the README).
DEPTH = 2
# How many days after the build the steps may still be shown: each day is checked, and the first
# day on which any step would render differently ends the window (see `valid_until`).
VALID_DAYS = 365
# Only questions a visitor answers by picking from a few options are followed; a date, a number or
# the country list has too many answers to pre-render.
FOLLOWED_TYPES = ("choice", "yesno")
# The step after a country question is rendered for every country (11 purposes x 242 countries a
# language) and checked on the build's day and the next for every one, then day by day for one country
# of each kind (_signatures): a few seconds a language, kept in CACHE, so the same rules and code are
# rendered once. A step whose reply changes from one day to the next (a date question's limits) is
# not shipped at all.
# Where a view after a country question names the country: its code in the links and the form's
# base, its name in the answers list. Filled in by the page (wizard.js) from `names`.
CODE_MARK = "@@code@@"
NAME_MARK = "@@name@@"
CACHE = ROOT / ".cache" / "prerendered"
# What the views after a country question are made by: a change to any of these renders them again.
MADE_BY = (ROOT / "wizard" / "engine", ROOT / "wizard" / "web", Path(__file__))


def _answers(engine: Engine, fragment: str, lang: str, today: str) -> list[str]:
    """The fragments the question at `fragment` submits, one per option, as the page's form builds them."""
    answers, _, _ = fragments.parse(fragment)
    view = engine.step(answers, lang, today)
    if view["kind"] != "question" or view["question"]["type"] not in FOLLOWED_TYPES:
        return []
    carried = {item["id"]: item["value"] for item in view.get("answered", [])}
    question = view["question"]
    return [fragments.build({**carried, question["id"]: option["value"]}) for option in question["options"]]


def valid_until(engine: Engine, lang: str, on_date: dt.date, steps: dict[str, dict], days: int = VALID_DAYS) -> dt.date:
    """The last day, at most `days` after on_date, up to which the engine answers every step's
    fragment exactly as on on_date (checked day by day), so a visitor on any of those days is shown
    what Python would render for them. A step whose reply depends on the day (a date question's
    limits, a policy's end, a notice) ends the window the day before it changes."""
    answers = {fragment: fragments.parse(fragment)[0] for fragment in steps}
    built = {fragment: engine.step(given, lang, on_date.isoformat()) for fragment, given in answers.items()}
    last = on_date
    for offset in range(1, days + 1):
        day = on_date + dt.timedelta(days=offset)
        if any(engine.step(given, lang, day.isoformat()) != built[fragment] for fragment, given in answers.items()):
            break
        last = day
    return last


def prerendered_steps(engine: Engine, lang: str, on_date: dt.date, depth: int = DEPTH) -> dict[str, dict]:
    """Fragment (as the page's form writes it, without '#') -> the reply Python would give for it."""
    today = on_date.isoformat()
    ui = engine.bundle["ui"][lang]
    steps: dict[str, dict] = {}
    level = [""]
    for _ in range(depth + 1):
        following = []
        for fragment in level:
            if fragment in steps:
                continue
            steps[fragment] = handle(engine, fragment, lang, today, ui)
            following += _answers(engine, fragment, lang, today)
        level = following
    return steps


def _country_question(engine: Engine, fragment: str, lang: str, today: str) -> tuple[dict, dict[str, str]] | None:
    """(the question, the answers it carries) if the step at fragment asks for a country."""
    answers, _, _ = fragments.parse(fragment)
    view = engine.step(answers, lang, today)
    if view["kind"] != "question" or view["question"]["type"] != "country":
        return None
    return view["question"], {item["id"]: item["value"] for item in view.get("answered", [])}


def _marked(reply: dict, pair: str, name: str) -> dict:
    """The reply with the country's answer pair and name replaced by marks, in every text of it."""
    return {key: value.replace(pair, CODE_MARK).replace(name, NAME_MARK) for key, value in reply.items()}


def fill(template: dict, question: str, code: str, name: str) -> dict:
    """The reply for one country from its view's template (as wizard.js fills it)."""
    pair = f"{question}={code}"
    return {key: value.replace(CODE_MARK, pair).replace(NAME_MARK, name) for key, value in template.items()}


def after_country(engine: Engine, lang: str, on_date: dt.date, steps: dict[str, dict], limit: dt.date) -> dict:
    """For each step among `steps` that asks for a country: the step after it for every country,
    as {"names": {code: name as the HTML writes it}, "after": {fragment of the country question:
    {"question", "views": [template], "countries": {code: index in views}}}}. Each country's reply
    is filled back from its template and checked against the engine's own (never a guess); views
    that change the next day are left out, and `after_until` (at most limit: the first steps' last
    day) is the last day on which the rest are still what the engine renders."""
    today = on_date.isoformat()
    ui = engine.bundle["ui"][lang]
    names = {}
    after = {}
    answers_by_fragment = {}
    for base in steps:
        found = _country_question(engine, base, lang, today)
        if found is None:
            continue
        question, carried = found
        views: list[dict] = []
        countries = {}
        for option in question["options"]:
            code, name = option["value"], escape(option["label"])
            fragment = fragments.build({**carried, question["id"]: code})
            reply = handle(engine, fragment, lang, today, ui)
            template = _marked(reply, f"{question['id']}={code}", name)
            if fill(template, question["id"], code, name) != reply:
                continue  # a mark the engine's own text holds: this country waits for Python
            if template not in views:
                views.append(template)
            countries[code] = views.index(template)
            names[code] = name
            answers_by_fragment[fragment] = (base, code)
        after[base] = {"question": question["id"], "views": views, "countries": countries}
    until = _steady(engine, lang, on_date, answers_by_fragment, after, limit)
    return {"names": names, "after": after, "after_until": until.isoformat()}


def _signatures(bundle: dict) -> dict[str, tuple]:
    """Per country code, where the rules name it: each place (its path, list positions left out) with
    what stands beside it there. The engine holds no country code of its own (it reads them all from
    the bundle), so two countries with the same signature are answered alike on every day, but for
    their names. The country lists every country is in (names, orders, options) are left out."""
    codes = set(bundle["countries"].get("nationality", [])) | {
        code for options in bundle["countries"].values() for code in options
    }
    places: dict[str, list] = {code: [] for code in codes}

    def walk(node: object, path: tuple, parent: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in places:
                    places[key].append((path, "key", json.dumps(value, sort_keys=True)))
                walk(value, (*path, key), node)
        elif isinstance(node, list):
            for value in node:
                walk(value, (*path, "*"), node)
        elif isinstance(node, str) and node in places:
            beside = {k: v for k, v in parent.items() if v != node} if isinstance(parent, dict) else "member"
            places[node].append((path, "value", json.dumps(beside, sort_keys=True)))

    for key, value in bundle.items():
        if key not in ("country_names", "country_order", "countries"):
            walk(value, (key,), bundle)
    return {code: tuple(sorted(found)) for code, found in places.items()}


def _steady(engine: Engine, lang: str, on_date: dt.date, shipped: dict, after: dict, limit: dt.date) -> dt.date:
    """Drop each country whose view changes on the next day (a date question: every country is
    checked on both days), then the last day up to limit on which every remaining view is still as
    on on_date, checked day by day for one country of each signature (_signatures) per step."""
    given = {fragment: fragments.parse(fragment)[0] for fragment in shipped}
    built = {fragment: engine.step(answers, lang, on_date.isoformat()) for fragment, answers in given.items()}
    next_day = (on_date + dt.timedelta(days=1)).isoformat()
    for fragment, answers in list(given.items()):
        if engine.step(answers, lang, next_day) != built[fragment]:
            base, code = shipped[fragment]
            del after[base]["countries"][code]
            del given[fragment]
    for entry in after.values():  # views no country uses any more are dropped, the indices follow
        used = sorted(set(entry["countries"].values()))
        entry["views"] = [entry["views"][index] for index in used]
        entry["countries"] = {code: used.index(index) for code, index in entry["countries"].items()}
    signatures = _signatures(engine.bundle)
    checked: dict[tuple, str] = {}
    for fragment in given:
        base, code = shipped[fragment]
        checked.setdefault((base, signatures[code]), fragment)
    last = on_date + dt.timedelta(days=1)
    while last < limit:
        day = (last + dt.timedelta(days=1)).isoformat()
        if any(engine.step(given[fragment], lang, day) != built[fragment] for fragment in checked.values()):
            break
        last += dt.timedelta(days=1)
    return last


def cached_after_country(
    engine: Engine, lang: str, on_date: dt.date, steps: dict[str, dict], limit: dt.date, cache: Path = CACHE
) -> dict:
    """after_country, kept in cache under a digest of the bundle, the language, the date and the code
    that renders (MADE_BY), so that the same rules and code are rendered and checked once."""
    digest = hashlib.sha256(
        json.dumps([engine.bundle, lang, on_date.isoformat(), limit.isoformat()], sort_keys=True).encode()
    )
    for source in sorted(path for root in MADE_BY for path in ([root] if root.is_file() else root.rglob("*.py"))):
        digest.update(source.name.encode() + source.read_bytes())
    path = cache / f"after-country-{digest.hexdigest()}.json"
    if path.exists():
        return json.loads(path.read_text("utf-8"))
    made = after_country(engine, lang, on_date, steps, limit)
    cache.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed: builds side by side (the tests' workers) never read half a file.
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache, delete=False) as temporary:
        json.dump(made, temporary, ensure_ascii=False)
    os.replace(temporary.name, path)
    return made
