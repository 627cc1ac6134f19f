"""Every page is served whole from one build while an older build's service worker is active: the
pages it does not list (an index.html address, the host's 404 page, a page new in the next build, the
embed, a language never opened) and the wizard's Python worker get the next build's files, and the
older build's pages after them in the same tab get their own (decision 0009; probe scenarios B1-B2 of
issue 26)."""

import shutil

import lifecycle
import pytest

from sitebuild.service_worker import write_service_worker

from wizard_driver import answer, current_question, wait_ready

pytestmark = pytest.mark.browser

# The lifecycle tests' fixtures: a copy of the built site served on a fixed port, a fresh context.
own_site = lifecycle.own_site
context = lifecycle.context
after_deploy = lifecycle.after_deploy

# The next build differs from the old one by markers: its stylesheet sets --cig-build, its page
# scripts add their names to self.cigNext, and its rules label the Continue button differently.
STYLESHEET = "assets/stylesheets/site.css"
SCRIPTS = {"offline-cache": "assets/javascripts/offline-cache.js", "wizard": "assets/wizard/wizard.js"}
# Each language's Continue label in the rules, and the next build's.
# Per language, the wizard's "continue" label and the next build's (in that language's texts file).
CONTINUE = {"en": ("Continue", "Continue (next build)"), "zh": ("继续", "继续（下一版）")}
# What the page shows of its build: the stylesheet's marker and the scripts that named themselves.
PAGE_MARKERS = """() => ({
  css: getComputedStyle(document.documentElement).getPropertyValue('--cig-build').trim(),
  scripts: (self.cigNext || []).slice().sort(),
})"""


def next_build(site) -> dict:
    """Turn the site into the next build: marked stylesheet, page scripts and rules, a new page, and
    the host's 404 page at a mistyped address. Returns its manifest."""
    css = site / STYLESHEET
    css.write_text(css.read_text("utf-8") + '\n:root { --cig-build: "next"; }\n', "utf-8")
    for name, path in SCRIPTS.items():
        script = site / path
        script.write_text(
            script.read_text("utf-8") + f'\nself.cigNext = (self.cigNext || []).concat("{name}");\n', "utf-8"
        )
    for lang, (label, marked) in CONTINUE.items():
        texts = site / "assets" / "wizard" / f"texts-{lang}.json"
        text = texts.read_text("utf-8")
        assert f'"continue":"{label}"' in text
        texts.write_text(text.replace(f'"continue":"{label}"', f'"continue":"{marked}"'), "utf-8")
    (site / "new-page").mkdir()
    shutil.copy(site / "about" / "index.html", site / "new-page" / "index.html")
    # The test server has no 404 fallback: the 404 page at the mistyped address is what a host sends
    # there (with status 404, which the worker passes on unread like any page it does not list).
    (site / "abuot").mkdir()
    shutil.copy(site / "404.html", site / "abuot" / "index.html")
    return write_service_worker(site)


OLD_BUILDS_MARKERS = {"css": "", "scripts": []}
NEXT_PAGE_MARKERS = {"css": '"next"', "scripts": ["offline-cache"]}


@pytest.mark.parametrize("address", ["wizard/index.html", "zh/wizard/index.html", "wizard-embed/index.html"])
def test_a_wizard_page_at_an_address_the_old_build_does_not_list_runs_wholly_on_the_next_build(after_deploy, address):
    # the old build's runtime and rules cached by a visit to the wizard
    with after_deploy(next_build, visit=lifecycle.visit_wizard_until_cached) as (url, page):
        page.goto(url + address)
        assert page.evaluate("navigator.serviceWorker.controller !== null"), "the old build's worker controls the tab"
        wait_ready(page)
        # The embed page has no offline-cache.js (it registers no worker); the others have both scripts.
        scripts = ["wizard"] if address.startswith("wizard-embed/") else list(SCRIPTS)
        assert page.evaluate(PAGE_MARKERS) == {"css": '"next"', "scripts": sorted(scripts)}
        # What Python renders comes from the rules (texts-<lang>.json) its worker fetched, with its runner.
        answer(page, current_question(page), "work")
        label = page.locator("form[data-question] button[type=submit]").inner_text().strip()
        assert label in {marked for _, marked in CONTINUE.values()}, f"Python rendered the old build's rules: {label}"

        page.goto(url + "about/")  # the old build's page, from its cache, in the same tab
        assert page.evaluate(PAGE_MARKERS) == OLD_BUILDS_MARKERS, "a page of the old build got the next build's files"


@pytest.mark.parametrize(
    "address", ["abuot/", "new-page/"], ids=["the host's 404 page", "a page new in the next build"]
)
def test_a_page_the_old_build_lacks_and_the_old_pages_after_it_each_get_their_own_builds_files(after_deploy, address):
    with after_deploy(next_build) as (url, page):
        for _ in range(2):  # back and forth in one tab: the memory cache would hand on the other build's files
            page.goto(url + address)
            assert page.evaluate("navigator.serviceWorker.controller !== null"), (
                "the old build's worker controls the tab"
            )
            assert page.evaluate(PAGE_MARKERS) == NEXT_PAGE_MARKERS, address
            # The visit cached the English pages only: a Chinese page, never opened, is not the old
            # build's to serve, so it comes from the server, the next build's page with its files.
            for later, markers in (("about/", OLD_BUILDS_MARKERS), ("zh/about/", NEXT_PAGE_MARKERS)):
                page.goto(url + later)
                assert page.evaluate(PAGE_MARKERS) == markers, f"{later} after {address}"
