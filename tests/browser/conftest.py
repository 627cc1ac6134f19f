"""Browser fixtures: one real Chromium per session, a fresh context per test, every request recorded."""

import pytest
from playwright.sync_api import sync_playwright

from testkit.chromium import DatedBrowser, launch

from shared_rules import BUILD_DATE


@pytest.fixture(scope="session")
def browser():
    """Chromium, its pages dated the tests' one date (the rules' own), whatever the machine's clock."""
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield DatedBrowser(browser, BUILD_DATE)
        browser.close()


class RecordingPage:
    """A page whose requests are all recorded; any request leaving the site is blocked and listed."""

    def __init__(self, context, site_url):
        self.site_url = site_url
        self.requests: list[str] = []
        self.page = context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        context.route("**/*", self._only_the_site)

    def _only_the_site(self, route):
        if route.request.url.startswith(self.site_url):
            route.continue_()
        else:
            route.abort()

    @property
    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith((self.site_url, "data:", "blob:"))]


@pytest.fixture
def recording_page(browser, site_url):
    context = browser.new_context()
    yield RecordingPage(context, site_url)
    context.close()
