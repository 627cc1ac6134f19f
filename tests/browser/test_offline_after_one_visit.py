"""The web site after one visit, with its server gone: the service worker serves the pages and the
wizard (Python included); a new build then replaces the whole cache, copying unchanged files."""
import shutil
import socket

import pytest

from sitebuild.cache_probe import HAS_WAITING_WORKER, ONLY_CACHE, cache_name, wait_until, wait_until_cached
from sitebuild.service_worker import build_manifest, write_service_worker
from sitebuild.static_server import serve

from wizard_driver import complete, in_days, wait_ready

pytestmark = pytest.mark.browser

WORKER = {
    "purpose": "work", "nationality": "US", "stay_days": "365", "status": "outside",
    "applicant_circumstances": "no", "urgent": "no",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def own_site(tmp_path, site_dir):
    """A copy of the built site that a test may change, and a fixed port to serve it on again."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy, ignore=shutil.ignore_patterns("downloads"))
    return copy, free_port()


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


def visit_wizard_until_cached(context, url: str, manifest: dict):
    page = context.new_page()
    page.goto(url + "wizard/")
    wait_ready(page)
    wait_until_cached(page, url, manifest)
    return page


def test_after_one_visit_the_wizard_and_the_guides_work_with_the_server_gone(context, own_site):
    site, port = own_site
    manifest = build_manifest(site)
    with serve(site, port=port) as url:
        page = visit_wizard_until_cached(context, url, manifest)
    page.reload()  # the server is gone: everything now comes from the service worker
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    wait_ready(page)
    assert complete(page, {**WORKER, "travel_date": in_days(30)}) == "visa_z"
    page.goto(url + "zh/visas/")
    assert page.evaluate("document.documentElement.lang") == "zh"
    assert page.locator("h1").first.inner_text().strip()


def test_a_new_build_replaces_the_whole_cache_and_copies_the_unchanged_runtime(context, own_site):
    site, port = own_site
    old = build_manifest(site)
    with serve(site, port=port) as url:
        visit_wizard_until_cached(context, url, old).close()

    about = site / "about" / "index.html"
    about.write_text(about.read_text("utf-8").replace("</h1>", " (new build)</h1>", 1), "utf-8")
    new = write_service_worker(site)
    assert new["version"] != old["version"]

    fetched = []
    context.on("request", lambda request: fetched.append(request.url))
    with serve(site, port=port) as url:
        page = context.new_page()
        page.goto(url + "about/")  # the old build still serves this page; the browser finds the new sw.js
        wait_until(page, HAS_WAITING_WORKER)
        page.close()  # no page of the old build is open any more: the new one takes over
        page = context.new_page()
        page.goto(url + "about/")
        wait_until(page, ONLY_CACHE, cache_name(new))
        wait_until_cached(page, url, new)
        page.reload()
        assert "(new build)" in page.locator("h1").first.inner_text()
    assert not [request for request in fetched if "/pyodide/" in request], "the unchanged runtime was fetched again"

    page.goto(url + "wizard/")  # the server is gone again; the new build's cache has the wizard
    wait_ready(page)
