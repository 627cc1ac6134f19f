"""Puts the pinned Pyodide runtime from node_modules into the built site, once, at its root, with the
standard library trimmed to what the wizard imports (sitebuild/stdlib.py), the engine's wheel beside
it and the lock file that lists the wheel (sitebuild/engine_wheel.py)."""

import hashlib
import json
import shutil
from pathlib import Path

from .engine_wheel import LOCK_FILE, write_engine_package
from .paths import PYODIDE_PACKAGE, ROOT
from .stdlib import STDLIB, write_stdlib

# The files a browser needs to start Pyodide, copied as they are (the standard library is trimmed);
# the npm package ships no wheels.
COPIED_FILES = (
    "pyodide.js",
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
)
# The files the manifest lists: the runtime as the site serves it.
LISTED_FILES = (*COPIED_FILES, STDLIB)
# The copied files and the site's own lock (the npm package's, plus the engine's wheel).
RUNTIME_FILES = (*LISTED_FILES, LOCK_FILE)
SITE_FOLDER = "pyodide"
# Each copied file's size and SHA-256, beside them: the wizard's worker checks what the host serves
# against it, so that a damaged file is named at once rather than failing Pyodide in the dark.
MANIFEST = "runtime-files.json"


class RuntimeMissing(RuntimeError):
    """The npm runtime is not installed or is not the pinned version."""


def pinned_version() -> str:
    return json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]


def installed_version() -> str:
    manifest = PYODIDE_PACKAGE / "package.json"
    if not manifest.exists():
        raise RuntimeMissing("node_modules/pyodide is missing: run 'npm ci' (make does this).")
    return json.loads(manifest.read_text())["version"]


def copy_runtime(site_dir: Path) -> Path:
    """Copy the runtime to site_dir/pyodide/, skipping files already there with the same size, and
    write the engine's wheel and the site's lock file there."""
    version, pinned = installed_version(), pinned_version()
    if version != pinned:
        raise RuntimeMissing(f"node_modules/pyodide is {version}, package.json pins {pinned}: run 'npm ci'.")
    target = site_dir / SITE_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED_FILES:
        source, copy = PYODIDE_PACKAGE / name, target / name
        if not copy.exists() or copy.stat().st_size != source.stat().st_size:
            shutil.copy2(source, copy)
    write_stdlib(target)
    write_engine_package(target, PYODIDE_PACKAGE / LOCK_FILE)
    write_manifest(target)
    return target


def write_manifest(folder: Path) -> dict:
    """Write folder/runtime-files.json: {"files": {name: {"size", "sha256"}}} for the runtime's files."""
    files = {}
    for name in LISTED_FILES:
        data = (folder / name).read_bytes()
        files[name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    manifest = {"files": files}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest
