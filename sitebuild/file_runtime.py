"""Makes Pyodide and the wizard's data loadable from file://, where Chromium blocks ES modules, fetch
and workers: the runtime becomes a classic script and each binary a base64 payload in a classic
script. Depends on Pyodide internals, so every pattern is checked and a changed runtime fails loudly."""

import base64
import hashlib
import json
import re
from pathlib import Path

from .download_size import BUNDLE, texts_file
from .engine_wheel import LOCK_FILE, engine_entry
from .paths import PYODIDE_PACKAGE, WIZARD_ASSETS
from .runtime import SITE_FOLDER

# The one export and the `import.meta.url` uses in pyodide.asm.mjs (314.0.7); a classic script
# allows neither. The URL is only used to locate files, which loadPyodide passes in anyway.
EXPORT = "export default _createPyodideModule;"
IMPORT_META_URL = "import.meta.url"
IMPORT_META_USES = 3
MODULE_EXPORT = re.compile(r"\bexport\s+(?:default|\{|\*|const|let|var|function|async|class)\b")
STATIC_IMPORT = re.compile(r"(?:^|[;}])\s*import\s*[\w{*][^;()]*?\bfrom\s*[\"']")
SCRIPT_URL = "_pyodideScriptURL"
SCRIPT_URL_DEFINITION = f"var {SCRIPT_URL}=(globalThis.document&&document.currentScript&&document.currentScript.src)||globalThis.location.href;"
# Files that pyodide.mjs fetches by name, with the type they are served as: the wizard's file loader
# answers those fetches from payload scripts.
FETCHED_BINARIES = {"pyodide.asm.wasm": "application/wasm", "python_stdlib.zip": "application/zip"}
PAYLOAD_GLOBAL = "__wizardPayloads"
# The one file the loader (wizard/front/page-python.js) knows by name: it lists every other script to
# load, each payload's script, size and SHA-256 (so a damaged file is named at once instead of
# feeding Pyodide broken bytes and waiting for the ready timeout) and which payload is which.
MANIFEST_GLOBAL = "__wizardPayloadManifest"
MANIFEST_PATH = f"{WIZARD_ASSETS}/payloads.js"
# The runtime's own scripts, loaded before the payloads.
RUNTIME_SCRIPTS = (f"{SITE_FOLDER}/pyodide.js", f"{SITE_FOLDER}/pyodide.asm.js")
# The engine's wheel, under a fixed name (its file name changes with its sources). Its size and
# SHA-256 are left out of the manifest on purpose: its SHA-256 is in the lock file (itself checked
# by the manifest), and the page hands it to pyodide.loadPackage only if it matches the integrity
# loadPackage asks for from the lock.
ENGINE_PAYLOAD = "engine.whl"


class RuntimeShapeChanged(RuntimeError):
    """The pinned Pyodide no longer has the shape this conversion relies on."""


def classic_runtime_script(module_source: str) -> str:
    """pyodide.asm.mjs as a classic script that defines the global _createPyodideModule."""
    exports, uses = module_source.count(EXPORT), module_source.count(IMPORT_META_URL)
    if exports != 1 or len(MODULE_EXPORT.findall(module_source)) != 1:
        raise RuntimeShapeChanged(f"pyodide.asm.mjs: expected exactly one export, '{EXPORT}'")
    if STATIC_IMPORT.search(module_source):
        raise RuntimeShapeChanged("pyodide.asm.mjs: has a static import, which a classic script cannot run")
    if uses != IMPORT_META_USES:
        raise RuntimeShapeChanged(
            f"pyodide.asm.mjs: expected {IMPORT_META_USES} uses of {IMPORT_META_URL}, found {uses}"
        )
    if "import.meta" in module_source.replace(IMPORT_META_URL, ""):
        raise RuntimeShapeChanged("pyodide.asm.mjs: uses import.meta other than import.meta.url")
    converted = module_source.replace(EXPORT, "").replace(IMPORT_META_URL, SCRIPT_URL)
    return SCRIPT_URL_DEFINITION + converted


def payload_script(name: str, data: bytes) -> str:
    """A classic script that stores data, base64-encoded, under name for the wizard's file loader."""
    encoded = base64.b64encode(data).decode("ascii")
    return f'(globalThis.{PAYLOAD_GLOBAL}=globalThis.{PAYLOAD_GLOBAL}||{{}})[{json.dumps(name)}]="{encoded}";\n'


def write_payload(site_dir: Path, folder: str, name: str, data: bytes, manifest: dict | None = None) -> Path:
    """Write the payload script into site_dir/folder; record in manifest, when given, where the script
    is and (except for the engine, which the lock file checks) the bytes' size and SHA-256."""
    path = site_dir / folder / f"{name}.js"
    path.write_text(payload_script(name, data), encoding="ascii")
    if manifest is not None:
        entry = {"script": f"{folder}/{path.name}"}
        if name != ENGINE_PAYLOAD:
            entry |= {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        manifest[name] = entry
    return path


def manifest_script(payloads: dict, languages: list[str]) -> str:
    """The manifest as a classic script: the runtime's scripts, the payloads, and each payload's role
    (the languages' texts, of which a page loads its own)."""
    manifest = {
        "folder": f"{SITE_FOLDER}/",
        "runtime": list(RUNTIME_SCRIPTS),
        "payloads": payloads,
        "fetched": FETCHED_BINARIES,
        "lock": LOCK_FILE,
        "engine": ENGINE_PAYLOAD,
        "rules": BUNDLE,
        "texts": [texts_file(lang) for lang in languages],
    }
    return f"globalThis.{MANIFEST_GLOBAL}={json.dumps(manifest, sort_keys=True)};\n"


def write_manifest(site_dir: Path, manifest: dict, languages: list[str]) -> Path:
    path = site_dir / MANIFEST_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(manifest_script(manifest, languages), encoding="ascii")
    return path


def write_file_runtime(site_dir: Path, manifest: dict | None = None) -> list[Path]:
    """Write the classic runtime and the payload scripts next to the runtime in site_dir/pyodide/: the
    binaries, the site's lock file and the engine's wheel it lists (all written there by runtime.py)."""
    target = site_dir / SITE_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    classic = target / "pyodide.asm.js"
    classic.write_text(classic_runtime_script((PYODIDE_PACKAGE / "pyodide.asm.mjs").read_text("utf-8")), "utf-8")
    written = [classic]
    for name in FETCHED_BINARIES:  # as the site serves them: the standard library is trimmed there
        written.append(write_payload(site_dir, SITE_FOLDER, name, (target / name).read_bytes(), manifest))
    lock = (target / LOCK_FILE).read_bytes()
    written.append(write_payload(site_dir, SITE_FOLDER, LOCK_FILE, lock, manifest))
    wheel = target / engine_entry(json.loads(lock))["file_name"]
    written.append(write_payload(site_dir, SITE_FOLDER, ENGINE_PAYLOAD, wheel.read_bytes(), manifest))
    return written


def write_wizard_payloads(
    site_dir: Path, assets_folder: str, languages: list[str], manifest: dict | None = None
) -> list[Path]:
    """The payload scripts for the wizard's own files in site_dir/assets_folder: the rule bundle and
    each language's texts."""
    return [
        write_payload(site_dir, assets_folder, name, (site_dir / assets_folder / name).read_bytes(), manifest)
        for name in (BUNDLE, *(texts_file(lang) for lang in languages))
    ]
