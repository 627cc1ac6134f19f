"""The visa wizard in Chromium: journeys in both languages, back and change, shared links, hostile
links, a failed Python load, keyboard use and axe-core checks. Python decides; the page presents."""

import pytest
from playwright.sync_api import expect

from sitebuild.languages import default_language

from axe_check import SERIOUS, violations
from shared_rules import TODAY
from site_languages import PREFIXES
from wizard_driver import complete, current_question, hold_python, in_days, release_python, wait_ready, wait_rendered

pytestmark = pytest.mark.browser

COMMON = {"status": "outside", "circumstances": "none", "special_status": "none"}
JOURNEYS = {
    "work_z_en": ("", {**COMMON, "purpose": "work", "nationality": "US", "stay_days": "365"}, "visa_z"),
    "study_x1_zh": ("zh/", {**COMMON, "purpose": "study", "nationality": "BR", "stay_days": "300"}, "visa_x1"),
    "family_q2_en": (
        "",
        {**COMMON, "purpose": "family_chinese", "nationality": "US", "relationship": "sibling", "stay_days": "90"},
        "visa_q2",
    ),
    "transit_240_zh": (
        "zh/",
        {**COMMON, "purpose": "transit", "nationality": "US", "onward": "third_country", "transit_hours": "100"},
        "vf_transit_240",
    ),
}


def _open_wizard(recording_page, site_url, prefix="", fragment=""):
    """The wizard page once Python is ready and shows its view of the fragment (ready comes first)."""
    page = recording_page.page
    page.goto(f"{site_url}{prefix}wizard/{'#' + fragment if fragment else ''}")
    wait_ready(page)
    wait_rendered(page)
    return page


@pytest.mark.parametrize("name", JOURNEYS)
def test_a_full_journey_ends_in_the_expected_suggestion_with_checklist_and_sources(recording_page, site_url, name):
    prefix, answers, expected = JOURNEYS[name]
    page = _open_wizard(recording_page, site_url, prefix)
    answers = {**answers, "travel_date": in_days(30)}
    assert complete(page, answers) == expected
    result = page.locator(".wizard-result")
    assert result.locator(".wizard-checklist input[type=checkbox]").count() > 0
    assert result.locator(".wizard-sources a[href^='http']").count() > 0
    assert result.locator(".wizard-reviewed time").get_attribute("datetime")
    assert page.evaluate("document.documentElement.lang") == (prefix.rstrip("/") or "en")
    assert recording_page.outside_requests == []


def test_a_z_result_carries_the_residence_permit_duty_and_chinese_names(recording_page, site_url):
    prefix, answers, _ = JOURNEYS["work_z_en"]
    page = _open_wizard(recording_page, site_url, prefix)
    complete(page, {**answers, "travel_date": in_days(30)})
    page.locator("[data-outcome=visa_z] .wizard-fold-duties > summary").click()  # folded: one tap opens it
    assert "30" in page.locator("[data-outcome=visa_z] .wizard-duties").inner_text()
    assert page.locator("[data-outcome=visa_z] .wizard-checklist .wizard-also[lang=zh]").count() > 0


def test_the_first_question_is_in_the_html_before_python_runs(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "zh/wizard/")
    assert page.locator("form[data-question=purpose] input[type=radio]").count() == 12
    assert page.locator("#wizard-heading").inner_text().strip()
    context.close()


def test_an_answer_given_before_python_is_ready_and_without_the_pre_rendered_steps_waits_and_is_then_applied(
    browser, site_url
):
    context = browser.new_context()
    page = context.new_page()
    # Without the build's first steps (a failed load) an early answer waits for Python.
    page.route("**/assets/wizard/steps-*.js*", lambda route: route.abort())
    held = hold_python(page)
    page.goto(site_url + "wizard/")
    page.locator("input[value=study]").check()
    page.locator("form[data-question] button[type=submit]").click()
    # The answer reaches the wizard through hashchange, a task after the click: wait for it.
    expect(page.locator("[data-wizard-preparing]")).to_be_visible()
    release_python(page, held)
    wait_rendered(page)
    assert current_question(page) == "status"
    assert not page.locator("[data-wizard-preparing]").is_visible()
    context.close()


