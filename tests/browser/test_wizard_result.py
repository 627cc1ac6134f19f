"""A result as a newcomer uses it: how to get it, a link to copy, the same answers in the other
language, and a printout that says it is unofficial, where it came from and when."""

import pytest

from axe_check import violations
from shared_rules import TODAY
from site_languages import PREFIXES
from wizard_driver import in_days, wait_ready, wait_rendered

pytestmark = pytest.mark.browser

OUTSIDE = "status=outside&circumstances=none&trip_scope=mainland"
# A Thai tourist: mutual visa exemption first, the L visa as the alternative.
VISA_FREE = f"purpose=tourism&{OUTSIDE}&nationality=TH&stay_days=10"
WORKER = f"purpose=work&{OUTSIDE}&nationality=NG&stay_days=365"


def _result(page, site_url, fragment, prefix=""):
    page.goto(f"{site_url}{prefix}wizard/#{fragment}&travel_date={in_days(20)}")
    wait_ready(page)
    wait_rendered(page)
    assert page.locator(".wizard-result").count() == 1
    return page


def test_a_worker_s_result_says_where_to_apply_the_fee_the_time_and_what_the_employer_needs(recording_page, site_url):
    page = _result(recording_page.page, site_url, WORKER)
    outcome = page.locator("[data-outcome=visa_z]")
    topics = outcome.locator(".wizard-step").evaluate_all("steps => steps.map(s => s.dataset.topic)")
    assert {"employer", "where", "validity"} <= set(topics)
    # The first thing to do is the work permit; the time says it takes weeks, not the visa's days.
    assert outcome.locator(".wizard-next").get_attribute("data-topic") == "order"
    assert "Notification Letter of Foreigner's Work Permit" in outcome.locator(".wizard-next").inner_text()
    assert "weeks" in outcome.locator(".wizard-fact-time").inner_text().lower()
    assert "Chicago" not in outcome.locator(".wizard-fact-fee").inner_text()  # a Nigerian's fee is the mission's
    guide = outcome.locator(".wizard-how a").first
    page.goto(guide.evaluate("a => a.href"))
    assert page.locator("h1").count() == 1 and recording_page.outside_requests == []


def test_the_language_switch_keeps_the_answers_and_shows_the_same_result_in_chinese(recording_page, site_url):
    page = _result(recording_page.page, site_url, VISA_FREE)
    outcome = page.locator(".wizard-result [data-outcome]").first.get_attribute("data-outcome")
    fragment = page.evaluate("location.hash")
    page.locator(".md-select__link[hreflang=zh]").evaluate("link => link.click()")
    page.wait_for_url(f"{site_url}zh/wizard/{fragment}")
    wait_ready(page)
    wait_rendered(page)
    assert page.evaluate("document.documentElement.lang") == "zh"
    assert page.locator(".wizard-result [data-outcome]").first.get_attribute("data-outcome") == outcome
    assert "免签" in page.locator(".wizard-headline").inner_text()


def test_copy_link_puts_the_result_s_address_on_the_clipboard(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = _result(context.new_page(), site_url, VISA_FREE)
    page.locator("[data-action=copy-link]").click()
    page.locator("[data-copied]").wait_for(state="visible")
    assert page.evaluate("navigator.clipboard.readText()") == page.evaluate("location.href")
    context.close()


def test_a_printout_has_the_notice_with_12367_its_address_and_date_and_only_a_summary_of_alternatives(
    recording_page, site_url
):
    page = _result(recording_page.page, site_url, VISA_FREE)
    assert page.locator(".wizard-alternative").count() >= 1
    page.emulate_media(media="print")
    banner = page.locator(".md-banner")
    assert banner.is_visible() and "12367" in banner.inner_text()
    meta = page.locator(".wizard-print-meta")
    assert meta.is_visible()
    assert page.evaluate("location.href") in meta.inner_text()
    assert TODAY in meta.inner_text()  # the page's today, pinned to the tests' one date
    assert page.locator(".wizard-primary .wizard-checklist").is_visible()
    assert not page.locator(".wizard-alternative .wizard-more").first.is_visible()
    assert page.locator(".wizard-alternative .wizard-alt-headline").first.is_visible()


@pytest.mark.parametrize("prefix", list(PREFIXES.values()), ids=list(PREFIXES))
def test_axe_finds_nothing_on_a_result_page(recording_page, site_url, prefix):
    page = _result(recording_page.page, site_url, VISA_FREE, prefix)
    page.locator(".wizard-alternative details").first.evaluate("d => d.open = true")
    assert violations(page) == []
