"""The first steps the build ships for answering before Python loads: each is exactly what the
browser's Python renders for that fragment on the build's date, and they cover the first answers."""

import copy
import datetime as dt
import json
import re
from urllib.parse import urlencode

import pytest

from sitebuild.languages import languages

from sitebuild.prerender import prerendered_steps, valid_until
from wizard.engine import Engine
from wizard.web.browser import Wizard

PREFIX = re.compile(r"^\(globalThis\.wizardSteps = globalThis\.wizardSteps \|\| \{\}\)\[\"(?P<lang>\w+)\"\] = ")

LANGUAGES = [language.code for language in languages()]


def shipped_steps(site_dir, lang: str) -> dict:
    text = (site_dir / "assets" / "wizard" / f"steps-{lang}.js").read_text(encoding="utf-8")
    match = PREFIX.match(text)
    assert match and match["lang"] == lang, "the steps file files its map under its own language"
    return json.loads(text[match.end() :].rstrip().rstrip(";"))


@pytest.fixture(scope="module")
def compiled_bundle(site_dir):
    """The compiled rules and interface words the site ships (assets/wizard/bundle.json)."""
    return json.loads((site_dir / "assets" / "wizard" / "bundle.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def browser_python(site_dir):
    return Wizard((site_dir / "assets" / "wizard" / "bundle.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_shipped_step_is_what_the_browser_s_python_renders_for_its_fragment(site_dir, browser_python, lang):
    shipped = shipped_steps(site_dir, lang)
    assert shipped["steps"], "no steps were pre-rendered"
    for fragment, reply in shipped["steps"].items():
        rendered = json.loads(browser_python.step("#" + fragment, lang, shipped["built"]))
        assert reply == rendered, f"the shipped step for '#{fragment}' differs from Python's"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_shipped_step_is_still_what_python_renders_on_the_last_day_they_are_shown(site_dir, browser_python, lang):
    shipped = shipped_steps(site_dir, lang)
    assert shipped["built"] <= shipped["until"]
    for fragment, reply in shipped["steps"].items():
        rendered = json.loads(browser_python.step("#" + fragment, lang, shipped["until"]))
        assert reply == rendered, f"the shipped step for '#{fragment}' differs from Python's on {shipped['until']}"


def test_a_step_that_depends_on_the_day_keeps_the_steps_to_the_build_day(compiled_bundle):
    # With a date question among the first steps (its limits move every day), the window closes at once.
    bundle = copy.deepcopy(compiled_bundle)
    first = bundle["questions"][0]
    bundle["questions"].insert(1, {"id": "when", "type": "date", "days_from_today": [0, 730]})
    bundle["messages"] = {
        lang: {**m, "questions": {**m["questions"], "when": {"text": "When?", "hint": ""}}}
        for lang, m in bundle["messages"].items()
    }
    on = dt.date.fromisoformat(bundle["built"])
    engine = Engine(bundle)
    steps = prerendered_steps(engine, "en", on)
    assert any('type="date"' in reply["html"] for reply in steps.values()), first["id"]
    assert valid_until(engine, "en", on, steps) == on
    real = Engine(compiled_bundle)
    assert valid_until(real, "en", on, prerendered_steps(real, "en", on)) > on


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_steps_cover_every_first_answer_and_the_answer_after_it(site_dir, browser_python, lang):
    steps = shipped_steps(site_dir, lang)["steps"]
    first = re.search(r'data-question="(\w+)"', steps[""]["html"])[1]
    values = re.findall(r'type="radio"[^>]*value="([^"]+)"', steps[""]["html"])
    assert len(values) > 1
    for value in values:
        # The key is what the page's form writes: the question's id and the chosen option's value.
        one = urlencode({first: value})
        assert one in steps, f"the answer {one} is not pre-rendered"
        html = steps[one]["html"]
        second = re.search(r'data-question="(\w+)"', html)
        for next_value in re.findall(r'type="radio"[^>]*value="([^"]+)"', html) if second else []:
            assert urlencode({first: value, second[1]: next_value}) in steps


def test_the_wizard_page_names_its_steps_file_and_the_build_date_they_hold(site_dir):
    html = (site_dir / "zh" / "wizard" / "index.html").read_text(encoding="utf-8")
    root = re.search(r'<div id="wizard"[^>]*>', html)[0]
    assert 'data-steps="../../assets/wizard/steps-zh.js"' in root
    built = re.search(r'data-built="([\d-]+)"', root)[1]
    assert built == shipped_steps(site_dir, "zh")["built"]