def test_back_and_change_keep_the_later_answers_that_still_apply(recording_page, site_url):
    # A French passport: the travel date is asked (the 30-day policy's end falls within the
    # dates it may take), so Back from the length of stay goes to the date.
    page = _open_wizard(
        recording_page, site_url, fragment=f"purpose=work&status=outside&nationality=FR&travel_date={in_days(30)}"
    )
    assert current_question(page) == "stay_days"
    page.locator(".wizard-nav a", has_text="Back").click()
    wait_rendered(page)
    assert current_question(page) == "travel_date"
    page.locator("#wizard-input").fill(in_days(30))
    page.locator("button[type=submit]").click()
    wait_rendered(page)
    page.locator("#wizard-input").fill("365")
    page.locator("button[type=submit]").click()
    wait_rendered(page)
    # Change the purpose from work to business: nationality and travel date still apply and are kept.
    page.locator(".wizard-answers a[href*='_change=purpose']").click()
    wait_rendered(page)
    assert current_question(page) == "purpose"
    assert page.locator("input[value=work]").is_checked()
    page.locator("input[value=business]").check()
    page.locator("button[type=submit]").click()
    wait_rendered(page)
    fragment = page.evaluate("location.hash")
    assert "purpose=business" in fragment and "nationality=FR" in fragment and "_change" not in fragment


def test_a_shared_link_restores_the_same_result_in_a_fresh_browser_context(browser, recording_page, site_url):
    prefix, answers, expected = JOURNEYS["family_q2_en"]
    page = _open_wizard(recording_page, site_url, prefix)
    complete(page, {**answers, "travel_date": in_days(30)})
    shared = page.url
    first_result = page.locator(".wizard-result").inner_text()
    other = browser.new_context()
    fresh = other.new_page()
    fresh.goto(shared)
    wait_ready(fresh)
    wait_rendered(fresh)
    assert fresh.locator(".wizard-result [data-outcome]").first.get_attribute("data-outcome") == expected
    assert fresh.locator(".wizard-result").inner_text() == first_result
    other.close()


HOSTILE_FRAGMENTS = [
    "purpose=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E",
    "%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E=1&purpose=work",
    "purpose=work&status=outside&nationality=%22%3E%3Csvg%20onload%3Dwindow.__pwned%3D1%3E",
    "javascript:window.__pwned=1",
    "purpose=" + "A" * 5000,
    "__proto__=x&constructor=y&purpose=tourism",
]


@pytest.mark.parametrize("fragment", HOSTILE_FRAGMENTS, ids=range(len(HOSTILE_FRAGMENTS)))
def test_a_hostile_or_stale_link_is_ignored_with_a_notice_and_runs_nothing(recording_page, site_url, fragment):
    page = _open_wizard(recording_page, site_url, fragment=fragment)
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".wizard-notice").count() == 1
    assert page.locator("#wizard img, #wizard svg[onload], #wizard script").count() == 0
    assert current_question(page) is not None or page.locator(".wizard-result").count() == 1


FAILED_RUNTIME_LOADS = {
    "the WebAssembly cut off": ("pyodide.asm.wasm", lambda route: route.abort()),
    "the standard library missing": ("python_stdlib.zip", lambda route: route.fulfill(status=404, body="")),
}


