"""The engine's wheel: the same bytes from the same sources, a valid pure-Python wheel holding the
engine and the web layer only, importable as it is, and listed in the site's lock file with its
SHA-256 by pyodide-build."""

import base64
import hashlib
import json
import subprocess
import sys
import zipfile

import pytest

from sitebuild.engine_wheel import (
    DIST_NAME,
    LOCK_FILE,
    LockUpdateFailed,
    engine_entry,
    project_version,
    shipped_sources,
    version_for,
    write_engine_package,
    write_wheel,
)
from sitebuild.paths import PYODIDE_PACKAGE


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    folder = tmp_path_factory.mktemp("runtime")
    entry = write_engine_package(folder, PYODIDE_PACKAGE / LOCK_FILE)
    return folder, entry


def test_the_same_sources_give_the_same_wheel_byte_for_byte(tmp_path):
    first, second = write_wheel(tmp_path / "a"), write_wheel(tmp_path / "b")
    assert first.name == second.name
    assert first.read_bytes() == second.read_bytes()


def test_a_changed_source_gives_the_wheel_another_version_and_file_name():
    sources = shipped_sources()
    path, data = sources[-1]
    changed = [*sources[:-1], (path, data + b"\n# changed\n")]
    assert version_for(changed) != version_for(sources)
    assert version_for(sources).startswith(project_version() + "+")


def test_the_wheel_holds_the_engine_and_the_web_layer_and_a_record_that_matches_them(package):
    folder, entry = package
    with zipfile.ZipFile(folder / entry["file_name"]) as wheel:
        names = wheel.namelist()
        info = next(name.split("/")[0] for name in names if name.endswith(".dist-info/RECORD"))
        record = wheel.read(f"{info}/RECORD").decode().splitlines()
        for line in record:
            path, digest, size = line.rsplit(",", 2)
            if path == f"{info}/RECORD":
                assert digest == size == ""
                continue
            data = wheel.read(path)
            assert digest == "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert int(size) == len(data)
        metadata = wheel.read(f"{info}/METADATA").decode()
    assert len(record) == len(names)
    assert "wizard/__init__.py" in names and "wizard/engine/engine.py" in names and "wizard/web/browser.py" in names
    assert not [name for name in names if name.startswith(("wizard/tooling", "wizard/front", "sitebuild"))]
    assert f"Name: {DIST_NAME}\n" in metadata and f"Version: {entry['version']}\n" in metadata


def test_the_lock_lists_the_wheel_with_its_sha256_and_keeps_every_other_package(package):
    folder, entry = package
    wheel = folder / entry["file_name"]
    assert entry["name"] == DIST_NAME and entry["imports"] == ["wizard"] and entry["depends"] == []
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert "/" not in entry["file_name"]  # beside the lock: Pyodide resolves it against the lock's folder
    site_lock = json.loads((folder / LOCK_FILE).read_text("utf-8"))
    npm_lock = json.loads((PYODIDE_PACKAGE / LOCK_FILE).read_text("utf-8"))
    assert site_lock["info"] == npm_lock["info"]
    assert {name: spec for name, spec in site_lock["packages"].items() if name != DIST_NAME} == npm_lock["packages"]


def test_the_wheel_is_importable_as_it_is_with_the_standard_library_only(package):
    folder, entry = package
    # -I -S: no site-packages, no working folder; the wheel alone on the path, as a zip.
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]); from wizard.web.browser import Wizard; print(Wizard.__module__)"
    )
    run = subprocess.run(
        [sys.executable, "-I", "-S", "-c", probe, str(folder / entry["file_name"])],
        capture_output=True,
        text=True,
        cwd=folder,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "wizard.web.browser"


def test_a_lock_with_no_engine_or_two_is_a_clear_error():
    with pytest.raises(LockUpdateFailed, match="expected one package providing 'wizard', found 0"):
        engine_entry({"packages": {"micropip": {"imports": ["micropip"]}}})
    with pytest.raises(LockUpdateFailed, match="found 2"):
        engine_entry({"packages": {"a": {"imports": ["wizard"]}, "b": {"imports": ["wizard"]}}})


def test_a_lock_pyodide_build_cannot_read_fails_with_its_output(tmp_path):
    broken = tmp_path / "broken-lock.json"
    broken.write_text("{}", "utf-8")
    with pytest.raises(LockUpdateFailed, match="pyodide lockfile add-wheels failed"):
        write_engine_package(tmp_path / "runtime", broken)
