"""The downloaded offline copy, unzipped and opened from file:// with every network request blocked:
browsing, search, the language switch and a whole wizard journey work."""

import shutil

import pytest

from testkit.wizard_state import FAILED

from search_driver import search_results
from wizard_driver import complete, current_question, hold_python, in_days, release_python, wait_ready, wait_rendered

pytestmark = pytest.mark.browser

STUDENT = {
    "purpose": "study",
    "nationality": "BR",
    "stay_days": "300",
    "status": "outside",
    "circumstances": "none",
}


class FilePage:
    """A page allowed to read file:// URLs only; anything else is blocked and listed."""

    def __init__(self, context, root):
        self.root = root.as_uri() + "/"
        self.blocked: list[str] = []
        context.route("**/*", self._only_files)
        self.page = context.new_page()

    def _only_files(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self, path):
        self.page.goto(self.root + path)
        return self.page


@pytest.fixture
def file_page(browser, offline_copy):
    context = browser.new_context()
    yield FilePage(context, offline_copy.site_dir)
    context.close()


def test_the_bundle_opens_at_index_html_and_its_links_reach_other_pages(file_page):
    page = file_page.open("index.html")
    assert "China Immigration Guide" in page.title()
    page.locator("a[href$='about.html']").first.click()
    page.wait_for_url(file_page.root + "about.html")
    assert page.locator("h1").first.inner_text().strip()
    assert file_page.blocked == []


@pytest.mark.parametrize(
    "prefix, query, expected", [("", "Five-Star", "permanent-residence/"), ("zh/", "五星卡", "zh/permanent-residence/")]
)
def test_search_works_from_file_urls_in_both_languages(file_page, prefix, query, expected):
    page = file_page.open(prefix + "index.html")
    hrefs = search_results(page, query)
    assert any(href.startswith(file_page.root + expected) for href in hrefs[:3]), hrefs[:5]
    assert file_page.blocked == []


def test_the_language_switch_lands_on_the_same_page_from_file_urls(file_page):
    page = file_page.open("visas/index.html")
    page.locator(".md-select__link[hreflang=zh]").evaluate("link => link.click()")
    page.wait_for_url(file_page.root + "zh/visas/index.html")
    assert page.evaluate("document.documentElement.lang") == "zh"
    assert file_page.blocked == []


def test_a_wizard_journey_completes_from_file_urls_without_a_network(file_page):
    page = file_page.open("zh/wizard/index.html")
    wait_ready(page)
    assert complete(page, {**STUDENT, "travel_date": in_days(30)}) == "visa_x1"
    assert page.locator(".wizard-result .wizard-checklist input[type=checkbox]").count() > 0
    assert file_page.blocked == []


def test_a_wizard_link_with_answers_restores_its_result_from_file_urls(file_page):
    fragment = "&".join(f"{key}={value}" for key, value in {**STUDENT, "travel_date": in_days(30)}.items())
    page = file_page.open(f"wizard/index.html#{fragment}")
    wait_ready(page)
    page.wait_for_selector(".wizard-result [data-outcome=visa_x1]")
    assert file_page.blocked == []


def test_an_offline_copy_missing_part_of_python_says_so_at_once_and_points_to_the_guides(
    browser, offline_copy, tmp_path
):
    broken = tmp_path / "copy"
    shutil.copytree(offline_copy.site_dir, broken)
    (broken / "pyodide" / "pyodide.asm.wasm.js").unlink()
    context = browser.new_context()
    file_page = FilePage(context, broken)
    page = file_page.open("wizard/index.html")
    page.wait_for_function(FAILED, timeout=20000)
    failure = page.locator("[data-wizard-failed]")
    assert failure.is_visible()
    assert "pyodide.asm.wasm.js" in failure.locator("[data-wizard-reason]").inner_text()
    assert failure.locator("a[href$='visas/index.html']").count() == 1
    context.close()


def damaged_copy(offline_copy, tmp_path, relative):
    """A copy of the offline copy whose payload script has one base64 character changed in the middle."""
    broken = tmp_path / "copy"
    shutil.copytree(offline_copy.site_dir, broken)
    path = broken / relative
    text = path.read_text("ascii")
    middle = text.index('="') + (len(text) - text.index('="')) // 2
    path.write_text(text[:middle] + ("A" if text[middle] != "A" else "B") + text[middle + 1 :], "ascii")
    return broken


@pytest.mark.parametrize("relative", ["pyodide/pyodide.asm.wasm.js", "assets/wizard/bundle.json.js"])
def test_a_damaged_payload_is_named_at_once_not_after_the_ready_timeout(browser, offline_copy, tmp_path, relative):
    context = browser.new_context()
    file_page = FilePage(context, damaged_copy(offline_copy, tmp_path, relative))
    page = file_page.open("wizard/index.html")
    page.wait_for_function(FAILED, timeout=20000)
    reason = page.locator("[data-wizard-failed] [data-wizard-reason]").inner_text()
    assert reason == f"{relative} is damaged: its SHA-256 does not match"
    context.close()


def test_from_file_urls_the_first_answer_shows_the_pre_rendered_next_step_before_python_loads(file_page):
    held = hold_python(file_page.page, "**/pyodide.asm.wasm.js")  # the wasm as a payload script
    page = file_page.page
    # Not until "load": the held payload is a script, which holds the load event too.
    page.goto(file_page.root + "zh/wizard/index.html", wait_until="domcontentloaded")
    page.wait_for_function("() => globalThis.wizardSteps && globalThis.wizardSteps.zh")
    page.locator("form[data-question=purpose] input[value=study]").check()
    page.locator("form[data-question=purpose] button[type=submit]").click()
    page.wait_for_function("() => document.getElementById('wizard').dataset.rendered === location.hash", timeout=2000)
    assert page.locator("form[data-question]").get_attribute("data-question") == "status"
    assert page.evaluate("document.getElementById('wizard').dataset.renderedBy") == "prerendered"
    release_python(page, held)
    assert complete(page, {**STUDENT, "travel_date": in_days(30)}) == "visa_x1"
    assert file_page.blocked == []


def test_the_webmasters_preview_runs_the_embedded_wizard_from_file_urls(file_page):
    page = file_page.open("wizard/webmasters.html")
    page.select_option("#embed-purpose", "study")
    frame = page.wait_for_selector(
        "#embed-preview iframe[src*='wizard-embed.html'][src$='#purpose=study']"
    ).content_frame()
    page.locator("#embed-preview").scroll_into_view_if_needed()  # a frame out of view gets no animation frames
    wait_ready(frame)
    wait_rendered(frame)
    assert current_question(frame) == "status"
    # The frame tells the page its height here too (the host script starts it at 560 px), and all
    # of the question is in sight.
    iframe = "document.querySelector('#embed-preview iframe').getBoundingClientRect().height"
    page.wait_for_function(f"() => {iframe} !== 560")
    content = frame.evaluate("document.querySelector('[data-embed-main]').getBoundingClientRect().height")
    assert page.evaluate(iframe) >= content
    # The snippet names a file on this computer: the page says to copy it from the web site.
    assert page.locator("[data-offline-snippet-note]").is_visible()
    assert file_page.blocked == []
