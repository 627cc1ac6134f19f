"""The first steps the build ships for answering before Python loads, and the step after the nationality
question for every country: each is exactly what the browser's Python renders for that fragment on the
days the page shows it, and they cover the first answers."""

import copy
import datetime as dt
import gzip
import json
import re
from urllib.parse import urlencode

import pytest

from sitebuild.languages import languages
from sitebuild.prerender import after_country, fill, prerendered_steps, valid_until
from sitebuild.wizard_page import STEPS_BUDGET
from wizard.engine import Engine
from wizard.web.browser import Wizard

PREFIX = re.compile(r"^\(globalThis\.wizardSteps = globalThis\.wizardSteps \|\| \{\}\)\[\"(?P<lang>\w+)\"\] = ")

LANGUAGES = [language.code for language in languages()]


def shipped_steps(site_dir, lang: str) -> dict:
    text = (site_dir / "assets" / "wizard" / f"steps-{lang}.js").read_text(encoding="utf-8")
    match = PREFIX.match(text)
    assert match and match["lang"] == lang, "the steps file files its map under its own language"
    return json.loads(text[match.end() :].rstrip().rstrip(";"))


def shipped_rules(site_dir) -> tuple[str, list[str]]:
    """The rules the site ships: the bundle every language shares and each language's texts."""
    assets = site_dir / "assets" / "wizard"
    texts = [(assets / f"texts-{lang}.json").read_text(encoding="utf-8") for lang in LANGUAGES]
    return (assets / "bundle.json").read_text(encoding="utf-8"), texts


@pytest.fixture(scope="module")
def browser_python(site_dir):
    shared, texts = shipped_rules(site_dir)
    wizard = Wizard(shared)
    for text in texts:
        wizard.add_texts(text)
    return wizard


@pytest.fixture(scope="module")
def compiled_bundle(browser_python):
    """The compiled rules and every language's words, as the site ships them."""
    return browser_python.engine.bundle


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


def _after_country_replies(shipped: dict):
    """(fragment as the page's form writes it, the reply the page fills in) for every shipped country."""
    for base, entry in shipped["after"].items():
        for code, index in entry["countries"].items():
            reply = fill(entry["views"][index], entry["question"], code, shipped["names"][code])
            yield f"{base}&{entry['question']}={code}", reply


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_view_after_a_country_filled_for_each_country_is_what_python_renders_until_its_last_day(
    site_dir, browser_python, lang
):
    shipped = shipped_steps(site_dir, lang)
    assert shipped["built"] < shipped["after_until"] <= shipped["until"]
    replies = list(_after_country_replies(shipped))
    assert len(replies) > 1000
    for day in (shipped["built"], shipped["after_until"]):
        for fragment, reply in replies:
            rendered = json.loads(browser_python.step("#" + fragment, lang, day))
            assert reply == rendered, f"the shipped step after '#{fragment}' differs from Python's on {day}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_pre_rendered_nationality_question_has_the_step_after_it_for_most_countries(site_dir, lang):
    shipped = shipped_steps(site_dir, lang)
    asking = [
        fragment for fragment, reply in shipped["steps"].items() if 'data-question="nationality"' in reply["html"]
    ]
    assert len(asking) >= 10, "every purpose planned from abroad asks the nationality third"
    assert set(shipped["after"]) == set(asking)
    for base in asking:
        entry = shipped["after"][base]
        options = re.findall(r'<option value="([A-Z]{2})"', shipped["steps"][base]["html"])
        assert set(entry["countries"]) <= set(options)
        assert len(entry["countries"]) > len(options) / 2, base
        # Deduplicated: one view per distinct step, far fewer than the countries sharing it.
        assert len(entry["views"]) == len({json.dumps(view) for view in entry["views"]}) < len(entry["countries"])
    assert "US" in shipped["after"]["purpose=work&status=outside"]["countries"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_shipped_view_after_a_country_is_a_date_question_whose_limits_move_each_day(site_dir, lang):
    shipped = shipped_steps(site_dir, lang)
    views = [view for entry in shipped["after"].values() for view in entry["views"]]
    assert views and not any('type="date"' in view["html"] for view in views)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_language_s_steps_file_weighs_at_most_the_budget_gzipped(site_dir, lang):
    data = (site_dir / "assets" / "wizard" / f"steps-{lang}.js").read_bytes()
    assert len(gzip.compress(data, 9)) <= STEPS_BUDGET


def test_a_view_holding_a_mark_of_its_own_is_left_to_python(compiled_bundle):
    # A mark the engine's own text holds would be filled with the country: such a view is not shipped.
    bundle = copy.deepcopy(compiled_bundle)
    hint = bundle["messages"]["en"]["questions"]["stay_days"]
    bundle["messages"]["en"]["questions"]["stay_days"] = {**hint, "hint": hint["hint"] + " @@code@@"}
    on = dt.date.fromisoformat(bundle["built"])
    engine = Engine(bundle)
    made = after_country(engine, "en", on, prerendered_steps(engine, "en", on), on + dt.timedelta(days=2))
    assert made["after"]["purpose=work&status=outside"]["countries"] == {}
    assert made["after"]["purpose=transit&status=outside"]["countries"], "the other questions' views are kept"
