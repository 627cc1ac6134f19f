"""Repeat visits in Chromium: the first visit keeps a Pyodide memory snapshot in IndexedDB, the next
restores Python from it and answers as a fresh load does; a damaged or mismatched snapshot is thrown
away for a normal load, a browser with no usable store loads normally every time, and the kept memory
holds none of the visitor's answers."""

import pytest

from wizard_driver import complete, in_days, wait_ready, wait_rendered

pytestmark = pytest.mark.browser

JOURNEY = {"purpose": "work", "status": "outside", "nationality": "US", "stay_days": "365", "circumstances": "none"}
# Every value the page's data-snapshot took, in order (made, restored, discarded, saved, unsaved, off).
RECORD_STATES = """
    window.__snapshotStates = [];
    new MutationObserver((changes) => {
        for (const change of changes) window.__snapshotStates.push(change.target.dataset.snapshot);
    }).observe(document, { subtree: true, attributeFilter: ['data-snapshot'] });
"""
SETTLED = "() => ['saved', 'unsaved', 'restored', 'off'].includes(document.getElementById('wizard').dataset.snapshot)"
# Rewrites the stored record in the page (same origin as the worker, so the same IndexedDB).
CHANGE_RECORD = """async (how) => {
    const opened = indexedDB.open('wizard-snapshot');
    const db = await new Promise((resolve, reject) => { opened.onsuccess = () => resolve(opened.result); opened.onerror = reject; });
    const read = db.transaction('snapshots').objectStore('snapshots').get('wizard');
    const record = await new Promise((resolve) => { read.onsuccess = () => resolve(read.result); });
    const hex = async (bytes) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
    const stored = new Uint8Array(await record.bytes.arrayBuffer());  // the memory, zero pages left out
    if (how === 'damaged bytes') {
        for (let i = 10e6; i < 10e6 + 100; i += 1) stored[i] ^= 0x5a;
        record.bytes = new Blob([stored]);
    } else if (how === 'damaged header') {
        // With a digest that matches: only Pyodide's own check of the header stands in the way.
        stored[0] ^= 0xff;
        record.bytes = new Blob([stored]);
        record.sha256 = await hex(stored);
    } else if (how === 'different answers') {
        record.probe = record.probe.replace('<', '<p>not what Python says</p><');
    } else if (how === 'another engine') {
        record.key = record.key.replace('engine ', 'engine 0');
    }
    const write = db.transaction('snapshots', 'readwrite').objectStore('snapshots').put(record, 'wizard');
    await new Promise((resolve, reject) => { write.onsuccess = resolve; write.onerror = reject; });
    return record.key;
}"""


@pytest.fixture
def context(browser, site_url):
    context = browser.new_context()
    context.add_init_script(RECORD_STATES)
    yield context
    context.close()


def visit(context, site_url, fragment="", wizard="wizard/"):
    """Open the wizard in a new tab, wait for Python and for the snapshot's fate; return the tab."""
    page = context.new_page()
    page.goto(site_url + wizard + fragment)
    wait_ready(page)
    page.wait_for_function(SETTLED, timeout=60000)
    return page


def result_text(page) -> tuple[str, str]:
    outcome = complete(page, {**JOURNEY, "travel_date": in_days(30)})
    return outcome, page.locator(".wizard-result").inner_text()


def states(page) -> list[str]:
    return page.evaluate("window.__snapshotStates")


def test_a_second_visit_restores_python_from_the_snapshot_and_answers_as_the_first(context, site_url):
    first = visit(context, site_url)
    assert states(first) == ["made", "saved"]
    first_result = result_text(first)
    first.close()
    second = visit(context, site_url)
    assert states(second) == ["restored"]
    assert result_text(second) == first_result
    assert first_result[0] == "visa_z"


def test_a_visit_in_another_language_restores_the_same_snapshot_and_answers_in_that_language(
    browser, context, site_url
):
    # The snapshot holds the rules every language shares; the page's language's texts come after it.
    visit(context, site_url).close()
    chinese = visit(context, site_url, wizard="zh/wizard/")
    assert states(chinese) == ["restored"]
    restored = result_text(chinese)
    fresh_context = browser.new_context()
    fresh_context.add_init_script(RECORD_STATES)
    fresh = visit(fresh_context, site_url, wizard="zh/wizard/")
    assert states(fresh) == ["made", "saved"] and result_text(fresh) == restored  # as a first visit answers
    assert restored[0] == "visa_z" and "签证" in restored[1]
    fresh_context.close()


