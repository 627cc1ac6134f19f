"""The scenario suite run inside the real Pyodide runtime (the pinned npm package, under Node, with the
site's trimmed standard library) gives exactly the views CPython gives: the browser's engine answers
as the tested one does."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild.engine_wheel import LOCK_FILE, write_engine_package
from sitebuild.paths import PYODIDE_PACKAGE, ROOT
from sitebuild.stdlib import write_stdlib
from wizard.engine import Engine
from wizard.tooling.scenarios import load_cases
from wizard.tooling.schemas import Schemas

pytestmark = pytest.mark.pyodide

RULES = ROOT / "rules"
RUNNER = Path(__file__).with_name("run_engine.mjs")


def _all_cases():
    schemas = Schemas(RULES / "schema")
    return [case for path in sorted((RULES / "scenarios").glob("*.yaml")) for case in load_cases(path, schemas)]


@pytest.fixture(scope="module")
def both_runtimes(tmp_path_factory, compiled_rules):
    if not shutil.which("node"):
        pytest.fail("Node.js is needed to run Pyodide outside the browser")
    folder = tmp_path_factory.mktemp("pyodide")
    bundle = compiled_rules.bundle
    cases = [
        {"name": c.name, "answers": c.answers, "lang": lang, "today": c.today}
        for c in _all_cases()
        for lang in ("en", "zh")
    ]
    payload = folder / "input.json"
    write_engine_package(folder, PYODIDE_PACKAGE / LOCK_FILE)
    write_stdlib(folder)  # engine_package.mjs starts Python with it
    payload.write_text(json.dumps({"runtime_dir": str(folder), "bundle": bundle, "cases": cases}))
    run = subprocess.run(["node", str(RUNNER), str(payload)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    pyodide = json.loads(run.stdout)
    engine = Engine(bundle)
    cpython = [
        json.loads(json.dumps(engine.step(c["answers"], c["lang"], c["today"]), ensure_ascii=False)) for c in cases
    ]
    return cases, cpython, pyodide


def test_the_runtime_under_node_is_pyodide_s_python_3_14(both_runtimes):
    _, _, pyodide = both_runtimes
    assert pyodide["python"].startswith("3.14")


def test_every_scenario_gives_the_same_view_in_pyodide_as_in_cpython(both_runtimes):
    cases, cpython, pyodide = both_runtimes
    assert len(cases) >= 160
    differing = [
        f"{c['name']} [{c['lang']}]" for c, a, b in zip(cases, cpython, pyodide["views"], strict=True) if a != b
    ]
    assert not differing, differing[:10]
    assert sum(view["kind"] == "result" for view in cpython) > len(cpython) // 2
