"""A host site on another localhost origin for the embed tests: small generated HTML pages that use
the wizard's embed script, and a browser context that records (and keeps on localhost) every request."""

import itertools
import math
import time
from html import escape
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from sitebuild.embed import HEIGHT_STEP

from wizard_driver import wait_ready

_names = itertools.count()
_IFRAME_HEIGHT = "document.querySelector('[data-cig-wizard] iframe').getBoundingClientRect().height"


class HostSite:
    """Writes host pages into a folder that a second static server serves on its own port."""

    def __init__(self, folder: Path, url: str, site_url: str):
        self.folder, self.url, self.site_url = folder, url, site_url

    def page(self, body: str = "", **attributes: str) -> str:
        """A host page holding one wizard placeholder with these data- attributes; returns its URL."""
        attrs = "".join(
            f' data-{name.replace("_", "-")}="{escape(value, quote=True)}"' for name, value in attributes.items()
        )
        html = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A university</title>'
            '<link rel="icon" href="data:,"></head><body><h1>Studying in China</h1>'
            f"<div data-cig-wizard{attrs}></div>{body}<p>Host page text after the wizard.</p>"
            f'<script src="{self.site_url}assets/wizard/embed.js"></script></body></html>'
        )
        return self.write(html)

    def write(self, html: str) -> str:
        name = f"host-{next(_names)}.html"
        (self.folder / name).write_text(html, encoding="utf-8")
        return self.url + name


class EmbedVisit:
    """A fresh context: every request recorded with whether the embed frame made it; requests to
    anything but the two local servers are blocked; dialogs are recorded and dismissed."""

    def __init__(self, browser, site_url: str, host_url: str):
        self.site_url, self.host_url = site_url, host_url
        self.context = browser.new_context()
        self.requests: list[tuple[str, str]] = []  # (url, "frame" | "host" | "worker")
        self.dialogs: list[str] = []
        self.page = self.context.new_page()
        self.page.on("request", self._record)
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.context.route("**/*", self._only_local)

    def _record(self, request):
        try:
            frame = request.frame
            who = "host" if frame == self.page.main_frame else "frame"
        except Exception:  # noqa: BLE001 - a worker's request has no frame
            who = "worker"
        self.requests.append((request.url, who))

    def _only_local(self, route):
        if route.request.url.startswith((self.site_url, self.host_url)):
            route.continue_()
        else:
            route.abort()

    def open(self, url: str):
        """Open a host page; return the embed's frame once its Python is ready."""
        self.page.goto(url)
        frame = self.page.wait_for_selector("[data-cig-wizard] iframe").content_frame()
        wait_ready(frame)
        return frame

    def iframe_height(self) -> float:
        return self.page.evaluate(_IFRAME_HEIGHT)

    def wait_fitted(self, frame, timeout_ms: int = 10000) -> float:
        """Wait until the iframe is as tall as the frame's content rounded up to the next HEIGHT_STEP
        (so the host cannot read the answers from the height); return that height."""
        # The content lives in the frame (another origin) and the height on the host page, so no one
        # page can wait on both: wait on the host for the height the content asks now, and ask again
        # if the content changed meanwhile (fonts, a late layout).
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            content = math.ceil(
                frame.evaluate("document.querySelector('[data-embed-main]').getBoundingClientRect().height")
            )
            fitted = math.ceil(content / HEIGHT_STEP) * HEIGHT_STEP
            try:
                self.page.wait_for_function(f"(h) => Math.abs({_IFRAME_HEIGHT} - h) < 1", arg=fitted, timeout=1000)
                return fitted
            except PlaywrightTimeoutError:
                if time.monotonic() > deadline:
                    raise AssertionError(
                        f"the iframe stayed {self.iframe_height()}px for content of {content}px"
                    ) from None

    def requests_leaving(self, allowed_host_urls: set[str]) -> list[str]:
        """Requests to anything but the wizard's site, apart from the host's own page."""
        return [
            url
            for url, who in self.requests
            if not url.startswith(self.site_url) and not (who == "host" and url in allowed_host_urls)
        ]

    def frame_requests_outside_the_site(self) -> list[str]:
        return [url for url, who in self.requests if who != "host" and not url.startswith(self.site_url)]

    def close(self):
        self.context.close()
