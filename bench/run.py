"""Wizard benchmark: builds the offline copy and the site, serves the site on localhost and measures
both in Debian's Chromium (http, file://, and a repeat visit through the service worker).

Prints a table and writes bench-results/wizard.json. Targets are reported, not asserted.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from sitebuild import offline_copy
from sitebuild.languages import default_language, languages
from sitebuild.paths import ROOT, WIZARD_ASSETS
from sitebuild.service_worker import read_manifest
from sitebuild.wizard_page import build_date
from testkit.cache_probe import wait_until_cached
from testkit.chromium import DatedBrowser, launch
from testkit.static_server import serve
from testkit.wizard_state import READY

RESULTS = ROOT / "bench-results"
ANSWER_ROUNDS = 60
COLD_RUNS = 5
# A person answers this long after a question appears (the cold-visit waits after each answer).
THINKING_MS = 200
# A function, not an expression: an expression would be eval()ed in the page, which its policy forbids.
# Element Timing reports when the first question's heading was painted; buffered so none is missed.
QUESTION_PAINTED = """
    window.__questionPainted = new Promise((resolve) => new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.identifier === 'wizard-question') resolve(entry.renderTime || entry.loadTime);
    }).observe({ type: 'element', buffered: true }));
"""
# Answers the questions named in pairs through the page's own form, THINKING_MS after each appears;
# returns, per answer, the milliseconds from the click to the next question painted.
ANSWER_AS_A_PERSON = """async ([pairs, thinkingMs]) => {
    const root = document.getElementById('wizard');
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
    const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    await sleep(await window.__questionPainted + thinkingMs - performance.now());
    const waits = [];
    for (const [question, value] of pairs) {
        const form = root.querySelector(`form[data-question="${question}"]`);
        if (!form) throw new Error(`the wizard did not ask ${question}`);
        const choice = form.querySelector(`input[type=radio][value="${value}"]`);
        if (choice) choice.checked = true;
        else form.querySelector('select, #wizard-input').value = value;
        const rendered = new Promise((resolve) => root.addEventListener('wizard:rendered', resolve, { once: true }));
        const answered = performance.now();
        form.querySelector('button[type=submit]').click();
        await rendered;
        await painted();
        waits.push(performance.now() - answered);
        await sleep(thinkingMs);
    }
    return waits;
}"""
# The snapshot states after which nothing more is written (see wizard/front/snapshot-store.js).
SNAPSHOT_SETTLED = (
    "() => ['saved', 'unsaved', 'restored', 'off'].includes(document.getElementById('wizard').dataset.snapshot)"
)


def build_offline_copy(folder: Path) -> tuple[offline_copy.OfflineCopyInfo, Path]:
    """The offline copy, zipped into folder and unzipped beside it as a reader would; its site folder."""
    return offline_copy.make_offline_copy(folder), offline_copy.unzip(folder)


def build_site(target: Path, copy_folder: Path) -> float:
    started = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", offline_copy.ENV_DIR: str(copy_folder)}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(target)],
        cwd=ROOT,
        check=True,
        env=env,
    )
    shutil.copytree(ROOT / "bench", target / "_bench", ignore=shutil.ignore_patterns("*.py"))
    return time.perf_counter() - started


def transferred_bytes(browser, base: str, url: str, wait_ready: bool, manifest: dict) -> tuple[int, int, list[str]]:
    """Bytes (headers and bodies) a cold visit received: for the page and its workers, and for the
    service worker's cache, which fills after the page has loaded. Also every URL either asked for."""
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    if wait_ready:
        page.wait_for_function(READY, timeout=60000)
    # The shared files, the page's language and, on the wizard's page, the runtime.
    wait_until_cached(page, base, manifest)
    page_bytes = cache_bytes = 0
    urls = []
    for request in finished:
        size = request.sizes()
        total = size["responseBodySize"] + size["responseHeadersSize"]
        if request.service_worker:
            cache_bytes += total
        else:
            page_bytes += total
        urls.append(request.url)
    context.close()
    return page_bytes, cache_bytes, urls


