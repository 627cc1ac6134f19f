"""The web site after one visit, with its server gone: the service worker serves the pages of the
visited language and the wizard (Python included), and has cached nothing of the other languages; a
new build then replaces the whole cache, copying unchanged files."""

import shutil

import lifecycle
import pytest

from sitebuild.languages import languages
from sitebuild.service_worker import build_manifest, language_group, write_service_worker
from testkit.cache_probe import (
    HAS_WAITING_WORKER,
    ONLY_CACHE,
    cache_name,
    cached_paths,
    group_paths,
    wait_until,
    wait_until_cached,
)
from testkit.static_server import serve
from testkit.wizard_state import state_is

from wizard_driver import complete, in_days, wait_ready

pytestmark = pytest.mark.browser

own_site = lifecycle.own_site
context = lifecycle.context
MARKER = lifecycle.MARKER
visit_wizard_until_cached = lifecycle.visit_wizard_until_cached
visit_guides_until_cached = lifecycle.visit_guides_until_cached

WORKER = {
    "purpose": "work",
    "nationality": "US",
    "stay_days": "365",
    "status": "outside",
    "circumstances": "none",
}


def test_after_one_visit_the_wizard_and_the_guides_work_with_the_server_gone(context, own_site):
    site, port = own_site
    manifest = build_manifest(site)
    with serve(site, port=port) as url:
        page = visit_wizard_until_cached(context, url, manifest)
    page.reload()  # the server is gone: everything now comes from the service worker
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    wait_ready(page)
    assert complete(page, {**WORKER, "travel_date": in_days(30)}) == "visa_z"
    page.goto(url + "visas/")  # a page of the same language, never opened
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").first.inner_text().strip()


def test_a_first_visit_caches_nothing_of_the_other_languages(context, own_site):
    site, port = own_site
    manifest = build_manifest(site)
    others = [language_group(language.code) for language in languages() if language.code != "zh"]
    with serve(site, port=port) as url:
        page = context.new_page()
        page.goto(url + "zh/wizard/")
        wait_ready(page)
        wait_until_cached(page, url, manifest)
        cached = set(cached_paths(page, url, manifest))
    assert set(group_paths(manifest, ["site", language_group("zh"), "wizard"])) == cached
    assert not cached & set(group_paths(manifest, others))


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
        watcher = WorkerVersions(context)
        page.close()  # no page of the old build is open any more: the new one takes over
        # Takes over once the old worker has also finished its work: a page opened before that is
        # the old one's again (Chromium, as the spec's "Try Activate"), which the notice then offers
        # to leave (test_newer_build_notice.py). This test is about the takeover, so it waits for it.
        watcher.wait_until_one_active()
        page = context.new_page()
        page.goto(url + "about/")
        wait_until(page, ONLY_CACHE, cache_name(new))
        wait_until_cached(page, url, new, ["site", language_group("en"), "wizard"])  # the language and runtime held
        page.reload()
        assert "(new build)" in page.locator("h1").first.inner_text()
    assert not [request for request in fetched if "/pyodide/" in request], "the unchanged runtime was fetched again"

    page.goto(url + "wizard/")  # the server is gone again; the new build's cache has the wizard
    wait_ready(page)


class WorkerVersions:
    """The service worker versions of the context as Chromium reports them (its DevTools protocol),
    watched from a blank page, which no worker controls, so watching changes nothing."""

    def __init__(self, context):
        self.blank = context.new_page()
        self.status: dict[str, str] = {}
        session = context.new_cdp_session(self.blank)
        session.on("ServiceWorker.workerVersionUpdated", self._updated)
        session.send("ServiceWorker.enable")

    def _updated(self, event) -> None:
        for version in event["versions"]:
            self.status[version["versionId"]] = version["status"]

    def wait_until_one_active(self, timeout_ms: float = 90000) -> None:
        """Until one version is activated and none waits or activates (the older one redundant)."""
        waited = 0
        while not (
            list(self.status.values()).count("activated") == 1
            and not {"installed", "activating"} & set(self.status.values())
        ):
            if waited > timeout_ms:
                raise TimeoutError(f"no takeover: {self.status}")
            self.blank.wait_for_timeout(100)
            waited += 100
        self.blank.close()


NO_SITE_CACHE = "async () => !(await caches.keys()).some((name) => name.startsWith('cig-site-'))"
NO_WORKER = "async () => (await navigator.serviceWorker.getRegistration()) === undefined"


