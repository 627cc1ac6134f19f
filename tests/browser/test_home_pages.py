"""Chromium opens each language's home page: right title and language, nothing asked of another site."""

import re

import pytest

from sitebuild.languages import languages

from axe_check import violations


@pytest.mark.browser
@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_the_home_page_loads_in_its_language_without_requests_outside_the_site(recording_page, site_url, language):
    page = recording_page.page
    page.goto(site_url + language.prefix, wait_until="networkidle")
    expected_name = re.split(r"\s*[(（]", language.site_name)[0]  # the name without "(unofficial)"
    assert expected_name in page.title()
    assert page.evaluate("document.documentElement.lang") == language.code
    assert page.locator("h1").first.inner_text().startswith(expected_name)
    assert page.locator(".md-search__input").count() == 1
    assert len(recording_page.requests) > 3, "the page should have loaded its own styles and scripts"
    assert recording_page.outside_requests == []


@pytest.mark.browser
@pytest.mark.parametrize(
    "language", [language for language in languages() if not language.default], ids=lambda language: language.code
)
def test_the_language_switch_takes_the_reader_to_the_same_page_in_each_other_language(
    recording_page, site_url, language
):
    page = recording_page.page
    page.goto(site_url + "about/", wait_until="networkidle")
    page.locator(f".md-select__link[hreflang={language.code}]").evaluate("link => link.click()")
    page.wait_for_url(site_url + language.prefix + "about/")
    assert page.evaluate("document.documentElement.lang") == language.code
    assert recording_page.outside_requests == []


@pytest.mark.browser
@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_the_home_page_has_a_start_button_in_the_first_screen_of_a_phone(browser, site_url, language):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + language.prefix, wait_until="networkidle")
    start = page.locator("a.md-button--primary.cig-start")
    assert start.count() == 1
    box = start.bounding_box()
    assert box["y"] + box["height"] <= 844
    start.click()
    page.wait_for_url(f"{site_url}{language.prefix}wizard/")
    assert page.locator("form[data-question]").count() == 1
    context.close()


AXE_PAGES = ["", "zh/", "visas/", "zh/visas/tourism-l/", "wizard/webmasters/", "zh/wizard/webmasters/", "download/"]


@pytest.mark.browser
@pytest.mark.parametrize("path", AXE_PAGES, ids=lambda path: path or "home")
def test_axe_finds_nothing_on_each_kind_of_site_page(recording_page, site_url, path):
    page = recording_page.page
    page.goto(site_url + path, wait_until="networkidle")
    assert violations(page) == []
