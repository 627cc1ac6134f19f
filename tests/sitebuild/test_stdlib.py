"""The trimmed standard library: only the listed files, the same bytes on every build, and refused
when it lacks a module the engine imports or the pinned zip lacks a listed file."""

import zipfile
from io import BytesIO

import pytest

from sitebuild.paths import PYODIDE_PACKAGE
from sitebuild.runtime import copy_runtime
from sitebuild.stdlib import (
    STDLIB,
    StdlibIncomplete,
    check_trimmed,
    kept_files,
    shipped_stdlib_imports,
    trimmed_stdlib,
)


@pytest.fixture(scope="module")
def trimmed() -> bytes:
    """The trimmed zip as the build makes it, made once for the tests that only read it (0.3 s each)."""
    return trimmed_stdlib()


def _names(data: bytes) -> set[str]:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {name for name in archive.namelist() if not name.endswith("/")}


def test_the_trimmed_zip_holds_exactly_the_kept_files_and_is_far_smaller_than_pyodide_s(trimmed):
    assert _names(trimmed) == set(kept_files())
    with zipfile.ZipFile(PYODIDE_PACKAGE / STDLIB) as full:
        assert len(_names(trimmed)) < len([name for name in full.namelist() if not name.endswith("/")]) // 3
    with zipfile.ZipFile(BytesIO(trimmed)) as archive:
        assert archive.testzip() is None


def test_the_trimmed_zip_is_the_same_bytes_on_every_build(trimmed):
    assert trimmed_stdlib() == trimmed


def test_the_site_s_runtime_folder_gets_the_trimmed_zip(tmp_path, trimmed):
    folder = copy_runtime(tmp_path)
    assert (folder / STDLIB).read_bytes() == trimmed


def test_the_engine_s_standard_library_imports_are_all_kept(trimmed):
    imports = shipped_stdlib_imports()
    assert {"json", "datetime"} <= imports
    check_trimmed(trimmed)


def test_a_zip_without_a_module_the_engine_imports_is_refused():
    without_json = [name for name in kept_files() if not name.startswith("json/")]
    with pytest.raises(StdlibIncomplete, match="json"):
        check_trimmed(trimmed_stdlib(keep=without_json))


def test_a_listed_file_the_pinned_zip_lacks_fails_loudly():
    with pytest.raises(StdlibIncomplete, match="no_such_module.py"):
        trimmed_stdlib(keep=[*kept_files(), "no_such_module.py"])
