"""Packs the Python the browser imports (wizard/engine and wizard/web) as a pure-Python wheel, the same
bytes from the same sources, and registers it in the site's pyodide-lock.json with pyodide-build's
`pyodide lockfile add-wheels`, so that Pyodide loads it by name and checks it against its SHA-256."""

import base64
import hashlib
import json
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

from .paths import ROOT

DIST_NAME = "china-visa-wizard-engine"
# What the wheel holds: the engine (decisions) and the web layer (HTML); never the build tooling.
SHIPPED_PACKAGES = ("wizard/engine", "wizard/web")
SHIPPED_SUFFIXES = (".py", "py.typed")
# The import name the browser asks for; the lock entry that provides it is the engine.
IMPORT_NAME = "wizard"
LOCK_FILE = "pyodide-lock.json"
# A fixed timestamp and mode for every member: the same sources always give the same bytes.
MEMBER_DATE = (1980, 1, 1, 0, 0, 0)
MEMBER_MODE = 0o644 << 16
SOURCE_HASH_DIGITS = 12


class LockUpdateFailed(RuntimeError):
    """pyodide-build could not add the wheel to the lock file; the message holds its output."""


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def shipped_sources() -> list[tuple[str, bytes]]:
    """(path in the wheel, bytes) of every file the browser imports, in a fixed order."""
    files = [ROOT / "wizard" / "__init__.py"]
    for package in SHIPPED_PACKAGES:
        files += [
            path
            for path in (ROOT / package).rglob("*")
            if path.is_file() and path.name.endswith(SHIPPED_SUFFIXES) and "__pycache__" not in path.parts
        ]
    return sorted((path.relative_to(ROOT).as_posix(), path.read_bytes()) for path in files)


def version_for(sources: list[tuple[str, bytes]]) -> str:
    """The project's version with the sources' hash as its local label: a changed engine gets a new
    file name, so no browser cache can pair an old wheel with a new lock (whose hash would refuse it)."""
    digest = hashlib.sha256()
    for path, data in sources:
        digest.update(f"{path}\0{len(data)}\0".encode())
        digest.update(data)
    return f"{project_version()}+{digest.hexdigest()[:SOURCE_HASH_DIGITS]}"


def wheel_name(version: str) -> str:
    return f"{DIST_NAME.replace('-', '_')}-{version}-py3-none-any.whl"


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def dist_info(version: str) -> dict[str, bytes]:
    """METADATA and WHEEL of the wheel (RECORD is made from everything else)."""
    metadata = (
        "Metadata-Version: 2.1\n"
        f"Name: {DIST_NAME}\n"
        f"Version: {version}\n"
        "Summary: The visa wizard's engine and web layer, as the site's Pyodide loads them\n"
        "License: MIT\n"
        "Requires-Python: >=3.12\n"
    )
    wheel = "Wheel-Version: 1.0\nGenerator: sitebuild.engine_wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    return {"METADATA": metadata.encode(), "WHEEL": wheel.encode()}


def write_wheel(folder: Path) -> Path:
    """Write the engine's wheel into folder and return its path."""
    sources = shipped_sources()
    version = version_for(sources)
    info_dir = f"{DIST_NAME.replace('-', '_')}-{version}.dist-info"
    members = [*sources, *((f"{info_dir}/{name}", data) for name, data in dist_info(version).items())]
    record = "".join(f"{path},{_record_hash(data)},{len(data)}\n" for path, data in members) + f"{info_dir}/RECORD,,\n"
    members.append((f"{info_dir}/RECORD", record.encode()))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / wheel_name(version)
    with zipfile.ZipFile(path, "w") as wheel:
        for name, data in members:
            member = zipfile.ZipInfo(name, MEMBER_DATE)
            member.external_attr = MEMBER_MODE
            wheel.writestr(member, data, zipfile.ZIP_DEFLATED, compresslevel=9)
    return path


def add_to_lock(source_lock: Path, wheel: Path, target_lock: Path) -> dict:
    """Write target_lock: source_lock with wheel added by `pyodide lockfile add-wheels` (offline: it
    reads the wheel and the lock, nothing else). Returns the wheel's entry."""
    command = [
        sys.executable,
        "-m",
        "pyodide_cli",
        "lockfile",
        "add-wheels",
        "--input",
        str(source_lock),
        "--output",
        str(target_lock),
        "--base-path",
        str(wheel.parent),
        str(wheel),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise LockUpdateFailed(f"pyodide lockfile add-wheels failed:\n{result.stdout}{result.stderr}")
    return engine_entry(json.loads(target_lock.read_text("utf-8")))


def engine_entry(lock: dict) -> dict:
    """The lock's entry for the engine, found as the browser finds it: the package providing IMPORT_NAME."""
    entries = [entry for entry in lock["packages"].values() if IMPORT_NAME in entry.get("imports", [])]
    if len(entries) != 1:
        raise LockUpdateFailed(f"{LOCK_FILE}: expected one package providing '{IMPORT_NAME}', found {len(entries)}")
    return entries[0]


def write_engine_package(runtime_dir: Path, source_lock: Path) -> dict:
    """The wheel and the lock that lists it, both in runtime_dir (the site's pyodide/); the entry."""
    for stale in runtime_dir.glob(wheel_name("*")):
        stale.unlink()
    return add_to_lock(source_lock, write_wheel(runtime_dir), runtime_dir / LOCK_FILE)
