"""The wizard on a slow connection, throttled at the test server for the page and its worker alike:
no failure while bytes arrive, the download's progress shown and read out, a real stall named with
the answers kept and Retry finishing in place, and WebAssembly turned off named as the browser's."""

import re

import pytest
from playwright.sync_api import expect

from sitebuild.stdlib import trimmed_stdlib
from testkit.static_server import Link, serve

from axe_check import SERIOUS, violations
from site_languages import PREFIXES
from wizard_driver import current_question, hold_python, in_days, release_python, wait_ready, wait_rendered

pytestmark = pytest.mark.browser

ROOT = "document.getElementById('wizard')"
ANSWERED = "purpose=work&status=outside&nationality=US"
SEARCH_INDEX = "search/search_index.json"
# A Thai tourist, answered in full: a result.
VISA_FREE = "purpose=tourism&status=outside&circumstances=none&trip_scope=mainland&nationality=TH&stay_days=10"
# Records what the page reads out about the download and every state the wizard goes through.
LISTEN = """
window.__said = []; window.__states = [];
document.addEventListener('DOMContentLoaded', () => {
  const root = document.getElementById('wizard');
  const said = root.querySelector('[data-wizard-progress-status]');
  new MutationObserver(() => { if (said.textContent) window.__said.push(said.textContent); })
    .observe(said, { childList: true, characterData: true, subtree: true });
  new MutationObserver(() => window.__states.push(root.dataset.state))
    .observe(root, { attributes: true, attributeFilter: ['data-state'] });
});
"""


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def _stall_after(page, url: str, milliseconds: int) -> None:
    """Serve the wizard page with a shorter stall bound than the build's, so a test need not wait
    the real one out."""

    def shorter(route):
        response = route.fetch()
        html = re.sub(r'data-stall-ms="\d+"', f'data-stall-ms="{milliseconds}"', response.text(), count=1)
        route.fulfill(response=response, body=html)

    page.route(url, shorter)


def _received(page) -> float:
    return page.evaluate("() => Number(document.querySelector('[data-wizard-progress-bar]').value)")


def test_a_download_slower_than_the_stall_bound_shows_its_progress_reads_it_out_and_never_fails(page, site_dir):
    # About 3.9 MB on the wire (brotli) at slow 4G's 1.6 Mbit/s: some 20 s, four times the stall bound
    # set here. A wizard that gave up after a fixed time would have failed; this one waits as long as
    # bytes arrive.
    link = Link(bits_per_second=1_600_000, rtt_ms=150)
    with serve(site_dir, link=link) as url:
        _stall_after(page, url + "wizard/", 5000)
        page.add_init_script(LISTEN)
        page.goto(url + "wizard/")
        page.wait_for_function("() => globalThis.wizardSteps && globalThis.wizardSteps.en")
        for question, value in (("purpose", "work"), ("status", "outside")):  # the build's steps
            page.locator(f"form[data-question={question}] input[value={value}]").check()
            page.locator(f"form[data-question={question}] button[type=submit]").click()
            page.wait_for_function(f"() => {ROOT}.dataset.rendered === location.hash")
        page.locator("form[data-question=nationality] select").select_option("US")
        page.locator("form[data-question=nationality] button[type=submit]").click()  # the build's too
        page.wait_for_function(f"() => {ROOT}.dataset.rendered === location.hash")
        page.locator("form[data-question=stay_days] #wizard-input").fill("365")
        page.locator("form[data-question=stay_days] button[type=submit]").click()  # waits for Python
        notice = page.locator("[data-wizard-preparing]")
        expect(notice).to_be_visible()
        total = int(page.locator("#wizard").get_attribute("data-download-bytes"))
        expect(notice.locator("[data-wizard-progress-bytes]")).to_have_text(
            re.compile(rf"^\d+\.\d MB / {total / 1e6:.1f} MB$")
        )
        page.wait_for_function("() => Number(document.querySelector('[data-wizard-progress-bar]').value) > 0")
        # The notice only: the waiting form under it is greyed out on purpose, and inactive meanwhile.
        assert violations(page, "document.querySelector('[data-wizard-preparing]')", SERIOUS) == []
        expect(page.locator("#wizard")).to_have_attribute("data-state", "ready", timeout=240_000)
        wait_rendered(page)
        assert current_question(page) == "circumstances"
        assert page.evaluate("location.hash") == "#" + ANSWERED + "&stay_days=365"
        assert "failed" not in page.evaluate("window.__states")
        # Every byte of the runtime went through the slow link, as the copy the server sent.
        for name in ("pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip", "pyodide/pyodide.asm.mjs"):
            sent = min(path.stat().st_size for path in (site_dir / name, site_dir / f"{name}.br") if path.exists())
            assert link.files["/" + name][0] >= sent, name
        # Nothing else competed meanwhile: Material's search index is asked for only after ready.
        page.wait_for_function(f"() => performance.getEntriesByName('{url}{SEARCH_INDEX}').length")
        assert page.evaluate(
            f"""() => performance.getEntriesByName('{url}{SEARCH_INDEX}')[0].startTime
                 > performance.getEntriesByName('wizard-ready')[0].startTime"""
        )
    said = page.evaluate("window.__said")
    percents = [text for text in said if re.search(r"\d+%$", text)]
    # Read out by tenths, not by bytes: a few times, rising, and then that Python is starting.
    assert 3 <= len(percents) <= 11, said
    numbers = [int(re.search(r"(\d+)%$", text)[1]) for text in percents]
    assert numbers == sorted(numbers) and all(number % 10 == 0 for number in numbers), said
    assert said[0].startswith("Preparing the wizard"), said
    assert said[-1] == "Starting Python…", said


