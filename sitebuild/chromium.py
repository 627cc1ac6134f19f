"""Launches Debian's Chromium through Playwright (no browser download), for tests and benchmarks."""

import shutil

from playwright.sync_api import Browser, Playwright

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
