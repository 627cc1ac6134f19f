"""Pins the underscore-prefixed Pyodide snapshot API the wizard's repeat visits rely on
(`loadPyodide({_makeSnapshot})`, `makeMemorySnapshot()`, `loadPyodide({_loadSnapshot})`): with the
pinned runtime a snapshot made after the Wizard is built restores it, and it answers as before.
A Pyodide upgrade that changes this API fails here, loudly, before it can break a visitor's page."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild.engine_wheel import LOCK_FILE, write_engine_package
from sitebuild.paths import PYODIDE_PACKAGE, ROOT
from sitebuild.wizard_page import build_date, compile_bundle

pytestmark = pytest.mark.pyodide

RUNNER = Path(__file__).with_name("snapshot_roundtrip.mjs")
TODAY = "2026-11-29"
# The first question, a question further in, and a result, in both languages.
FRAGMENTS = [
    "",
    "purpose=work&status=outside",
    "purpose=work&status=outside&nationality=US&travel_date=2026-12-29&stay_days=365&circumstances=none",
]


@pytest.fixture(scope="module")
def roundtrip(tmp_path_factory):
    if not shutil.which("node"):
        pytest.fail("Node.js is needed to run Pyodide outside the browser")
    folder = tmp_path_factory.mktemp("snapshot")
    bundle, _ = compile_bundle(build_date())
    cases = [{"fragment": fragment, "lang": lang, "today": TODAY} for fragment in FRAGMENTS for lang in ("en", "zh")]
    payload = folder / "input.json"
    write_engine_package(folder, PYODIDE_PACKAGE / LOCK_FILE)
    payload.write_text(json.dumps({"runtime_dir": str(folder), "bundle": bundle, "cases": cases}))
    run = subprocess.run(["node", str(RUNNER), str(payload)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def test_a_restored_snapshot_gives_back_the_wizard_built_before_it_was_taken(roundtrip):
    assert roundtrip["wizardTypeAfterRestore"] == "Wizard"
    assert roundtrip["engineImportedInSnapshot"] is True


def test_the_restored_wizard_answers_every_step_exactly_as_the_one_it_was_taken_from(roundtrip):
    assert [view["kind"] for view in roundtrip["before"]] == ["question"] * 4 + ["result"] * 2
    assert roundtrip["after"] == roundtrip["before"]


def test_pyodide_snapshots_only_with_no_package_listed_so_the_runner_unlists_the_engine_for_the_copy(roundtrip):
    # If an upgrade lifts this limit, python-runner.js's memorySnapshot can call makeMemorySnapshot directly.
    assert "Unexpected hiwire entry" in roundtrip["refusedWithPackageListed"]
    assert roundtrip["loadedAfterSnapshot"] == ["china-visa-wizard-engine"]


def test_a_snapshot_with_a_damaged_header_is_refused_rather_than_restored(roundtrip):
    assert "invalid magic number" in roundtrip["corruptHeaderRejected"]


def test_the_store_keeps_the_memory_without_its_zero_pages_and_puts_it_back_byte_for_byte(roundtrip):
    # The restore above ran from the unpacked copy, as a repeat visit does.
    assert roundtrip["unpackedIdentical"] is True
    assert roundtrip["storedBytes"] < 0.7 * roundtrip["snapshotBytes"]


def test_the_snapshot_is_the_whole_wasm_memory_and_gzips_to_under_a_third(roundtrip):
    # The sizes the README states; a runtime whose snapshot grows far past them changes the trade-off.
    assert 16e6 < roundtrip["snapshotBytes"] < 64e6
    assert roundtrip["snapshotGzipBytes"] < roundtrip["snapshotBytes"] / 3