@pytest.mark.parametrize("failure_name", FAILED_RUNTIME_LOADS)
def test_a_failed_python_load_names_the_file_and_points_to_the_guides(browser, site_url, failure_name):
    file_name, refuse = FAILED_RUNTIME_LOADS[failure_name]
    context = browser.new_context()
    page = context.new_page()
    page.route(f"**/pyodide/{file_name}", refuse)
    page.goto(site_url + "wizard/")
    failure = page.locator("[data-wizard-failed]")
    failure.wait_for(state="visible", timeout=60000)
    assert failure.locator("a[href$='visas/']").count() == 1
    assert page.evaluate("document.getElementById('wizard').dataset.state") == "failed"
    # The file is named, not the ready timeout blamed (Pyodide itself never settles without its wasm).
    assert f"pyodide/{file_name} did not load" in failure.locator("[data-wizard-reason]").inner_text()
    # Said in the reader's words, the file named: not blamed on the browser, which could run it.
    expect(failure.locator("[data-failure=file]")).to_be_visible()
    assert failure.locator("[data-failure]:visible").count() == 1
    assert failure.locator("[data-wizard-file]").inner_text() == f"pyodide/{file_name}"
    context.close()


def test_the_wizard_works_from_the_keyboard_and_moves_focus_to_each_new_question(recording_page, site_url):
    page = _open_wizard(recording_page, site_url)
    page.locator("#wizard input[type=radio]").first.focus()
    page.keyboard.press("Space")  # selects "tourism", the first option
    page.keyboard.press("Tab")  # out of the radio group, onto Continue
    page.keyboard.press("Enter")
    wait_rendered(page)
    assert current_question(page) == "status"
    assert page.evaluate("document.activeElement.id") == "wizard-heading"
    assert page.locator("[data-wizard-status]").get_attribute("aria-live") == "polite"


def test_only_the_wizard_page_loads_pyodide(recording_page, site_url):
    page = recording_page.page
    page.goto(site_url + "visas/", wait_until="networkidle")
    assert not [url for url in recording_page.requests if "/pyodide/" in url]


@pytest.mark.parametrize("prefix", list(PREFIXES.values()), ids=list(PREFIXES))
def test_the_wizard_page_asks_for_nothing_the_site_does_not_have(browser, site_url, prefix):
    # Material fetched a sitemap.xml beside each language link of the head (wizard/sitemap.xml).
    # No service worker: its caching of the site after ready would keep the network busy.
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    missing = []
    page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
    page.goto(f"{site_url}{prefix}wizard/")
    wait_ready(page)
    page.wait_for_load_state("networkidle", timeout=60000)
    assert missing == []
    context.close()


@pytest.mark.parametrize("prefix", list(PREFIXES.values()), ids=list(PREFIXES))
def test_axe_finds_no_serious_violation_on_the_question_and_result_views(recording_page, site_url, prefix):
    name = "work_z_en" if prefix == default_language().prefix else "study_x1_zh"
    page = _open_wizard(recording_page, site_url, prefix)
    wait_rendered(page)
    assert violations(page, "document.getElementById('wizard')", SERIOUS) == []
    complete(page, {**JOURNEYS[name][1], "travel_date": in_days(30)})
    assert violations(page, "document.getElementById('wizard')", SERIOUS) == []


def test_the_circumstances_boxes_tick_by_keyboard_none_of_these_excludes_the_others_and_urgency_gives_a_port_visa(
    recording_page, site_url
):
    page = _open_wizard(
        recording_page,
        site_url,
        "",
        "purpose=business&status=outside&nationality=NG&stay_days=20&special_status=none&stem_talent=no",
    )
    assert current_question(page) == "circumstances"
    assert violations(page, "document.getElementById('wizard')", SERIOUS) == []
    form = page.locator("form[data-question=circumstances]")
    urgent, none = form.locator("input[value=urgent]"), form.locator("input[value=none]")
    urgent.focus()
    page.keyboard.press("Space")
    form.locator("input[value=under_18]").check()
    none.check()  # "None of these" unticks the boxes...
    assert not urgent.is_checked() and not form.locator("input[value=under_18]").is_checked()
    urgent.check()  # ...and a box unticks "None of these"
    assert not none.is_checked()
    form.locator("button[type=submit]").click()
    page.wait_for_function("() => location.hash.includes('circumstances=urgent')")
    wait_rendered(page)
    assert page.locator(".wizard-result [data-outcome]").first.get_attribute("data-outcome") == "port_visa"