# What no language owns: the shared assets, the Python runtime, the service worker.
SHARED_PATHS = ("assets/", "pyodide/", "sw.js", "sw-retire.js")


def url_language(url: str, base: str) -> str | None:
    """The language a URL of the site belongs to (its pages' folder, or the root's pages for the
    default language; its wizard steps, texts or search files among the assets), None for a shared file.
    Told by address alone, not by the service worker's groups, so it checks them."""
    path = url.split("?")[0].split("#")[0].removeprefix(base)
    for language in languages():
        if not language.default and path.startswith(language.prefix):
            return language.code
        if any(f"/{kind}-{language.code}." in path for kind in ("steps", "texts")) or f"/lunr.{language.code}." in path:
            return language.code
    if path.startswith(SHARED_PATHS):
        return None
    return default_language().code


def other_language_urls(urls: list[str], base: str, code: str) -> list[str]:
    """The URLs among `urls` that belong to another language than `code`."""
    return [url for url in urls if url_language(url, base) not in (None, code)]


def language_bytes(browser, base: str, manifest: dict, site: Path) -> dict:
    """Per language, a cold first visit to its guide page and its wizard page: bytes the pages received,
    bytes the service worker cached, and how many of the pages' and the worker's requests were another
    language's; and the rules a wizard visit fetches (the shared bundle and the language's texts)."""
    shared = (site / WIZARD_ASSETS / "bundle.json").stat().st_size
    figures = {}
    for language in languages():
        guide, guide_cache, guide_urls = transferred_bytes(
            browser, base, base + language.prefix + "visas/", False, manifest
        )
        wizard, wizard_cache, wizard_urls = transferred_bytes(
            browser, base, base + language.prefix + "wizard/", True, manifest
        )
        figures[language.code] = {
            "guide_page_bytes": guide,
            "guide_visit_sw_cache_bytes": guide_cache,
            "wizard_page_bytes": wizard,
            "wizard_visit_sw_cache_bytes": wizard_cache,
            "other_language_requests": len(other_language_urls(guide_urls + wizard_urls, base, language.code)),
            "wizard_rules_bytes": shared + (site / WIZARD_ASSETS / f"texts-{language.code}.json").stat().st_size,
        }
    return figures


def language_timings(runs: list[dict], waits: list[list[float]], bare_ready: float) -> dict:
    """One language's wizard medians: first question, ready (and its ratio to bare Pyodide's), and the
    waits after the first two answers of a cold visit."""
    ready = statistics.median(run["ready_ms"] for run in runs)
    return {
        "first_question_ms": round(statistics.median(run["first_question_ms"] for run in runs), 1),
        "ready_ms": round(ready, 1),
        "ready_ratio": round(ready / bare_ready, 3),
        "wait_after_first_answer_ms": round(statistics.median(wait[0] for wait in waits), 1),
        "wait_after_second_answer_ms": round(statistics.median(wait[1] for wait in waits), 1),
    }


def wizard_timings(browser, url: str) -> dict:
    context = browser.new_context()
    timings = measure_wizard(context.new_page(), url)
    context.close()
    return timings


def measure_wizard(page, url: str) -> dict:
    """Open the wizard in page: when its first question was painted, when Python was ready."""
    page.add_init_script(QUESTION_PAINTED)
    page.goto(url)
    page.wait_for_function(READY, timeout=60000)
    timings = page.evaluate("""async () => ({
        first_question_ms: await window.__questionPainted,
        ready_ms: performance.getEntriesByName('wizard-ready')[0].startTime,
        worker_start_ms: performance.getEntriesByName('wizard-worker-start')[0].startTime,
        controlled: navigator.serviceWorker ? navigator.serviceWorker.controller !== null : false,
        snapshot: document.getElementById('wizard').dataset.snapshot || 'none',
        phases: performance.getEntriesByName('wizard-ready')[0].detail.phases,
    })""")
    return timings


