"""Answering before Python is ready: the build's pre-rendered steps appear at once, with the same
focus handling, and Python takes over from the first step they do not hold."""

import datetime as dt
import json
import re

import pytest

from wizard_driver import complete, current_question, hold_python, in_days, release_python, wait_rendered

pytestmark = pytest.mark.browser

ROOT = "document.getElementById('wizard')"


@pytest.fixture
def page(browser):
    """A fresh page in a context of its own (no service worker, no snapshot), closed after the test."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


def _choose(page, question: str, value: str) -> None:
    page.locator(f"form[data-question={question}] input[value={value}]").check()
    page.locator(f"form[data-question={question}] button[type=submit]").click()


def test_the_first_two_answers_show_the_next_steps_at_once_and_python_finishes_the_journey(page, site_url):
    held = hold_python(page)
    page.goto(site_url + "wizard/")
    page.wait_for_function("() => globalThis.wizardSteps && globalThis.wizardSteps.en")
    _choose(page, "purpose", "work")
    page.wait_for_function(f"() => {ROOT}.dataset.rendered === location.hash", timeout=2000)
    assert current_question(page) == "status"
    assert page.evaluate(f"{ROOT}.dataset.state") == "preparing"
    assert page.evaluate(f"{ROOT}.dataset.renderedBy") == "prerendered"
    assert page.evaluate("document.activeElement.id") == "wizard-heading"
    _choose(page, "status", "outside")
    page.wait_for_function(f"() => {ROOT}.dataset.rendered === location.hash", timeout=2000)
    assert current_question(page) == "nationality"
    assert page.evaluate(f"{ROOT}.dataset.state") == "preparing"
    release_python(page, held)
    wait_rendered(page)
    answers = {
        "purpose": "work",
        "status": "outside",
        "nationality": "US",
        "stay_days": "365",
        "circumstances": "none",
        "travel_date": in_days(30),
    }
    assert complete(page, answers) == "visa_z"
    assert page.evaluate(f"{ROOT}.dataset.renderedBy") == "python"


def _rewrite(page, url: str, pattern: str, replacement: str) -> None:
    """Serve url with the first match of pattern replaced, as a build of another day would be."""

    def rewritten(route):
        response = route.fetch()
        route.fulfill(response=response, body=re.sub(pattern, replacement, response.text(), count=1))

    page.route(url, rewritten)


def _waits_for_python(page, held) -> None:
    _choose(page, "purpose", "work")
    # Pending is set in the same step that would otherwise have shown a pre-rendered step: late enough.
    page.wait_for_function(f"() => {ROOT}.dataset.pending === 'true'")
    assert current_question(page) == "purpose"
    release_python(page, held)
    wait_rendered(page)
    assert current_question(page) == "status"
    assert page.evaluate(f"{ROOT}.dataset.renderedBy") == "python"


def test_steps_proved_only_up_to_yesterday_are_loaded_but_not_shown_and_python_answers(page, site_url):
    held = hold_python(page)

    _rewrite(page, site_url + "assets/wizard/steps-en.js*", r'"until":"[^"]*"', f'"until":"{in_days(-1)}"')
    page.goto(site_url + "wizard/")
    page.wait_for_function("() => globalThis.wizardSteps && globalThis.wizardSteps.en")
    _waits_for_python(page, held)


def test_a_page_built_after_the_visitor_s_today_never_loads_its_steps(page, site_url):
    held = hold_python(page)

    _rewrite(page, site_url + "wizard/", r'data-built="[^"]*"', f'data-built="{in_days(1)}"')
    page.goto(site_url + "wizard/")
    assert page.evaluate(f"{ROOT}.dataset.built") == in_days(1)
    # goto waited for the load event, which a script added at DOMContentLoaded (when wizard.js would
    # add the steps') holds back until it has run: had the steps been loaded, they would be here now.
    assert page.evaluate("typeof globalThis.wizardSteps") == "undefined"
    _waits_for_python(page, held)


def test_a_visitor_weeks_after_the_build_still_gets_the_steps_the_build_proved_for_that_day(page, site_url, site_dir):
    built = re.search(r'data-built="([\d-]+)"', (site_dir / "wizard" / "index.html").read_text("utf-8"))[1]
    later = dt.date.fromisoformat(built) + dt.timedelta(days=30)
    page.clock.set_fixed_time(dt.datetime.combine(later, dt.time(12, 0)))
    held = hold_python(page)
    page.goto(site_url + "wizard/")
    page.wait_for_function("() => globalThis.wizardSteps && globalThis.wizardSteps.en")
    assert page.evaluate("globalThis.wizardSteps.en.until") >= later.isoformat()
    _choose(page, "purpose", "work")
    page.wait_for_function(f"() => {ROOT}.dataset.rendered === location.hash", timeout=2000)
    assert page.evaluate(f"{ROOT}.dataset.renderedBy") == "prerendered"
    assert current_question(page) == "status"
    release_python(page, held)


def _at_the_nationality(page, site_url: str, purpose: str) -> list:
    """Python held; purpose and 'outside' answered from the build's steps: the nationality is asked."""
    held = hold_python(page)
    page.goto(site_url + "wizard/")
    page.wait_for_function("() => globalThis.wizardSteps && globalThis.wizardSteps.en")
    _choose(page, "purpose", purpose)
    _choose(page, "status", "outside")
    page.wait_for_function(f"() => {ROOT}.dataset.rendered === location.hash", timeout=2000)
    assert current_question(page) == "nationality"
    return held


