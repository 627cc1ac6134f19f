"""On the wizard page Material's search index waits for Python (wizard/front/search-after-python.js):
it is asked for once Python is ready, or at once when the reader goes to the search box, which
then finds pages as on any other page."""

import pytest

from search_driver import search_results
from wizard_driver import hold_python, release_python

pytestmark = pytest.mark.browser

INDEX = "search/search_index.json"


def index_requests(page) -> list[str]:
    seen = []
    page.on("request", lambda request: seen.append(request.url) if request.url.endswith(INDEX) else None)
    return seen


def test_the_index_is_asked_for_only_once_python_is_ready(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    held = hold_python(page)
    asked = index_requests(page)
    page.goto(site_url + "wizard/", wait_until="load")
    page.wait_for_timeout(1500)  # Material asks for the index as it starts, well within this
    assert asked == []
    assert page.locator("#wizard").get_attribute("data-state") == "preparing"
    release_python(page, held)
    page.wait_for_timeout(1000)
    assert asked == [site_url + INDEX]
    context.close()


def test_going_to_the_search_box_while_python_loads_asks_for_the_index_at_once(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    hold_python(page)
    asked = index_requests(page)
    page.goto(site_url + "wizard/", wait_until="load")
    page.wait_for_timeout(500)
    assert asked == []
    links = search_results(page, "Five-Star")
    assert site_url + "permanent-residence/" in [link.split("#")[0].split("?")[0] for link in links]
    assert asked == [site_url + INDEX]
    assert page.locator("#wizard").get_attribute("data-state") == "preparing"  # Python still held
    context.close()


def test_other_pages_ask_for_the_index_as_they_start(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    asked = index_requests(page)
    page.goto(site_url + "visas/", wait_until="load")
    page.wait_for_timeout(1500)
    assert asked == [site_url + INDEX]
    context.close()
