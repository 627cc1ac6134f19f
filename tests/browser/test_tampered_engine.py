"""The engine is loaded through the site's lock file, which Pyodide checks it against: a wheel whose
bytes changed while the lock did not is refused over http and from file://, and the page says what
failed and points to the guides instead of breaking."""

import base64
import hashlib
import io
import json
import shutil
import zipfile

import pytest
from test_offline_copy import FilePage

from sitebuild.engine_wheel import LOCK_FILE, engine_entry
from sitebuild.file_runtime import ENGINE_PAYLOAD, payload_script
from sitebuild.runtime import SITE_FOLDER
from testkit.static_server import serve
from testkit.wizard_state import FAILED

from wizard_driver import wait_ready

pytestmark = pytest.mark.browser


def changed(wheel: bytes) -> bytes:
    """The wheel with one line added to a module: still a valid wheel that would install and run, so
    only the check against the lock's SHA-256 can refuse it."""
    source, target = io.BytesIO(wheel), io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for member in original.infolist():
            data = original.read(member)
            copy.writestr(
                member,
                data + b"\n# not the engine the lock lists\n" if member.filename == "wizard/web/browser.py" else data,
            )
    return target.getvalue()


def engine_file_name(site) -> str:
    return engine_entry(json.loads((site / SITE_FOLDER / LOCK_FILE).read_text("utf-8")))["file_name"]


def assert_refused_with_the_guides_offered(page, guides_href: str, wheel_name: str) -> None:
    page.wait_for_function(FAILED, timeout=60000)
    failure = page.locator("[data-wizard-failed]")
    reason = failure.locator("[data-wizard-reason]").inner_text()
    assert failure.is_visible()
    assert f"pyodide/{wheel_name} did not load" in reason and "pyodide-lock.json" in reason, reason
    assert "\n" not in reason and "Traceback" not in reason
    assert failure.locator(f"a[href$='{guides_href}']").count() == 1
    # The pre-rendered first question stays readable above the notice.
    assert page.locator("form[data-question='purpose']").count() == 1


def test_over_http_the_site_s_own_wheel_loads_through_the_lock(browser, site_url, site_dir):
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    wheels = []
    page.on("requestfinished", lambda request: wheels.append(request.url) if request.url.endswith(".whl") else None)
    page.goto(site_url + "wizard/")
    wait_ready(page)
    assert [url.rsplit("/", 1)[1] for url in wheels] == [engine_file_name(site_dir)]
    context.close()


def site_with_changed_wheel(site_dir, tmp_path, update_lock: bool):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site, ignore=shutil.ignore_patterns("downloads", "sw.js"))
    name = engine_file_name(site)
    wheel = site / SITE_FOLDER / name
    wheel.write_bytes(changed(wheel.read_bytes()))
    if update_lock:
        lock_path = site / SITE_FOLDER / LOCK_FILE
        lock = json.loads(lock_path.read_text("utf-8"))
        engine_entry(lock)["sha256"] = hashlib.sha256(wheel.read_bytes()).hexdigest()
        lock_path.write_text(json.dumps(lock), "utf-8")
    return site, name


@pytest.mark.parametrize("update_lock", [False, True], ids=["lock unchanged", "lock listing the changed wheel"])
def test_over_http_a_changed_wheel_is_refused_unless_the_lock_lists_its_sha256(
    browser, site_dir, tmp_path, update_lock
):
    # With the lock updated the same wheel loads: it is sound, so the refusal is the hash check's.
    site, name = site_with_changed_wheel(site_dir, tmp_path, update_lock)
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    with serve(site) as url:
        page.goto(url + "wizard/")
        if update_lock:
            wait_ready(page)
        else:
            assert_refused_with_the_guides_offered(page, "visas/", name)
    context.close()


def test_from_file_urls_a_changed_wheel_payload_with_the_lock_unchanged_is_refused(browser, offline_copy, tmp_path):
    site = tmp_path / "copy"
    shutil.copytree(offline_copy.site_dir, site)
    payload = site / SITE_FOLDER / f"{ENGINE_PAYLOAD}.js"
    text = payload.read_text("ascii")
    wheel = base64.b64decode(text[text.index('="') + 2 : text.rindex('"')])
    payload.write_text(payload_script(ENGINE_PAYLOAD, changed(wheel)), "ascii")
    context = browser.new_context()
    file_page = FilePage(context, site)
    page = file_page.open("wizard/index.html")
    assert_refused_with_the_guides_offered(page, "visas/index.html", engine_file_name(site))
    assert "its SHA-256 differs" in page.locator("[data-wizard-reason]").inner_text()
    assert file_page.blocked == []
    context.close()


@pytest.mark.parametrize("path", ["wizard/index.html", "wizard-embed.html"])
def test_from_file_urls_the_wheel_payload_loads_under_each_wizard_page_s_policy(browser, offline_copy, path):
    # The embed page's policy (connect-src 'self') allows no blob: or data: fetch: the check must not need one.
    context = browser.new_context()
    file_page = FilePage(context, offline_copy.site_dir)
    violations = []
    file_page.page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page = file_page.open(path)
    wait_ready(page)
    assert violations == [] and file_page.blocked == []
    context.close()
