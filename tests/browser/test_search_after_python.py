"""On the wizard page Material's search index waits for Python (wizard/front/search-after-python.js):
it is asked for once Python is ready, or at once when the reader goes to the search box, which
then finds pages as on any other page."""

import pytest

from search_driver import search_results
from wizard_driver import hold_python, release_python

pytestmark = pytest.mark.browser

INDEX = "search/search_index.json"


# Records each XMLHttpRequest the page opens; installed before the page's scripts, so it sits beneath
# search-after-python.js, which wraps open and holds only send.
RECORD_OPENS = """
window.__opened = [];
const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  window.__opened.push(new URL(String(url), location.href).href);
  return open.call(this, method, url, ...rest);
};
"""


def material_asked_for_the_index(page, site_url) -> None:
    """Wait until Material's bundle has opened its request for the index: the moment the request would
    leave if it were not held, so a check after this is not a guess at how long Material takes."""
    page.wait_for_function("(url) => window.__opened.includes(url)", arg=site_url + INDEX)


def index_requests(page) -> list[str]:
    seen = []
    page.on("request", lambda request: seen.append(request.url) if request.url.endswith(INDEX) else None)
    return seen


def test_the_index_is_asked_for_only_once_python_is_ready(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    context.add_init_script(RECORD_OPENS)
    held = hold_python(page)
    asked = index_requests(page)
    page.goto(site_url + "wizard/", wait_until="load")
    material_asked_for_the_index(page, site_url)
    assert asked == []
    assert page.locator("#wizard").get_attribute("data-state") == "preparing"
    with page.expect_request(site_url + INDEX):
        release_python(page, held)
    assert asked == [site_url + INDEX]
    context.close()


def test_going_to_the_search_box_while_python_loads_asks_for_the_index_at_once(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    context.add_init_script(RECORD_OPENS)
    hold_python(page)
    asked = index_requests(page)
    page.goto(site_url + "wizard/", wait_until="load")
    material_asked_for_the_index(page, site_url)
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
    with page.expect_request(site_url + INDEX):
        page.goto(site_url + "visas/", wait_until="load")
    assert asked == [site_url + INDEX]
    context.close()