def test_the_step_after_the_nationality_is_shown_at_once_and_what_was_typed_in_it_survives_python(page, site_url):
    held = _at_the_nationality(page, site_url, "work")
    page.locator("form[data-question=nationality] select").select_option("US")
    page.locator("form[data-question=nationality] button[type=submit]").click()
    # The fourth question, from the build's view after a country question filled with this country.
    page.wait_for_function(f"() => {ROOT}.dataset.rendered === location.hash", timeout=2000)
    assert page.evaluate(f"{ROOT}.dataset.state") == "preparing"
    assert page.evaluate(f"{ROOT}.dataset.renderedBy") == "prerendered"
    assert current_question(page) == "stay_days"
    assert "nationality=US" in page.evaluate("location.hash")
    assert page.locator(".wizard-answers").inner_text().count("United States") == 1
    assert page.evaluate("document.activeElement.id") == "wizard-heading"
    page.locator("#wizard-input").fill("365")
    release_python(page, held)
    # Python took over the same step: the number typed is still there, the view not rendered again.
    assert page.locator("#wizard-input").input_value() == "365"
    assert page.evaluate(f"{ROOT}.dataset.renderedBy") == "prerendered"
    page.locator("form[data-question=stay_days] button[type=submit]").click()
    wait_rendered(page)
    assert page.evaluate(f"{ROOT}.dataset.renderedBy") == "python"
    assert current_question(page) != "stay_days"


def test_a_country_chosen_before_python_is_ready_survives_the_hand_over(page, site_url):
    held = _at_the_nationality(page, site_url, "work")
    page.locator("form[data-question=nationality] select").select_option("BR")
    release_python(page, held)
    assert page.locator("form[data-question=nationality] select").input_value() == "BR"


def test_a_country_whose_next_step_is_a_date_waits_for_python_and_python_asks_it(page, site_url, site_dir):
    # The date question's limits move every day: the build ships no view for it, Python renders it.
    shipped = page_steps(site_dir)["after"]["purpose=tourism&status=outside"]["countries"]
    held = _at_the_nationality(page, site_url, "tourism")
    options = page.locator("form[data-question=nationality] option:not([disabled])").evaluate_all(
        "(options) => options.map((option) => option.value)"
    )
    waiting = next(code for code in options if code not in shipped)
    page.locator("form[data-question=nationality] select").select_option(waiting)
    page.locator("form[data-question=nationality] button[type=submit]").click()
    page.wait_for_function(f"() => {ROOT}.dataset.pending === 'true'")
    assert current_question(page) == "nationality"
    release_python(page, held)
    wait_rendered(page)
    assert current_question(page) == "travel_date"
    assert page.evaluate(f"{ROOT}.dataset.renderedBy") == "python"


def page_steps(site_dir) -> dict:
    """The English steps file's data, as the page reads it."""
    text = (site_dir / "assets" / "wizard" / "steps-en.js").read_text(encoding="utf-8")
    return json.loads(text[text.index('"] = ') + 5 :].rstrip().rstrip(";"))
