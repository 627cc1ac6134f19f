"""A newer build is announced and taken in one tap (offline-cache.js, sw.js; decision 0009): the first
visit after a deploy that finds the newer worker says so in the reader's language, and its button
reloads every open page of the site into the newer build."""

import pytest
import test_offline_after_one_visit as lifecycle

from sitebuild.service_worker import build_manifest, write_service_worker
from sitebuild.ui_strings import ui_string
from testkit.static_server import serve

pytestmark = pytest.mark.browser

own_site = lifecycle.own_site
context = lifecycle.context

MARKER = lifecycle.MARKER
NOTICE = "[data-cig-update]"


def next_build(site) -> dict:
    """The next build: its stylesheet says so (--cig-build) and so does the about page's heading."""
    css = site / "assets" / "stylesheets" / "site.css"
    css.write_text(css.read_text("utf-8") + '\n:root { --cig-build: "next"; }\n', "utf-8")
    for about in (site / "about" / "index.html", site / "zh" / "about" / "index.html"):
        about.write_text(about.read_text("utf-8").replace("</h1>", " (new build)</h1>", 1), "utf-8")
    return write_service_worker(site)


def test_the_first_visit_after_a_deploy_announces_it_and_one_tap_reloads_every_tab_into_it(context, own_site):
    site, port = own_site
    old = build_manifest(site)
    with serve(site, port=port) as url:
        lifecycle.visit_guides_until_cached(context, url, old).close()
    next_build(site)
    with serve(site, port=port) as url:
        page = context.new_page()
        page.goto(url + "about/")  # the first visit since the deploy: the old build, from the cache
        assert page.evaluate(MARKER) == "", "the old build's worker serves the page"
        other = context.new_page()  # a second tab of the old build, in the other language
        other.goto(url + "zh/about/")

        # The bound: this same visit says that a newer build is waiting, in the page's language.
        button = page.locator(f"{NOTICE} button")
        button.wait_for(timeout=90000)
        assert page.locator(NOTICE).get_attribute("role") == "status"
        assert page.locator(NOTICE).inner_text().startswith(ui_string("update_notice", "en"))
        assert button.inner_text() == ui_string("update_button", "en")
        other.locator(f"{NOTICE} button").wait_for(timeout=90000)
        assert other.locator(f"{NOTICE} button").inner_text() == ui_string("update_button", "zh")

        button.focus()
        with page.expect_navigation(timeout=90000), other.expect_navigation(timeout=90000):
            page.keyboard.press("Enter")  # one tap (here a key press: the button is a real one)
        for tab in (page, other):
            tab.wait_for_load_state("load")
            assert tab.evaluate(MARKER) == '"next"', "a tab is not wholly on the newer build"
            assert "(new build)" in tab.locator("h1").first.inner_text()
            assert tab.locator(NOTICE).inner_text() == "", "the newer build announced itself again"
