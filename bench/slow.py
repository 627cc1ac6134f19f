"""The wizard on slow connections (`make bench-slow`): a first visit answered as a person would, with
every request throttled at the server (testkit/static_server.py Link), for slow 4G and a slower
link. Prints, per profile, the bytes before Python was ready, the wait after each answer, the time to
the result and whether the wizard ever failed; writes bench-results/wizard-slow.json.
"""

import argparse
import json
import statistics
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.journeys import JOURNEYS
from bench.run import RESULTS, build_offline_copy, build_site
from testkit.chromium import launch
from testkit.static_server import Link, serve

# name -> (bits per second down, round trip in ms). Slow 4G is Lighthouse's mobile throttling.
PROFILES = {
    "slow_4g": (1_600_000, 150),
    "400kbit": (400_000, 400),
}
# A person reads each question for this long before answering it.
READING_MS = 3000
SAMPLE_SECONDS = 0.05
# Answers whatever question the wizard shows from `answers`, READING_MS after it appears; returns per
# answer the milliseconds from the click to the next view painted, the time of the result (ms since
# navigation) and its outcome, or where it failed.
ANSWER_AS_A_READER = """async ([answers, readingMs]) => {
    const root = document.getElementById('wizard');
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const failed = new Promise((resolve) => {
        const check = () => root.dataset.state === 'failed' && resolve('failed');
        new MutationObserver(check).observe(root, { attributes: true, attributeFilter: ['data-state'] });
        check();
    });
    const waits = [];
    for (;;) {
        await sleep(readingMs);
        const form = root.querySelector('form[data-question]');
        if (!form) break;
        const question = form.dataset.question;
        const value = answers[question];
        if (value === undefined) throw new Error(`the wizard asked ${question}`);
        const choice = form.querySelector(`input[type=radio][value="${value}"]`);
        const boxes = form.querySelectorAll('input[type=checkbox]:not([data-unknown])'); // not a number's "not sure" box
        if (choice) choice.checked = true;
        else if (boxes.length) boxes.forEach((box) => { box.checked = value.split(',').includes(box.value); });
        else form.querySelector('select, #wizard-input').value = value;
        const rendered = new Promise((resolve) => root.addEventListener('wizard:rendered', resolve, { once: true }));
        const answered = performance.now();
        form.querySelector('button[type=submit]').click();
        if ((await Promise.race([rendered, failed])) === 'failed') return { waits, failed: true };
        await painted();
        waits.push([question, performance.now() - answered]);
    }
    const outcome = root.querySelector('.wizard-result [data-outcome]');
    return { waits, failed: false, result_ms: performance.now(), outcome: outcome && outcome.dataset.outcome };
}"""


def sample(link: Link, samples: list, stop: threading.Event) -> None:
    """(wall-clock seconds, bytes sent) every SAMPLE_SECONDS, to read the bytes sent by any moment."""
    while not stop.is_set():
        samples.append((time.time(), link.sent))
        time.sleep(SAMPLE_SECONDS)


def sent_by(samples: list, moment: float) -> int:
    return max((sent for when, sent in samples if when <= moment), default=0)


