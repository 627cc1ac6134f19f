"""The unofficial banner (overrides/main.html, assets/javascripts/banner.js): compact on a phone,
hidden for the rest of a visit from the keyboard, never off paper nor off the wizard's result."""

import pytest
from playwright.sync_api import expect

from bench.journeys import RESULT_JOURNEYS
from sitebuild.ui_strings import ui_string

from wizard_driver import wait_rendered

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TABS_TO_THE_BUTTON = 8  # the skip link, the header's links and buttons come first


def _tab_to(page, selector: str) -> None:
    for _ in range(TABS_TO_THE_BUTTON):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} was not reached with the Tab key")


@pytest.mark.parametrize("lang, prefix", [("en", ""), ("zh", "zh/")])
def test_a_reader_hides_the_banner_from_the_keyboard_for_the_visit_and_a_new_visit_shows_it_again(
    browser, recording_page, site_url, lang, prefix
):
    page = recording_page.page
    page.set_viewport_size(PHONE)
    page.goto(f"{site_url}{prefix}visas/", wait_until="networkidle")
    banner = page.locator(".md-banner")
    expect(banner).to_contain_text(ui_string("unofficial_notice", lang))
    # Compact: the banner leaves a phone's screen to the page (it took a fifth of it before).
    assert banner.bounding_box()["height"] <= 0.1 * PHONE["height"], banner.bounding_box()
    hide = page.get_by_role("button", name=ui_string("unofficial_hide_label", lang))
    expect(hide).to_have_text(ui_string("unofficial_hide", lang))
    _tab_to(page, "[data-cig-dismiss]")
    page.keyboard.press("Enter")
    expect(banner).to_be_hidden()
    # Focus is not lost with the button: it is on the page's title, read next.
    assert page.evaluate("() => document.activeElement.matches('.md-content h1')")
    # The rest of the visit (this tab): other pages, and the wizard, open without it.
    page.goto(f"{site_url}{prefix}about/", wait_until="networkidle")
    expect(page.locator(".md-content h1")).to_be_visible()
    expect(page.locator(".md-banner")).to_be_hidden()
    # On paper it is always there, without its button.
    page.emulate_media(media="print")
    expect(page.locator(".md-banner .cig-unofficial")).to_be_visible()
    expect(page.locator("[data-cig-dismiss]")).to_be_hidden()
    page.emulate_media(media="screen")
    assert recording_page.outside_requests == []
    # A new visit (a new tab's session) shows it again.
    other = browser.new_context(viewport=PHONE).new_page()
    other.goto(f"{site_url}{prefix}about/", wait_until="networkidle")
    expect(other.locator(".md-banner .cig-unofficial")).to_be_visible()
    other.context.close()


def test_a_result_still_says_it_is_unofficial_when_the_banner_is_hidden(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{site_url}about/", wait_until="networkidle")
    page.get_by_role("button", name=ui_string("unofficial_hide_label", "en")).click()
    fragment, _ = RESULT_JOURNEYS["L"]
    page.goto(f"{site_url}wizard/#{fragment}")
    wait_rendered(page)
    expect(page.locator(".md-banner")).to_be_hidden()
    expect(page.locator(".wizard-result .wizard-unofficial")).to_be_attached()
    page.emulate_media(media="print")
    expect(page.locator(".md-banner .cig-unofficial")).to_be_visible()
    expect(page.locator(".wizard-result .wizard-unofficial")).to_be_visible()
    context.close()
