"""Copies the pinned Pyodide runtime from node_modules into the built site, once, at its root."""
import json
import shutil
from pathlib import Path

from .paths import PYODIDE_PACKAGE, ROOT

# The files a browser needs to start Pyodide; the npm package ships no wheels and none are needed.
RUNTIME_FILES = (
    "pyodide.js",
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
SITE_FOLDER = "pyodide"


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
    """Copy the runtime to site_dir/pyodide/, skipping files already there with the same size."""
    version, pinned = installed_version(), pinned_version()
    if version != pinned:
        raise RuntimeMissing(f"node_modules/pyodide is {version}, package.json pins {pinned}: run 'npm ci'.")
    target = site_dir / SITE_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        source, copy = PYODIDE_PACKAGE / name, target / name
        if not copy.exists() or copy.stat().st_size != source.stat().st_size:
            shutil.copy2(source, copy)
    return target
