"""The engine's error paths under the site's trimmed standard library, in the real Pyodide under Node:
broken shared links, invalid answers and rule bundles that cannot build a Wizard give exactly what
CPython gives, so a standard-library module the trim left out fails here, not on a visitor's phone
(each step catches every exception, so a missing module would otherwise show as "internal error")."""

import copy
import json
import shutil
import subprocess
import traceback
from pathlib import Path

import pytest

from sitebuild.engine_wheel import LOCK_FILE, write_engine_package
from sitebuild.paths import PYODIDE_PACKAGE, ROOT
from sitebuild.stdlib import ERROR_PATHS, STDLIB, kept_files, trimmed_stdlib, write_stdlib
from wizard.web.browser import Wizard

pytestmark = pytest.mark.pyodide

RUNNER = Path(__file__).with_name("run_error_paths.mjs")


def _broken_bundles(bundle: dict) -> list[str]:
    """Bundles the build would refuse, each failing a different way when the Wizard is built."""
    unknown_operator = copy.deepcopy(bundle)
    unknown_operator["conditions"][next(iter(unknown_operator["conditions"]))] = {"nonsense": []}
    unknown_type = copy.deepcopy(bundle)
    unknown_type["questions"][0]["type"] = "nonsense"
    return [json.dumps(unknown_operator), json.dumps(unknown_type), "{not json"]


def _cpython_line(text: str) -> str:
    try:
        Wizard(text)
    except Exception as error:  # noqa: BLE001 - whatever it is, the page shows its one line
        return traceback.format_exception_only(error)[-1].strip()
    return "built"


def run_under_pyodide(folder: Path, bundle_text: str, cases: list[dict], broken: list[str]) -> dict:
    if not shutil.which("node"):
        pytest.fail("Node.js is needed to run Pyodide outside the browser")
    payload = folder / "input.json"
    payload.write_text(
        json.dumps({"runtime_dir": str(folder), "bundle_text": bundle_text, "cases": cases, "broken": broken})
    )
    run = subprocess.run(["node", str(RUNNER), str(payload)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def runtime(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pyodide")
    write_engine_package(folder, PYODIDE_PACKAGE / LOCK_FILE)
    write_stdlib(folder)  # engine_package.mjs starts Python with it
    return folder


@pytest.fixture(scope="module")
def answered(runtime, compiled_rules):
    bundle_text = json.dumps(compiled_rules.bundle, ensure_ascii=False)
    cases = [{"fragment": fragment, "lang": lang, "today": today} for fragment, lang, today in ERROR_PATHS]
    broken = _broken_bundles(compiled_rules.bundle)
    return bundle_text, cases, broken, run_under_pyodide(runtime, bundle_text, cases, broken)


def test_every_error_path_gives_the_same_reply_under_the_trimmed_stdlib_as_in_cpython(answered):
    bundle_text, cases, _, pyodide = answered
    wizard = Wizard(bundle_text)
    for case, reply in zip(cases, pyodide["replies"], strict=True):
        expected = json.loads(wizard.step(case["fragment"], case["lang"], case["today"]))
        assert reply == expected, f"{case['fragment'][:80]!r} ({case['lang']}, {case['today']})"


def test_the_error_paths_include_replies_that_are_errors_and_questions_asked_again(answered):
    _, _, _, pyodide = answered
    kinds = {reply["kind"] for reply in pyodide["replies"]}
    assert kinds == {"error", "question"}


def test_a_bundle_that_cannot_build_the_wizard_is_reported_in_the_words_cpython_uses(answered):
    _, _, broken, pyodide = answered
    assert pyodide["broken"] == [_cpython_line(text) for text in broken]
    assert all(line and line != "built" for line in pyodide["broken"])


def test_a_standard_library_lacking_a_module_the_wizard_imports_fails_the_error_path_run(
    runtime, tmp_path, compiled_rules
):
    # The trim minus the module that reads the rule bundle: the run the checks above read must fail.
    folder = tmp_path / "lacking"
    shutil.copytree(runtime, folder)
    (folder / STDLIB).write_bytes(trimmed_stdlib(keep=[name for name in kept_files() if not name.startswith("json/")]))
    bundle_text = json.dumps(compiled_rules.bundle, ensure_ascii=False)
    payload = folder / "input.json"
    payload.write_text(json.dumps({"runtime_dir": str(folder), "bundle_text": bundle_text, "cases": [], "broken": []}))
    run = subprocess.run(["node", str(RUNNER), str(payload)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode != 0 and "json" in run.stderr