def test_a_page_new_in_the_next_build_gets_that_builds_stylesheet_not_the_cached_one(context, own_site):
    site, port = own_site
    old = build_manifest(site)
    with serve(site, port=port) as url:
        visit_guides_until_cached(context, url, old).close()

    css = site / "assets" / "stylesheets" / "site.css"
    css.write_text(css.read_text("utf-8") + '\n:root { --cig-build: "next"; }\n', "utf-8")
    (site / "new-page").mkdir()
    shutil.copy(site / "about" / "index.html", site / "new-page" / "index.html")
    write_service_worker(site)
    with serve(site, port=port) as url:
        page = context.new_page()
        page.goto(url + "new-page/")
        assert page.evaluate("navigator.serviceWorker.controller !== null"), "the old build's worker controls the tab"
        assert page.evaluate(MARKER) == '"next"', "the next build's page got the old build's stylesheet"
        page.goto(url + "about/")
        assert page.evaluate(MARKER) == "", "a page of the old build got the next build's stylesheet"


def test_a_page_of_the_old_build_never_runs_a_runtime_file_changed_by_the_next_build(context, own_site):
    site, port = own_site
    old = build_manifest(site)
    with serve(site, port=port) as url:
        visit_guides_until_cached(context, url, old).close()  # the runtime is not cached yet

    runtime = site / "pyodide" / "pyodide.mjs"
    runtime.write_text(runtime.read_text("utf-8") + "\n// the next build\n", "utf-8")
    write_service_worker(site)
    with serve(site, port=port) as url:
        page = context.new_page()
        page.goto(url + "wizard/")  # the old build's page, from the cache
        page.wait_for_function(state_is("ready", "failed"), timeout=60000)
        assert page.evaluate("document.getElementById('wizard').dataset.state") == "failed"
        assert "pyodide.mjs" in page.locator("[data-wizard-reason]").inner_text()


INSTALL = """async (url) => {
  const registration = await navigator.serviceWorker.register(url);
  const worker = registration.installing || registration.waiting || registration.active;
  if (worker.state !== "installing") return worker.state;
  return new Promise((resolve) => worker.addEventListener("statechange", () => {
    if (worker.state !== "installing") resolve(worker.state);
  }));
}"""


def test_a_failed_install_leaves_no_cache_behind(context, own_site):
    site, port = own_site
    css = site / "assets" / "stylesheets" / "site.css"
    css.write_text(css.read_text("utf-8") + "/* changed after the build listed it */", "utf-8")
    with serve(site, port=port, headers=lambda path: {"Cache-Control": "no-store"}) as url:
        page = context.new_page()
        page.goto(url + "about/")
        assert page.evaluate(INSTALL, url + "sw.js") == "redundant"
        assert page.evaluate(NO_SITE_CACHE)


def test_publishing_sw_retire_as_sw_js_removes_the_worker_and_its_caches(context, own_site):
    site, port = own_site
    old = build_manifest(site)
    with serve(site, port=port) as url:
        visit_guides_until_cached(context, url, old).close()

    shutil.copy(site / "sw-retire.js", site / "sw.js")
    about = site / "about" / "index.html"
    about.write_text(about.read_text("utf-8").replace("</h1>", " (served again)</h1>", 1), "utf-8")
    with serve(site, port=port) as url:
        page = context.new_page()
        page.goto(url + "about/")  # from the old cache; the browser finds the new sw.js
        wait_until(page, NO_SITE_CACHE)
        wait_until(page, NO_WORKER)
        page.reload()
        assert "(served again)" in page.locator("h1").first.inner_text()
        assert page.evaluate("navigator.serviceWorker.controller") is None


def test_a_404_on_sw_js_retires_the_worker_instead_of_serving_the_old_build_forever(context, own_site):
    site, port = own_site
    old = build_manifest(site)
    with serve(site, port=port) as url:
        visit_guides_until_cached(context, url, old).close()

    (site / "sw.js").unlink()
    about = site / "about" / "index.html"
    about.write_text(about.read_text("utf-8").replace("</h1>", " (served again)</h1>", 1), "utf-8")
    with serve(site, port=port) as url:
        page = context.new_page()
        page.goto(url + "about/")  # the old build's copy, one last time; the worker finds sw.js gone
        wait_until(page, NO_SITE_CACHE)
        page.reload()
        assert "(served again)" in page.locator("h1").first.inner_text()
        page.close()  # with no page of it open, nothing can revive the registration
        page = context.new_page()
        page.goto(url + "about/")
        assert "(served again)" in page.locator("h1").first.inner_text()
        wait_until(page, NO_WORKER)
        assert page.evaluate(NO_SITE_CACHE)


@pytest.mark.parametrize("prefix, lang", [("", "en"), ("zh/", "zh")])
def test_offline_an_unknown_address_shows_the_404_page_of_its_language(context, own_site, prefix, lang):
    site, port = own_site
    old = build_manifest(site)
    with serve(site, port=port) as url:
        page = visit_guides_until_cached(context, url, old, prefix + "about/")
    page.goto(url + prefix + "no-such-page/")  # the server is gone
    assert page.evaluate("document.documentElement.lang") == lang
    assert "404" in page.locator("h1").first.inner_text()
