"""A damaged rule bundle or texts file on the web site: the reader sees one line saying what failed
and the way to the guides, never a Python traceback."""

import shutil

import pytest

from testkit.static_server import serve
from testkit.wizard_state import FAILED

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "file, damage",
    [
        ("bundle.json", "{}"),
        ("bundle.json", "[]"),
        ("bundle.json", '{"format": 1, "languages": ["en"]}'),
        ("texts-en.json", "{}"),
        ("texts-en.json", "[]"),
        ("texts-en.json", '{"messages": {"en": {}}}'),
    ],
)
def test_a_damaged_rule_file_shows_one_line_not_a_traceback(browser, site_dir, tmp_path, file, damage):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site, ignore=shutil.ignore_patterns("downloads", "sw.js"))
    (site / "assets" / "wizard" / file).write_text(damage, "utf-8")
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    with serve(site) as url:
        page.goto(url + "wizard/")
        page.wait_for_function(FAILED, timeout=60000)
        failure = page.locator("[data-wizard-failed]")
        reason = failure.locator("[data-wizard-reason]").inner_text()
    assert failure.is_visible()
    assert reason and "\n" not in reason and "Traceback" not in reason and 'File "' not in reason, reason
    assert failure.locator("a[href$='visas/']").count() == 1
    if file.startswith("texts-"):
        assert reason.startswith(f"{file}: "), reason  # the file that is damaged, named
    context.close()
