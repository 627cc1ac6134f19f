"""The first steps the build ships are what the browser's Python, in the real Pyodide runtime (under
Node), renders with the engine package the site's lock file lists and the shipped bundle.json for
each fragment on the build's date, and the steps after a country question, filled for every country,
on the last day the page shows them."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild.paths import ROOT
from sitebuild.prerender import fill

pytestmark = pytest.mark.pyodide

RUNNER = Path(__file__).with_name("run_web_steps.mjs")
PREFIX = re.compile(r"^\(globalThis\.wizardSteps = globalThis\.wizardSteps \|\| \{\}\)\[\"\w+\"\] = ")


def test_every_shipped_step_is_what_pyodide_renders_for_its_fragment(site_dir, tmp_path):
    if not shutil.which("node"):
        pytest.fail("Node.js is needed to run Pyodide outside the browser")
    assets = site_dir / "assets" / "wizard"
    shipped, cases = [], []
    for lang in ("en", "zh"):
        text = (assets / f"steps-{lang}.js").read_text(encoding="utf-8")
        data = json.loads(PREFIX.sub("", text, count=1).rstrip().rstrip(";"))
        for fragment, reply in data["steps"].items():
            shipped.append(reply)
            cases.append({"fragment": "#" + fragment, "lang": lang, "today": data["built"]})
        # The step after a country question, filled for each country as the page fills it.
        for base, entry in data["after"].items():
            for code, index in entry["countries"].items():
                shipped.append(fill(entry["views"][index], entry["question"], code, data["names"][code]))
                fragment = f"#{base}&{entry['question']}={code}"
                cases.append({"fragment": fragment, "lang": lang, "today": data["after_until"]})
    payload = tmp_path / "input.json"
    payload.write_text(
        json.dumps(
            {
                "runtime_dir": str(site_dir / "pyodide"),
                "bundle_text": (assets / "bundle.json").read_text(encoding="utf-8"),
                "texts": [(assets / f"texts-{lang}.json").read_text(encoding="utf-8") for lang in ("en", "zh")],
                "cases": cases,
            }
        )
    )
    run = subprocess.run(["node", str(RUNNER), str(payload)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    rendered = json.loads(run.stdout)
    assert len(cases) > 2000
    differing = [case["fragment"] for case, a, b in zip(cases, shipped, rendered, strict=True) if a != b]
    assert not differing, differing[:10]