def visit(browser, site: Path, bits_per_second: int, rtt_ms: int) -> dict:
    """A first visit (fresh context) through its own link, answering the first journey."""
    link = Link(bits_per_second, rtt_ms)
    samples: list = []
    stop = threading.Event()
    answers = dict(pair.split("=", 1) for pair in JOURNEYS[0].split("&"))
    with serve(site, link=link) as base:
        sampler = threading.Thread(target=sample, args=(link, samples, stop), daemon=True)
        sampler.start()
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "wizard/", wait_until="domcontentloaded")
        reply = page.evaluate(ANSWER_AS_A_READER, [answers, READING_MS])
        ready = page.evaluate("""() => {
            const mark = performance.getEntriesByName('wizard-ready')[0];
            return mark ? { at: (performance.timeOrigin + mark.startTime) / 1000, ms: mark.startTime } : null;
        }""")
        origin = page.evaluate("performance.timeOrigin") / 1000
        # The worker's phases (python-runner.js: Pyodide loaded, engine imported, Wizard built), in ms
        # of the worker's clock, which starts about when the page created it (wizard-worker-start).
        phases = page.evaluate("""() => {
            const ready = performance.getEntriesByName('wizard-ready')[0];
            const start = performance.getEntriesByName('wizard-worker-start')[0];
            if (!ready || !start) return {};
            return Object.fromEntries(Object.entries(ready.detail.phases).map(([k, v]) => [k, start.startTime + v]));
        }""")
        # When the worker said the runtime had arrived and Python was starting (ms since navigation).
        starting = page.evaluate("(performance.getEntriesByName('wizard-starting')[0] || {}).startTime ?? null")
        context.close()
        stop.set()
    return {
        "failed": reply["failed"],
        "ready_s": round(ready["ms"] / 1000, 1) if ready else None,
        "bytes_before_ready": sent_by(samples, ready["at"]) if ready else None,
        "waits_s": [(question, round(ms / 1000, 2)) for question, ms in reply["waits"]],
        "result_s": round(reply["result_ms"] / 1000, 1) if not reply["failed"] else None,
        "outcome": reply.get("outcome"),
        "bytes_total": link.sent,
        "starting_s": round(starting / 1000, 1) if starting is not None else None,
        "phases_s": {name: round(ms / 1000, 1) for name, ms in phases.items()},
        # Every response in the order asked: path, seconds since navigation when asked, first byte,
        # last byte, and its bytes on the wire.
        "timeline": [
            [path, *(round(moment - origin, 2) if moment else None for moment in (asked, first, last)), sent]
            for path, asked, first, last, sent in link.requests
        ],
        # Each file's bytes on the wire (compressed where the server sent a .br or .gz copy), for those
        # whose last byte went before Python was ready.
        "files_before_ready": {
            name: sent for name, (sent, last) in sorted(link.files.items()) if ready and last <= ready["at"]
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=1, help="first visits per profile (default 1)")
    parser.add_argument("--profile", choices=sorted(PROFILES), action="append", help="only these (default all)")
    parser.add_argument("--site", type=Path, help="a site built already (mkdocs build) to visit, not a new build")
    options = parser.parse_args()
    profiles = options.profile or list(PROFILES)
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        site = options.site
        if site is None:
            build_offline_copy(Path(folder) / "offline-copy")
            site = Path(folder) / "site"
            build_site(site, Path(folder) / "offline-copy")
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for name in profiles:
                results[name] = [visit(browser, site, *PROFILES[name]) for _ in range(options.runs)]
            browser.close()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "wizard-slow.json").write_text(json.dumps({"reading_ms": READING_MS, "profiles": results}, indent=2))
    for name, runs in results.items():
        bits, rtt = PROFILES[name]
        print(f"\n{name}: {bits / 1e6:g} Mbit/s, {rtt} ms round trip, {len(runs)} run(s)")
        print(f"  failed in any run       {any(run['failed'] for run in runs)}")
        for key in ("starting_s", "ready_s", "result_s", "bytes_before_ready", "bytes_total"):
            values = [run[key] for run in runs if run[key] is not None]
            print(f"  {key:23} {statistics.median(values) if values else '-'}")
        for run in runs:
            print("  waits after each answer " + ", ".join(f"{q} {s:.2f} s" for q, s in run["waits_s"]))
        print("  bytes on the wire before ready, per file (first run, the largest 12):")
        largest = sorted(runs[0]["files_before_ready"].items(), key=lambda item: -item[1])[:12]
        for file, sent in largest:
            print(f"    {sent:>10,}  {file}")
        print("  worker phases, first run (s since navigation): " + str(runs[0]["phases_s"]))
        print("  every response of the first run: asked, first and last byte (s), bytes on the wire:")
        for path, asked, first, last, sent in runs[0]["timeline"]:
            print(f"    {asked:7.2f} {first or 0:7.2f} {last or 0:7.2f} {sent:>10,}  {path}")
    print(f"\nA reader answers each question {READING_MS} ms after it appears.")
    print(f"written: {RESULTS / 'wizard-slow.json'}")


if __name__ == "__main__":
    main()