def wasm_compiled_beside(page) -> bool:
    return page.evaluate("performance.getEntriesByName('wizard-ready')[0].detail.compiledBeside")


def test_a_repeat_visit_instantiates_the_webassembly_the_worker_compiled_beside_pyodide(context, site_url):
    # wizard/front/worker.js hands its module to Pyodide's one instantiateStreaming call: if a Pyodide
    # upgrade stops making that call, this says so instead of the repeat visit quietly slowing down.
    # A first visit leaves it to Pyodide, so that a slow network never downloads the wasm twice.
    first = visit(context, site_url)
    assert wasm_compiled_beside(first) is False
    first.close()
    second = visit(context, site_url)
    assert states(second) == ["restored"]
    assert wasm_compiled_beside(second) is True


@pytest.mark.parametrize("damage", ["damaged bytes", "damaged header", "different answers", "another engine"])
def test_a_damaged_or_mismatched_snapshot_is_thrown_away_and_python_loads_normally(context, site_url, damage):
    first = visit(context, site_url)
    first.evaluate(CHANGE_RECORD, damage)
    first.close()
    second = visit(context, site_url)
    # A mismatched key is never tried (a normal load); a damaged one is tried, refused and replaced.
    expected = ["made", "saved"] if damage == "another engine" else ["discarded", "saved"]
    assert states(second) == expected
    assert result_text(second)[0] == "visa_z"
    second.close()
    assert states(visit(context, site_url)) == ["restored"]


def test_with_no_usable_snapshot_store_the_wizard_loads_normally_on_every_visit(browser, site_url):
    # As in a private mode where IndexedDB throws: the worker script is served with it disabled.
    # Service workers are blocked so that the second visit's worker script passes this route too.
    context = browser.new_context(service_workers="block")
    context.add_init_script(RECORD_STATES)

    def without_indexeddb(route):
        body = route.fetch().text()
        blocked = 'Object.defineProperty(self, "indexedDB", { get() { throw new DOMException("blocked", "SecurityError"); } });\n'
        route.fulfill(body=blocked + body, headers={"content-type": "text/javascript"})

    context.route(site_url + "assets/wizard/worker.js*", without_indexeddb)  # with its ?build=
    try:
        for _ in range(2):
            page = visit(context, site_url)
            assert states(page) == ["off"]
            assert result_text(page)[0] == "visa_z"
            page.close()
    finally:
        context.close()


# How often each text occurs, as UTF-8, in the kept memory (zero pages left out, which hold no text).
OCCURRENCES = """async (texts) => {
    const opened = indexedDB.open('wizard-snapshot');
    const db = await new Promise((resolve, reject) => { opened.onsuccess = () => resolve(opened.result); opened.onerror = reject; });
    const read = db.transaction('snapshots').objectStore('snapshots').get('wizard');
    const record = await new Promise((resolve) => { read.onsuccess = () => resolve(read.result); });
    const memory = new Uint8Array(await record.bytes.arrayBuffer());
    return texts.map((text) => {
        const needle = new TextEncoder().encode(text);
        let count = 0;
        for (let at = memory.indexOf(needle[0]); at !== -1; at = memory.indexOf(needle[0], at + 1)) {
            if (needle.every((byte, i) => memory[at + i] === byte)) count += 1;
        }
        return count;
    });
}"""


def test_the_kept_snapshot_holds_none_of_the_answers_of_the_visit_that_made_it(context, site_url):
    # A shared link's answers reach Python as its first step; the memory is copied before that step.
    answers = "purpose=work&status=outside&nationality=ZW&stay_days=287"
    page = visit(context, site_url, "#" + answers)
    assert states(page) == ["made", "saved"]
    wait_rendered(page)
    assert page.locator("form[data-question]").get_attribute("data-question") == "circumstances"
    found = page.evaluate(OCCURRENCES, ["stay_days=287", "nationality=ZW", answers, "wizard-heading"])
    assert found[:3] == [0, 0, 0], found
    assert found[3] > 0  # the probe's HTML is in it: the search finds text that is there
