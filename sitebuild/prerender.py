"""The steps a visitor reaches with the first answers, rendered at build time by the engine and the
web layer, so the page can show them while Python is still loading (the page only looks them up)."""

import datetime as dt

from wizard.engine import Engine
from wizard.web import fragment as fragments
from wizard.web.session import handle

# Answers followed from the first question: one or two keep the map small (see the README).
DEPTH = 2
# How many days after the build the steps may still be shown: each day is checked, and the first
# day on which any step would render differently ends the window (see `valid_until`).
VALID_DAYS = 365
# Only questions a visitor answers by picking from a few options are followed; a date, a number or
# the country list has too many answers to pre-render.
FOLLOWED_TYPES = ("choice", "yesno")


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