def cold_answer_waits(browser, url: str) -> list[float]:
    """A first visit answered as a person would: the waits after the first and the second answer."""
    from bench.journeys import JOURNEYS

    pairs = [pair.split("=", 1) for pair in JOURNEYS[0].split("&")[:2]]
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(QUESTION_PAINTED)
    page.goto(url)
    waits = page.evaluate(ANSWER_AS_A_PERSON, [pairs, THINKING_MS])
    context.close()
    return waits


def service_worker_visits(browser, base: str, manifest: dict) -> tuple[dict, dict]:
    """A first (cold) visit to the wizard, then a repeat visit once the service worker holds the build."""
    context = browser.new_context()
    page = context.new_page()
    cold = measure_wizard(page, base + "wizard/")
    wait_until_cached(page, base, manifest)
    if page.evaluate("'snapshot' in document.getElementById('wizard').dataset"):
        page.wait_for_function(SNAPSHOT_SETTLED, timeout=60000)
    page.close()
    repeat = measure_wizard(context.new_page(), base + "wizard/")
    context.close()
    return cold, repeat


def first_paint_ms(browser, url: str) -> float:
    """First contentful paint of a page: the reference for what any page of this theme costs here."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="load")
    painted = page.evaluate("""() => new Promise((resolve) => new PerformanceObserver((list) => resolve(list.getEntries()[0].startTime))
        .observe({ type: 'paint', buffered: true }))""")
    context.close()
    return painted


def bare_ready_ms(browser, url: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("() => document.body.dataset.state === 'ready'", timeout=60000)
    ready = page.evaluate("performance.getEntriesByName('pyodide-ready')[0].startTime")
    context.close()
    return ready


def answer_latencies(browser, url: str, fragments: list[str], base: str, manifest: dict) -> list[float]:
    """Answer-to-next-view times once ready, after the service worker's first caching has settled."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(READY, timeout=60000)
    wait_until_cached(page, base, manifest)
    if page.evaluate("'snapshot' in document.getElementById('wizard').dataset"):
        page.wait_for_function(SNAPSHOT_SETTLED, timeout=60000)  # saving it would cost answers CPU
    latencies = page.evaluate(
        """async (fragments) => {
        const root = document.getElementById('wizard');
        const out = [];
        for (const fragment of fragments) {
            const rendered = new Promise((resolve) => root.addEventListener('wizard:rendered', resolve, { once: true }));
            const started = performance.now();
            location.hash = fragment;
            await rendered;
            out.push(performance.now() - started);
        }
        return out;
    }""",
        fragments,
    )
    context.close()
    return latencies


