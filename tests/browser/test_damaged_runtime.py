"""A runtime file the host serves damaged (with status 200) or with the wrong type, or a wizard
script it does not serve: the page names the file and the cause at once, in the page's language,
instead of waiting for its ready timeout and blaming the time."""

import shutil

import pytest

from sitebuild.runtime import MANIFEST, SITE_FOLDER
from testkit.chromium import CHROMIUM_ARGS, chromium_path
from testkit.static_server import serve
from testkit.wizard_state import FAILED

from wizard_driver import wait_ready

pytestmark = pytest.mark.browser

WASM = f"{SITE_FOLDER}/pyodide.asm.wasm"


def flip_a_byte(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :]


DAMAGE = {
    "a flipped byte": flip_a_byte,
    "truncated": lambda data: data[: len(data) // 2],
    "empty": lambda data: b"",
}


def site_copy(site_dir, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site, ignore=shutil.ignore_patterns("downloads", "sw.js"))
    return site


def failure_of(page, url):
    """Open the wizard page; once it has failed, its reason and whether it links the hosting help."""
    page.goto(url)
    # Well before the page's own ready timeout (30 s), which would blame the time instead.
    page.wait_for_function(FAILED, timeout=25000)
    failure = page.locator("[data-wizard-failed]")
    assert failure.is_visible()
    reason = failure.locator("[data-wizard-reason]").inner_text()
    assert "\n" not in reason and "Traceback" not in reason, reason
    hosting = failure.locator("[data-wizard-hosting]")
    return reason, hosting.is_visible() and hosting.locator("a[href*='webmasters']").count() == 1


@pytest.fixture
def context(browser):
    context = browser.new_context(service_workers="block")
    yield context
    context.close()


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_wasm_served_with_status_200_is_named_as_damaged(context, site_dir, tmp_path, damage):
    site = site_copy(site_dir, tmp_path)
    wasm = site / WASM
    wasm.write_bytes(DAMAGE[damage](wasm.read_bytes()))
    with serve(site) as url:
        reason, hosting_help = failure_of(context.new_page(), url + "wizard/")
    assert f"{WASM} is damaged" in reason and "arrived damaged or incomplete" in reason, reason
    assert hosting_help


@pytest.mark.parametrize("text", ["", "<!doctype html><p>Moved</p>", '{"files": 5}'])
def test_a_damaged_runtime_manifest_is_named_as_damaged(context, site_dir, tmp_path, text):
    site = site_copy(site_dir, tmp_path)
    (site / SITE_FOLDER / MANIFEST).write_text(text, "utf-8")
    with serve(site) as url:
        reason, _ = failure_of(context.new_page(), url + "wizard/")
    assert f"{SITE_FOLDER}/{MANIFEST} is damaged" in reason, reason


@pytest.mark.parametrize("served_as", ["application/octet-stream", "text/html"])
def test_a_wasm_served_with_the_wrong_type_is_named_with_the_type_the_host_must_send(context, site_dir, served_as):
    def headers(path):
        return {"Content-Type": served_as} if path.endswith(".wasm") else {}

    with serve(site_dir, headers=headers) as url:
        reason, hosting_help = failure_of(context.new_page(), url + "wizard/")
    assert f"{WASM} was served as {served_as}" in reason and "application/wasm" in reason, reason
    assert hosting_help


def test_in_chinese_the_cause_is_said_in_chinese(context, site_dir):
    with serve(site_dir, headers=lambda path: {"Content-Type": "text/plain"} if path.endswith(".wasm") else {}) as url:
        reason, hosting_help = failure_of(context.new_page(), url + "zh/wizard/")
    assert "错误的类型" in reason and f"{WASM} was served as text/plain" in reason, reason
    assert hosting_help


@pytest.mark.parametrize("script", ["worker.js", "python-runner.js"])
def test_a_missing_wizard_script_is_named(context, site_dir, tmp_path, script):
    site = site_copy(site_dir, tmp_path)
    (site / "assets" / "wizard" / script).unlink()
    with serve(site) as url:
        reason, _ = failure_of(context.new_page(), url + "wizard/")
    assert f"assets/wizard/{script} did not load" in reason, reason


def test_on_an_insecure_origin_without_sha256_the_wizard_starts_and_a_truncated_wasm_is_still_named(
    browser, site_dir, tmp_path
):
    # crypto.subtle exists only in secure contexts: a site on plain http (not localhost) has none.
    # This browser resolves wizard.test to this machine, an origin that is not secure.
    insecure = browser.browser_type.launch(
        executable_path=chromium_path(), args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP wizard.test 127.0.0.1"]
    )
    site = site_copy(site_dir, tmp_path)
    try:
        with serve(site) as url:
            address = url.replace("127.0.0.1", "wizard.test") + "wizard/"
            context = insecure.new_context(service_workers="block")
            page = context.new_page()
            page.goto(address)
            assert page.evaluate("isSecureContext") is False
            wait_ready(page)
            context.close()
            wasm = site / WASM
            wasm.write_bytes(DAMAGE["truncated"](wasm.read_bytes()))
            context = insecure.new_context(service_workers="block")
            reason, _ = failure_of(context.new_page(), address)
            assert f"{WASM} is damaged" in reason, reason
            context.close()
    finally:
        insecure.close()
