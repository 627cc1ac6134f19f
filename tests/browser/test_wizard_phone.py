"""The wizard on a phone: journeys to each kind of result, in English and Chinese, never pan
sideways at 320 or 390 px, and every step starts with its question (or the result's headline)
in the first screen of a 390×844 phone; an answer given while Python loads says so in sight."""

import pytest
from playwright.sync_api import expect

from bench.journeys import RESULT_JOURNEYS  # the eight results of issue 27

from site_languages import PREFIXES, spread
from wizard_driver import MAX_STEPS, answer, current_question, hold_python, in_days, wait_ready, wait_rendered

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 640}
OUTSIDE = {"status": "outside", "circumstances": "none", "special_status": "none"}
# One journey to each kind of outcome (suggested or offered beside it); the answers cover whatever
# the path asks, in any order.
JOURNEYS = {
    "visa": (
        {**OUTSIDE, "purpose": "tourism", "nationality": "US", "stay_days": "20", "trip_scope": "mainland"},
        {"visa_l"},
    ),
    "visa_free": (
        {**OUTSIDE, "purpose": "tourism", "nationality": "TH", "stay_days": "10", "trip_scope": "mainland"},
        {"vf_mutual_exemption"},
    ),
    "transit": (
        {**OUTSIDE, "purpose": "transit", "nationality": "US", "onward": "third_country", "transit_hours": "100"},
        {"vf_transit_240"},
    ),
    "port_visa": (
        {
            **OUTSIDE,
            "purpose": "business",
            "nationality": "US",
            "stay_days": "40",
            "special_status": "none",
            "stem_talent": "no",
            "circumstances": "urgent",
        },
        {"port_visa"},
    ),
    "in_china": (
        {
            "purpose": "work",
            "status": "in_china",
            "china_task": "register",
            "entry_basis": "residence_visa",
            "nationality": "US",
        },
        {"rp_first"},
    ),
    "permanent_residence": (
        {
            "purpose": "settle",
            "status": "in_china",
            "pr_basis": "spouse",
            "marriage_years": "5",
            "residence_years": "5",
            "nationality": "US",
        },
        {"pr_apply"},
    ),
}

FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"
# The question's heading and its first control, or the result's headline, lie inside the first screen.
IN_FIRST_SCREEN = """() => {
  const inside = (el) => { if (!el) return false; const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight; };
  const form = document.querySelector('form[data-question]');
  if (form) {
    const first = form.querySelector('.wizard-option, select, input');
    return inside(form.querySelector('#wizard-heading')) && inside(first);
  }
  return inside(document.querySelector('.wizard-result > .wizard-headline'));
}"""


def _check_step(page, where: str) -> None:
    page.evaluate("() => window.scrollTo(0, 0)")
    assert page.evaluate(FITS), f"{where}: the page pans sideways at 390 px"
    assert page.evaluate(IN_FIRST_SCREEN), f"{where}: the question or headline is below the first screen at 390×844"
    page.set_viewport_size(NARROW)
    assert page.evaluate(FITS), f"{where}: the page pans sideways at 320 px"
    page.set_viewport_size(PHONE)


@pytest.mark.parametrize("kind, prefix", spread(JOURNEYS))
def test_a_journey_to_each_kind_of_result_fits_a_phone_at_every_step(browser, site_url, kind, prefix):
    answers, expected = JOURNEYS[kind]
    answers = {**answers, "travel_date": in_days(20)}
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{site_url}{prefix}wizard/")
    wait_ready(page)
    wait_rendered(page)
    for step in range(MAX_STEPS):
        question = current_question(page)
        _check_step(page, f"{kind} {prefix or 'en/'} step {step} ({question or 'result'})")
        if question is None:
            break
        assert question in answers, f"the wizard asked '{question}', which this journey does not answer"
        answer(page, question, answers[question])
    # A port visa is only ever offered beside a visa (the inviter must apply first), as an alternative.
    outcomes = page.locator(".wizard-result [data-outcome]").evaluate_all("els => els.map(e => e.dataset.outcome)")
    assert expected & set(outcomes), outcomes
    # The headline is the first thing under the page title, and focus lands on it.
    assert (
        page.evaluate("() => document.querySelector('[data-wizard-view]').firstElementChild.firstElementChild.id")
        == "wizard-heading"
    )
    assert page.evaluate("() => document.activeElement.classList.contains('wizard-headline')")
    context.close()


@pytest.mark.parametrize("prefix", list(PREFIXES.values()), ids=list(PREFIXES))
def test_an_answer_given_while_python_loads_shows_the_preparing_notice_in_sight_on_a_phone(browser, site_url, prefix):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    # Without the build's first steps the answer waits for Python; Continue is at the form's end,
    # below the notice's place above the question.
    page.route("**/assets/wizard/steps-*.js*", lambda route: route.abort())
    hold_python(page)
    page.goto(f"{site_url}{prefix}wizard/")
    page.locator("input[value=study]").check()
    page.locator("form[data-question] button[type=submit]").click()
    notice = page.locator("[data-wizard-preparing]")
    expect(notice).to_be_visible()
    header = page.locator(".md-header").bounding_box()
    header_bottom = header["y"] + header["height"]
    box = notice.bounding_box()
    assert header_bottom <= box["y"] and box["y"] + box["height"] <= PHONE["height"], (box, header_bottom)
    assert page.evaluate("() => window.scrollY") > 0  # the reader had scrolled down to Continue
    context.close()


# Where each part of the first screen ends (its bounding box's bottom), or null when it is missing.
FIRST_SCREEN_BOTTOMS = """() => {
  const bottom = (selector) => { const el = document.querySelector(selector);
    if (!el) return null; const r = el.getBoundingClientRect(); return r.width > 0 ? r.bottom : null; };
  return {headline: bottom('.wizard-result > .wizard-headline'),
          next_link: bottom('.wizard-primary .wizard-next .wizard-links li:last-child a'),
          cost: bottom('.wizard-primary .wizard-fact-fee'),
          time: bottom('.wizard-primary .wizard-fact-time')};
}"""


@pytest.mark.parametrize("journey, prefix", spread(RESULT_JOURNEYS))
def test_the_headline_next_step_with_its_official_link_cost_and_time_are_in_a_phone_s_first_screen(
    browser, site_url, journey, prefix
):
    fragment, outcome = RESULT_JOURNEYS[journey]
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{site_url}{prefix}wizard/#{fragment}")
    wait_ready(page)
    wait_rendered(page)
    assert page.locator(".wizard-primary").get_attribute("data-outcome") == outcome
    page.evaluate("() => window.scrollTo(0, 0)")
    bottoms = page.evaluate(FIRST_SCREEN_BOTTOMS)
    assert all(bottom is not None and bottom <= PHONE["height"] for bottom in bottoms.values()), (journey, bottoms)
    link = page.locator(".wizard-primary .wizard-next .wizard-links a").first.get_attribute("href")
    assert link.startswith(("https://", "http://", "tel:")) and not link.startswith(site_url)
    # The rest is folded, each part one tap away.
    folds = page.locator(".wizard-primary details.wizard-fold")
    assert folds.count() >= 3 and all(not open_ for open_ in folds.evaluate_all("ds => ds.map(d => d.open)"))
    folds.first.locator("summary").click()
    expect(folds.first.locator("summary + *")).to_be_visible()
    context.close()
