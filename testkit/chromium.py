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


# Shifts the page's Date (and nothing else: timers and performance stay the browser's own) so that
# it reads `target` milliseconds since the epoch when the document starts, then runs on from there.
_SHIFTED_DATE = """(() => {
  const Real = Date;
  const offset = %d - Real.now();
  function Shifted(...args) {
    if (!new.target) return new Real(Real.now() + offset).toString();
    return args.length ? new Real(...args) : new Real(Real.now() + offset);
  }
  Shifted.prototype = Real.prototype;
  Shifted.now = () => Real.now() + offset;
  Shifted.UTC = Real.UTC;
  Shifted.parse = Real.parse;
  globalThis.Date = Shifted;
})();"""


class DatedBrowser:
    """A browser whose every new context shows its pages `day` (from noon, local time) as today. The
    wizard's answers depend on the visitor's date, so tests and the bench pin it to the rules' own
    date: the same commit then tests the same on any day. Everything else is the browser's own."""

    def __init__(self, browser: Browser, day: dt.date) -> None:
        self._browser = browser
        self.today = day

    def new_context(self, **options) -> BrowserContext:
        context = self._browser.new_context(**options)
        # Not Playwright's clock: it replaces timers and `performance` too, which broke Material's
        # search from file:// and the performance marks the wizard's tests and the bench read.
        noon = dt.datetime.combine(self.today, dt.time(12)).timestamp()
        context.add_init_script(script=_SHIFTED_DATE % int(noon * 1000))
        return context

    def __getattr__(self, name: str):
        return getattr(self._browser, name)
