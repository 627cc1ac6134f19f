"""Result-size bench: for the eight results of issue 27 (bench/journeys.py RESULT_JOURNEYS), in
English and Chinese, how many 390x844 phone screens the result page is with its details folded,
how many A4 pages it prints on, and how many sources it cites. Figures are printed, not asserted.

    .venv/bin/python -m bench.result_size [--site DIR]   # DIR: a built site, or where to build one
"""

import argparse
import json
import re
import statistics
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.journeys import RESULT_JOURNEYS
from bench.run import RESULTS, build_offline_copy, build_site
from sitebuild.wizard_page import build_date
from testkit.chromium import DatedBrowser, launch
from testkit.static_server import serve
from testkit.wizard_state import READY, RENDERED

PHONE = {"width": 390, "height": 844}
LANGUAGES = {"en": "", "zh": "zh/"}
# Every fold closed: how far a reader scrolls from the top of the page to the end of the result
# (the wizard's view: headline, result, buttons, the answers given), and the whole page's height
# (with the wizard page's own text below the wizard and the site's footer).
FOLDED_HEIGHT = """() => {
  document.querySelectorAll('#wizard details').forEach((d) => { d.open = false; });
  return {result: document.getElementById('wizard').getBoundingClientRect().bottom + window.scrollY,
          page: document.documentElement.scrollHeight,
          sources: document.querySelectorAll('.wizard-fold-sources .wizard-sources li').length};
}"""
_PDF_PAGE = re.compile(rb"/Type\s*/Page[^s]")


def measure(browser, base: str) -> list[dict]:
    rows = []
    for lang, prefix in LANGUAGES.items():
        # One page per language, its Python started once: each journey is a new fragment, as when a
        # reader follows a shared link (sixteen cold starts timed out on a busy machine).
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(f"{base}{prefix}wizard/")
        page.wait_for_function(READY, timeout=300000)  # Python starts slowly on a busy machine
        for name, (fragment, outcome) in RESULT_JOURNEYS.items():
            page.evaluate("(fragment) => { location.hash = fragment; }", fragment)
            page.wait_for_function(RENDERED)
            shown = page.locator(".wizard-primary").get_attribute("data-outcome")
            folded = page.evaluate(FOLDED_HEIGHT)
            pdf = page.pdf(format="A4", print_background=False)
            rows.append(
                {
                    "journey": name,
                    "lang": lang,
                    "outcome": shown,
                    "expected": outcome,
                    "result_px": round(folded["result"]),
                    "result_screens": round(folded["result"] / PHONE["height"], 2),
                    "page_px": folded["page"],
                    "page_screens": round(folded["page"] / PHONE["height"], 2),
                    "print_pages": len(_PDF_PAGE.findall(pdf)),
                    "sources": folded["sources"],
                }
            )
        context.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, help="a built site to measure, or (missing) where to build and keep one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = args.site or Path(folder) / "site"
        if not site.exists():
            build_offline_copy(Path(folder) / "offline-copy")
            build_site(site, Path(folder) / "offline-copy")
        with serve(site) as base, sync_playwright() as playwright:
            browser = DatedBrowser(launch(playwright), build_date())  # the journeys' dates are the rules'
            rows = measure(browser, base)
            browser.close()
    print("screens of 390x844, every fold closed: from the page's top to the result's end, and the whole page")
    print(f"{'journey':<20}{'lang':<6}{'outcome':<18}{'result':>8}{'page':>7}{'A4 pages':>9}{'sources':>9}")
    for row in rows:
        wrong = "" if row["outcome"] == row["expected"] else f"  (expected {row['expected']})"
        print(
            f"{row['journey']:<20}{row['lang']:<6}{row['outcome']:<18}{row['result_screens']:>8}"
            f"{row['page_screens']:>7}{row['print_pages']:>9}{row['sources']:>9}{wrong}"
        )
    medians = {key: statistics.median(row[key] for row in rows) for key in ("result_screens", "page_screens")}
    print(
        f"\nmedian screens: result {medians['result_screens']:.2f} (target <= 2), "
        f"whole page {medians['page_screens']:.2f}"
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "result-size.json").write_text(json.dumps({"rows": rows, "medians": medians}, indent=2))


if __name__ == "__main__":
    main()
