"""Paired probe of a wizard's fast-network start: first question and wizard ready, cold, for two or
more built sites (e.g. an old commit's and this one's), each visit alternating between them so that
all see the same machine load. Prints medians and every run, with the worker's phases, the page's
marks and when the big files arrived.

    python -m bench.probe SITE_DIR [SITE_DIR ...] [--runs 7]

Build a site with `mkdocs build --site-dir DIR` in the checkout to compare (bench.run.build_site).
"""

import argparse
import json
import os
import statistics
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.run import measure_wizard
from sitebuild.wizard_page import build_date
from testkit.chromium import DatedBrowser, launch
from testkit.static_server import serve

# The page's marks and, for the files that dominate the start, when their response ended (worker
# fetches are in the worker's own timeline, so only the page's are here; the worker's phases say the rest).
DETAILS = """() => ({
    marks: Object.fromEntries(performance.getEntriesByType('mark').map((mark) => [mark.name, Math.round(mark.startTime)])),
    resources: performance.getEntriesByType('resource')
        .filter((entry) => /wizard\\.js|worker\\.js|steps-|wizard\\.css|bundle/.test(entry.name))
        .map((entry) => [entry.name.split('/').pop(), Math.round(entry.startTime), Math.round(entry.responseEnd), entry.transferSize]),
    dcl: Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd),
})"""


WORKER_DETAILS = """() => performance.getEntriesByType('resource')
    .filter((entry) => /pyodide|stdlib|\\.whl|bundle\\.json|lock/.test(entry.name))
    .map((entry) => [entry.name.split('/').pop().split('?')[0], Math.round(entry.startTime), Math.round(entry.responseStart),
                     Math.round(entry.responseEnd), entry.encodedBodySize, entry.decodedBodySize])"""


def thread_cpu(trace: bytes) -> dict[str, float]:
    """CPU milliseconds per kind of thread over a trace: the top-level tasks' thread durations (tdur),
    which a loaded machine stretches far less than wall time."""
    events = json.loads(trace)["traceEvents"]
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e.get("name") == "thread_name"}
    cpu: dict[str, float] = {}
    for event in events:
        if (
            event.get("ph") == "X"
            and event.get("name") in ("ThreadControllerImpl::RunTask", "RunTask", "ThreadPool_RunTask")
            and "tdur" in event
        ):
            name = names.get((event["pid"], event["tid"]), "?")
            name = "Worker" if name.startswith("DedicatedWorker") else name.rstrip("0123456789/")
            cpu[name] = cpu.get(name, 0.0) + event["tdur"] / 1000
    return cpu


def visit(browser, url: str, trace: bool = False) -> dict:
    context = browser.new_context()
    page = context.new_page()
    if trace:
        browser.start_tracing(page=page, categories=["toplevel", "disabled-by-default-devtools.timeline", "v8"])
    timings = measure_wizard(page, url)
    if trace:
        timings["cpu"] = thread_cpu(browser.stop_tracing())
    timings.update(page.evaluate(DETAILS))
    if page.workers:  # the worker's downloads, on the page's clock
        timings["worker"] = page.workers[0].evaluate(WORKER_DETAILS)
    context.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--trace", action="store_true", help="also trace each visit: CPU ms per kind of thread")
    parser.add_argument("--verbose", action="store_true", help="print every run's marks and resources")
    args = parser.parse_args()
    runs: dict[Path, list[dict]] = {site: [] for site in args.sites}
    with ExitStack() as stack, sync_playwright() as playwright:
        bases = {site: stack.enter_context(serve(site)) for site in args.sites}
        browser = DatedBrowser(launch(playwright), build_date())
        for base in bases.values():  # a warm-up visit each, not counted (the disk cache, the JIT)
            visit(browser, base + "wizard/")
        loads = []
        for _ in range(args.runs):
            loads.append(os.getloadavg()[0])
            for site, base in bases.items():
                result = visit(browser, base + "wizard/", args.trace)
                runs[site].append(result)
                if args.verbose:
                    print(site.name, result)
        browser.close()
    print(f"load average during the runs: {min(loads):.1f}-{max(loads):.1f}")
    print(f"{'site':28} {'first q':>8} {'ready':>8} {'worker':>7} {'imported':>9} {'pyodide':>8} {'engine':>7}")
    for site, results in runs.items():

        def median(key, results=results):
            return round(statistics.median(key(run) for run in results))

        print(
            f"{site.name:28} {median(lambda r: r['first_question_ms']):>8} {median(lambda r: r['ready_ms']):>8}"
            f" {median(lambda r: r['worker_start_ms']):>7} {median(lambda r: r['phases'].get('imported', 0)):>9}"
            f" {median(lambda r: r['phases']['pyodide']):>8} {median(lambda r: r['phases']['engine']):>7}"
        )
        print("   first q:", [round(run["first_question_ms"]) for run in results])
        print("   ready:  ", [round(run["ready_ms"]) for run in results])
        for file in ("pyodide.asm.wasm", "python_stdlib.zip", ".whl"):
            ends = [entry[3] for run in results for entry in run.get("worker", []) if entry[0].endswith(file)]
            starts = [entry[1] for run in results for entry in run.get("worker", []) if entry[0].endswith(file)]
            if ends:
                print(
                    f"   {file} asked/arrived (worker clock, median): {statistics.median(starts):.0f} / {statistics.median(ends):.0f}"
                )
        if args.trace:
            threads = sorted(
                {name for run in results for name in run["cpu"]}, key=lambda name: -results[0]["cpu"].get(name, 0)
            )
            cpu = {name: round(statistics.median(run["cpu"].get(name, 0) for run in results)) for name in threads[:7]}
            print("   CPU ms (median):", cpu)


if __name__ == "__main__":
    main()
