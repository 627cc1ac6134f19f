"""The trimmed standard library (sitebuild/stdlib.py) under the real Pyodide in Node: every scenario
runs through the engine and the browser's Wizard on it, and its list is what the wizard imports today."""

import pytest

from sitebuild.stdlib import ALWAYS_KEPT, STDLIB, StdlibIncomplete, kept_files, record, trimmed_stdlib, write_stdlib

# Real Pyodide in Node, like the rest of tests/pyodide: the pyodide tier (make test), not make check.
pytestmark = pytest.mark.pyodide


@pytest.fixture(scope="module")
def trimmed(tmp_path_factory):
    return write_stdlib(tmp_path_factory.mktemp("stdlib"))


def test_every_scenario_runs_under_the_trimmed_standard_library_importing_only_kept_files(trimmed):
    used = record(trimmed)
    assert "json/__init__.py" in used
    assert set(used) <= set(kept_files())


def test_the_kept_list_is_what_the_wizard_imports_under_pyodide_s_whole_standard_library():
    # A changed engine that imports more (or less) must re-record: `python -m sitebuild.stdlib`.
    assert set(record()) | set(ALWAYS_KEPT) == set(kept_files())


def test_python_really_starts_from_the_given_zip_so_one_lacking_a_kept_module_fails(tmp_path):
    lacking = tmp_path / STDLIB
    lacking.write_bytes(trimmed_stdlib(keep=[name for name in kept_files() if not name.startswith("json/")]))
    with pytest.raises(StdlibIncomplete, match="stdlib_record.mjs failed"):
        record(lacking)