def spread(values) -> str:
    """The range of a measure over the runs, for the table beside its median."""
    values = list(values)
    precision = 3 if max(values) < 10 else 0
    return f"{min(values):.{precision}f}-{max(values):.{precision}f}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def journey_fragments() -> list[str]:
    """A walk of real answers, growing one answer at a time, repeated to reach ANSWER_ROUNDS."""
    from bench.journeys import JOURNEYS

    steps = []
    for journey in JOURNEYS:
        pairs = []
        for pair in journey.split("&"):
            pairs.append(pair)
            steps.append("&".join(pairs))
    while len(steps) < ANSWER_ROUNDS:
        steps.extend(steps)
    return steps[:ANSWER_ROUNDS]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        offline, copy_site = build_offline_copy(Path(folder) / "offline-copy")
        copy_seconds = time.perf_counter() - started
        site = Path(folder) / "site"
        build_seconds = build_site(site, Path(folder) / "offline-copy")
        manifest = read_manifest(site)
        with serve(site) as base, sync_playwright() as playwright:
            browser = DatedBrowser(launch(playwright), build_date())  # as bench/journeys.py dates its answers
            wizard_url, bare_url = base + "wizard/", base + "_bench/bare-pyodide.html"
            file_url = (copy_site / "wizard" / "index.html").as_uri()
            # Interleave the loads so all see the same machine state; take medians.
            wizard_runs, bare_runs, guide_paints, file_runs, sw_cold, sw_repeat = [], [], [], [], [], []
            answer_waits = []
            # The other languages' wizard pages, timed in the same rounds (their steps files differ).
            others = [language for language in languages() if not language.default]
            other_runs = {language.code: ([], []) for language in others}
            for _ in range(COLD_RUNS):
                wizard_runs.append(wizard_timings(browser, wizard_url))
                answer_waits.append(cold_answer_waits(browser, wizard_url))
                for language in others:
                    runs, waits = other_runs[language.code]
                    runs.append(wizard_timings(browser, base + language.prefix + "wizard/"))
                    waits.append(cold_answer_waits(browser, base + language.prefix + "wizard/"))
                bare_runs.append(bare_ready_ms(browser, bare_url))
                guide_paints.append(first_paint_ms(browser, base + "visas/"))
                file_runs.append(wizard_timings(browser, file_url))
                cold, repeat = service_worker_visits(browser, base, manifest)
                sw_cold.append(cold)
                sw_repeat.append(repeat)
            latencies = answer_latencies(browser, wizard_url, journey_fragments(), base, manifest)
            guide_bytes, guide_cache_bytes, guide_urls = transferred_bytes(
                browser, base, base + "visas/", False, manifest
            )
            wizard_bytes, wizard_cache_bytes, _ = transferred_bytes(browser, base, wizard_url, True, manifest)
            per_language = language_bytes(browser, base, manifest, site)
            browser.close()
    first_question = statistics.median(run["first_question_ms"] for run in wizard_runs)
    ready = statistics.median(run["ready_ms"] for run in wizard_runs)
    bare = statistics.median(bare_runs)
    other_runs[default_language().code] = (wizard_runs, answer_waits)
    for code, (runs, waits) in other_runs.items():
        per_language[code].update(language_timings(runs, waits, bare))
    file_ready = statistics.median(run["ready_ms"] for run in file_runs)
    cold_ready = statistics.median(run["ready_ms"] for run in sw_cold)
    repeat_ready = statistics.median(run["ready_ms"] for run in sw_repeat)
    figures = {
        "site_build_s": round(build_seconds, 2),
        "offline_copy_build_s": round(copy_seconds, 2),
        "first_question_visible_ms": round(first_question, 1),
        "guide_page_first_paint_ms": round(statistics.median(guide_paints), 1),
        "wizard_ready_ms": round(ready, 1),
        "bare_pyodide_ready_ms": round(bare, 1),
        "ready_ratio": round(ready / bare, 3),
        "wizard_worker_start_ms": round(statistics.median(run["worker_start_ms"] for run in wizard_runs), 1),
        # The engine's own share once Pyodide has started (its wheel is installed during the start):
        # importing it and building the Wizard from the rules, on the worker's clock.
        "engine_after_pyodide_ms": round(
            statistics.median(run["phases"]["engine"] - run["phases"]["pyodide"] for run in wizard_runs), 1
        ),
        "wait_after_first_answer_ms": round(statistics.median(waits[0] for waits in answer_waits), 1),
        "wait_after_first_answer_range": spread(waits[0] for waits in answer_waits),
        "wait_after_second_answer_ms": round(statistics.median(waits[1] for waits in answer_waits), 1),
        "wait_after_second_answer_range": spread(waits[1] for waits in answer_waits),
        "answer_latency_p50_ms": round(percentile(latencies, 0.5), 2),
        "answer_latency_p95_ms": round(percentile(latencies, 0.95), 2),
        "answers_measured": len(latencies),
        "guide_page_bytes": guide_bytes,
        "guide_visit_sw_cache_bytes": guide_cache_bytes,
        "guide_page_loads_pyodide": any("/pyodide/" in url for url in guide_urls),
        "wizard_page_bytes": wizard_bytes,
        "wizard_visit_sw_cache_bytes": wizard_cache_bytes,
        "offline_copy_zipped_mb": round(offline.zipped_bytes / 1e6, 2),
        "offline_copy_unpacked_mb": round(offline.unpacked_bytes / 1e6, 2),
        "file_first_question_visible_ms": round(statistics.median(run["first_question_ms"] for run in file_runs), 1),
        "file_wizard_ready_ms": round(file_ready, 1),
        "file_to_http_ready_ratio": round(file_ready / ready, 3),
        "sw_cold_ready_ms": round(cold_ready, 1),
        "sw_repeat_ready_ms": round(repeat_ready, 1),
        "repeat_to_cold_ready_ratio": round(repeat_ready / cold_ready, 3),
        "repeat_to_cold_ready_range": spread(
            repeat["ready_ms"] / cold["ready_ms"] for cold, repeat in zip(sw_cold, sw_repeat, strict=True)
        ),
        "repeat_visits_controlled": all(run["controlled"] for run in sw_repeat),
        "repeat_visits_restored": sum(run["snapshot"] == "restored" for run in sw_repeat),
        "cold_runs": COLD_RUNS,
        # A first visit to one language's pages asks for nothing of the others, nor does the service
        # worker it installs (the wizard's bundle, which holds every language's texts, is reported apart).
        "other_language_requests": sum(row["other_language_requests"] for row in per_language.values()),
        # The slowest language's figures, against the same targets as the default language's.
        "worst_language_first_question_ms": max(row["first_question_ms"] for row in per_language.values()),
        "worst_language_ready_ratio": max(row["ready_ratio"] for row in per_language.values()),
        "worst_language_wait_after_first_answer_ms": max(
            row["wait_after_first_answer_ms"] for row in per_language.values()
        ),
        "worst_language_wait_after_second_answer_ms": max(
            row["wait_after_second_answer_ms"] for row in per_language.values()
        ),
    }
    targets = {
        "first_question_visible_ms": ("<=", 300),
        "ready_ratio": ("<=", 1.15),
        "answer_latency_p95_ms": ("<=", 30),
        "guide_page_loads_pyodide": ("==", False),
        "offline_copy_zipped_mb": ("<=", 30),
        "file_to_http_ready_ratio": ("<=", 1.3),
        "wait_after_first_answer_ms": ("<=", 300),
        "wait_after_second_answer_ms": ("<=", 300),
        "repeat_to_cold_ready_ratio": ("<=", 0.3),
        "repeat_visits_controlled": ("==", True),
        "other_language_requests": ("==", 0),
        "worst_language_first_question_ms": ("<=", 300),
        "worst_language_ready_ratio": ("<=", 1.15),
        "worst_language_wait_after_first_answer_ms": ("<=", 300),
        "worst_language_wait_after_second_answer_ms": ("<=", 300),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "wizard.json").write_text(
        json.dumps({"figures": figures, "targets": targets, "per_language": per_language}, indent=2)
    )
    print(f"{'measure':32} {'value':>14}  target")
    for name, value in figures.items():
        target = targets.get(name)
        verdict = ""
        if target:
            op, limit = target
            met = value <= limit if op == "<=" else value == limit
            verdict = f"{op} {limit}  {'met' if met else 'MISSED'}"
        print(f"{name:32} {str(value):>14}  {verdict}")
    print(
        f"\n{'first visit, per language (bytes)':34} {'guide':>9} {'guide SW':>10} {'wizard':>9} {'wizard SW':>10}"
        f" {'other':>5} {'rules (raw)':>12}"
    )
    for code, row in per_language.items():
        print(
            f"{code:34} {row['guide_page_bytes']:>9} {row['guide_visit_sw_cache_bytes']:>10} "
            f"{row['wizard_page_bytes']:>9} {row['wizard_visit_sw_cache_bytes']:>10} {row['other_language_requests']:>5}"
            f" {row['wizard_rules_bytes']:>12}"
        )
    print(f"\n{'wizard, per language (ms)':34} {'question':>9} {'ready':>9} {'ratio':>7} {'wait 1':>8} {'wait 2':>8}")
    for code, row in per_language.items():
        print(
            f"{code:34} {row['first_question_ms']:>9} {row['ready_ms']:>9} {row['ready_ratio']:>7} "
            f"{row['wait_after_first_answer_ms']:>8} {row['wait_after_second_answer_ms']:>8}"
        )
    print(f"\nwritten: {RESULTS / 'wizard.json'}")


if __name__ == "__main__":
    main()