@pytest.mark.parametrize("prefix", list(PREFIXES.values()), ids=list(PREFIXES))
def test_a_stalled_download_is_named_keeps_the_answers_and_retry_finishes_in_place(page, site_dir, prefix):
    # 2 Mbit/s: the ~4 MB runtime takes some 16 s, so stopping the link once the page shows 1 MB
    # leaves a busy machine about 10 s to do it before the download is over (at 16 Mbit/s it was 2 s,
    # and a loaded CI machine stopped a link whose bytes had all gone).
    link = Link(bits_per_second=2_000_000, rtt_ms=150)
    with serve(site_dir, link=link) as url:
        _stall_after(page, f"{url}{prefix}wizard/", 3000)
        page.goto(f"{url}{prefix}wizard/#{ANSWERED}")
        page.wait_for_function("() => Number(document.querySelector('[data-wizard-progress-bar]').value) > 1e6")
        link.stop()  # the server sends nothing more: a dropped connection
        assert link.sent < 3_500_000, "the runtime had all arrived before the link stopped"
        failure = page.locator("[data-wizard-failed]")
        expect(failure).to_be_visible(timeout=60_000)
        expect(failure.locator("[data-failure=stalled]")).to_be_visible()
        assert failure.locator("[data-failure]:visible").count() == 1
        assert page.evaluate("location.hash") == "#" + ANSWERED
        status = page.locator("[data-wizard-status]")
        expect(status).to_contain_text(failure.locator("[data-failure=stalled]").inner_text())
        assert violations(page, "document.getElementById('wizard')", SERIOUS) == []
        link.go()
        failure.locator("[data-action=retry]").click()
        expect(failure).to_be_hidden()
        expect(page.locator("#wizard")).to_have_attribute("data-state", "ready", timeout=120_000)
        wait_rendered(page)
        assert current_question(page) == "stay_days"
        assert page.evaluate("location.hash") == "#" + ANSWERED


def test_without_webassembly_the_wizard_says_so_offers_no_retry_and_keeps_the_answers(page, site_url):
    page.add_init_script("delete globalThis.WebAssembly")
    page.goto(f"{site_url}wizard/#{ANSWERED}")
    failure = page.locator("[data-wizard-failed]")
    expect(failure.locator("[data-failure=no_wasm]")).to_be_visible()
    assert failure.locator("[data-failure]:visible").count() == 1
    expect(failure.locator("[data-action=retry]")).to_be_hidden()
    expect(failure.locator("a[href$='visas/']")).to_be_visible()
    assert page.evaluate("location.hash") == "#" + ANSWERED


@pytest.mark.parametrize("with_steps", [True, False], ids=["build-steps", "no-build-steps"])
def test_a_choice_on_the_first_step_made_before_python_is_ready_survives_the_hand_over(page, site_url, with_steps):
    if not with_steps:  # then Python renders the first step again, over the ticked form
        page.route("**/assets/wizard/steps-*.js*", lambda route: route.abort())
    held = hold_python(page)
    page.goto(site_url + "wizard/")
    if with_steps:
        page.wait_for_function("() => globalThis.wizardSteps && globalThis.wizardSteps.en")
    choice = page.locator("form[data-question=purpose] input[value=study]")
    choice.check()
    release_python(page, held)
    wait_rendered(page)
    expect(choice).to_be_checked()
    page.locator("form[data-question=purpose] button[type=submit]").click()
    page.wait_for_function("() => location.hash === '#purpose=study'")
    wait_rendered(page)
    assert current_question(page) == "status"


@pytest.fixture
def page_without_worker(browser):
    """No service worker: once Python is ready it fetches the wizard's files again for its cache, a
    later download (`make bench` reports it apart), which a link would add to the same paths."""
    context = browser.new_context(service_workers="block")
    yield context.new_page()
    context.close()


def test_a_first_visit_downloads_under_4_mb_before_python_and_reaches_a_result_on_the_trimmed_stdlib(
    page_without_worker, site_dir
):
    page = page_without_worker
    # A fast link: only its count of the bytes on the wire is wanted here, not its pace.
    link = Link(bits_per_second=400_000_000, rtt_ms=0)
    with serve(site_dir, link=link) as url:
        page.goto(
            f"{url}wizard/#purpose=tourism&status=outside&circumstances=none&trip_scope=mainland&nationality=TH&stay_days=10&travel_date={in_days(20)}"
        )
        wait_ready(page)
        wait_rendered(page)
        assert page.locator(".wizard-result [data-outcome]").count() >= 1
    files = {name: sent for name, (sent, _) in link.files.items()}
    # Python started from the site's trimmed standard library, and the wasm came as its brotli copy.
    assert files["/pyodide/python_stdlib.zip"] == len(trimmed_stdlib())
    assert files["/pyodide/pyodide.asm.wasm"] == (site_dir / "pyodide" / "pyodide.asm.wasm.br").stat().st_size
    before_python = [name for name in files if name.startswith(("/pyodide/", "/assets/wizard/"))]
    assert sum(files[name] for name in before_python) <= 4_000_000, sorted(files.items())
