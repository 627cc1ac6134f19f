"""Launches Debian's Chromium through Playwright (no browser download), for tests and benchmarks."""

import datetime as dt
import shutil

from playwright.sync_api import Browser, BrowserContext, Playwright

# Without the background-networking switches Chromium keeps calling home, which this project forbids.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise FileNotFoundError("Debian's chromium is not installed: 'make chromium' installs it")
    return path


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)


class DatedBrowser:
    """A browser whose every new context shows its pages `day` (noon, local time) as today. The
    wizard's answers depend on the visitor's date, so tests and the bench pin it to the rules' own
    date: the same commit then tests the same on any day. Everything else is the browser's own."""

    def __init__(self, browser: Browser, day: dt.date) -> None:
        self._browser = browser
        self.today = day

    def new_context(self, **options) -> BrowserContext:
        context = self._browser.new_context(**options)
        # Date.now and new Date() only; timers run as usual (Playwright's clock, per context).
        context.clock.set_fixed_time(dt.datetime.combine(self.today, dt.time(12)))
        return context

    def __getattr__(self, name: str):
        return getattr(self._browser, name)