def test_ticking_a_document_on_the_result_checklist_raises_no_script_error(recording_page, site_url):
    page = _open_wizard(
        recording_page, site_url, "", "purpose=work&status=outside&nationality=NG&stay_days=365&circumstances=none"
    )
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.locator(".wizard-primary .wizard-fold-checklist > summary").click()
    boxes = page.locator(".wizard-primary .wizard-checklist input[type=checkbox]")
    boxes.first.check()
    # The page's change handlers run inside the click, and the browser reports an error they throw
    # before it answers a later call: after this round trip `errors` holds any.
    page.evaluate("() => 0")
    assert boxes.first.is_checked() and errors == []


def test_the_circumstances_question_with_nothing_ticked_says_what_to_do(recording_page, site_url):
    page = _open_wizard(
        recording_page,
        site_url,
        "zh/",
        "purpose=business&status=outside&nationality=NG&stay_days=20&special_status=none&stem_talent=no",
    )
    form = page.locator("form[data-question=circumstances]")
    form.locator("button[type=submit]").click()
    assert form.locator("#wizard-error").is_visible()
    assert "以上都不是" in form.locator("#wizard-error").inner_text()
    assert current_question(page) == "circumstances"


def test_browser_back_returns_to_the_question_with_the_earlier_choice_ticked(recording_page, site_url):
    page = _open_wizard(recording_page, site_url, "", "purpose=work")
    question = current_question(page)
    form = page.locator(f"form[data-question={question}]")
    choice = form.locator("input[type=radio]").nth(1)
    value = choice.get_attribute("value")
    choice.check()
    before = page.evaluate("location.hash")
    form.locator("button[type=submit]").click()
    page.wait_for_function("before => location.hash !== before", arg=before)
    wait_rendered(page)
    assert current_question(page) != question
    page.go_back()
    page.wait_for_function(f"() => document.querySelector(\"form[data-question='{question}']\") !== null")
    wait_rendered(page)
    assert page.locator(f"form[data-question={question}] input[value='{value}']").is_checked()


def test_an_unanswered_question_opens_with_the_error_summary_focused_and_in_view(recording_page, site_url):
    page = _open_wizard(recording_page, site_url, "", "purpose=work")
    form = page.locator("form[data-question]")
    form.locator("button[type=submit]").click()
    summary = form.locator("#wizard-error")
    expect(summary).to_be_focused()
    assert summary.get_attribute("role") == "alert"
    box = summary.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]
    # It opens the question: above the heading, not below the choices.
    assert box["y"] < form.locator("#wizard-heading").bounding_box()["y"]


def test_a_number_out_of_range_names_the_allowed_range_and_keeps_what_was_typed(recording_page, site_url):
    page = _open_wizard(recording_page, site_url, "", "purpose=work&status=outside&nationality=NG")
    assert current_question(page) == "stay_days"
    field = page.locator("#wizard-input")
    field.fill("5000")
    before = page.evaluate("location.hash")
    page.locator("form[data-question] button[type=submit]").click()
    summary = page.locator("#wizard-error")
    expect(summary).to_be_focused()
    message = summary.locator("[data-error=range]")
    assert message.is_visible() and "1 – 3650" in message.inner_text()
    assert not summary.locator("[data-error=unanswered]").is_visible()
    assert field.input_value() == "5000" and page.evaluate("location.hash") == before


def test_the_travel_date_starts_at_today_as_its_hint_says(recording_page, site_url):
    page = _open_wizard(recording_page, site_url, "", "purpose=tourism&status=outside&nationality=FR")
    assert current_question(page) == "travel_date"
    assert page.locator("#wizard-input").input_value() == TODAY
    assert "today" in page.locator("#wizard-hint").inner_text()
