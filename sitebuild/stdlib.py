"""The site's trimmed Python standard library: the pinned Pyodide's python_stdlib.zip cut to the files
listed in sitebuild/stdlib-files.txt (what the wizard's Python imports under Pyodide, recorded by
`python -m sitebuild.stdlib`), made byte for byte the same on every build and checked against it."""

import argparse
import ast
import json
import subprocess
import sys
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

from .paths import PYODIDE_PACKAGE, ROOT

STDLIB = "python_stdlib.zip"
KEPT_LIST = Path(__file__).with_name("stdlib-files.txt")
RECORDER = Path(__file__).with_name("stdlib_record.mjs")
# Imported by the page's Python only on paths no recorded run takes, kept anyway: the codecs a str
# may name (bytes.decode("latin-1"), "utf-16") and what Pyodide formats a JS error into Python with.
ALWAYS_KEPT = (
    "encodings/ascii.py",
    "encodings/latin_1.py",
    "encodings/utf_16.py",
    "encodings/utf_32.py",
    "encodings/utf_8_sig.py",
)
# Deflated, as Pyodide ships it. Stored files brotli-compressed whole would be 0.2 MB smaller on the
# wire, but a host that compresses nothing (or not application/zip: Netlify, Cloudflare Pages) would
# then send 2.8 MB where deflated it sends 0.7 MB.
COMPRESSION = zipfile.ZIP_DEFLATED
COMPRESS_LEVEL = 9
# The engine's error paths, which no scenario takes (each step catches every exception and says
# "internal error", so a module missing on one would fail a user quietly): shared links that are
# broken or hostile, answers that are invalid, a language or day the rules lack. The recorder runs
# them, and tests/pyodide/test_error_paths_under_trimmed_stdlib.py checks Pyodide answers them as
# CPython does. (fragment, language, today)
ERROR_PATHS = (
    ("", "en", "2026-12-06"),
    ("#", "en", "2026-12-06"),
    ("#%zz=%%&&=", "en", "2026-12-06"),
    ("#nationality=XX&purpose=nonsense", "en", "2026-12-06"),
    ("#purpose=%FF%FE&status=%E5%B7%A5", "zh", "2026-12-06"),
    ("#purpose=work&purpose=study&status=outside", "en", "2026-12-06"),
    ("#purpose=work&status=outside&_change=nowhere", "en", "2026-12-06"),
    ("#_change=purpose", "zh", "2026-12-06"),
    ("#" + "&".join(f"q{n}=v{n}" for n in range(60)), "en", "2026-12-06"),
    ("#purpose=work&status=outside&nationality=" + "A" * 2100, "zh", "2026-12-06"),
    ("#purpose=work&status=outside&nationality=ZZ", "en", "2026-12-06"),
    ("#purpose=work&status=outside&nationality=US&stay_days=abc", "en", "2026-12-06"),
    ("#purpose=work&status=outside&nationality=US&stay_days=-3", "zh", "2026-12-06"),
    ("#purpose=work&status=outside&nationality=US&stay_days=1.5", "en", "2026-12-06"),
    ("#purpose=work&status=outside&nationality=US&stay_days=99999999999999999999", "en", "2026-12-06"),
    ("#purpose=tourism&status=outside&nationality=FR&travel_date=2027-02-30", "en", "2026-12-06"),
    ("#purpose=tourism&status=outside&nationality=FR&travel_date=06/01/2027", "zh", "2026-12-06"),
    ("#purpose=tourism&status=outside&nationality=FR&travel_date=1999-01-01", "en", "2026-12-06"),
    ("#purpose=tourism&status=outside&nationality=FR&travel_date=9999-12-31", "en", "2026-12-06"),
    ("#purpose=crew&status=outside&nationality=US&circumstances=none,bogus", "en", "2026-12-06"),
    ("#purpose=work&status=outside", "xx", "2026-12-06"),
    ("#purpose=work&status=outside", "en", "not-a-day"),
    ("#purpose=work&status=outside", "en", "2026-13-45"),
)
HEADER = "# Written by `python -m sitebuild.stdlib` (the files of python_stdlib.zip the wizard imports); do not edit.\n"


class StdlibIncomplete(RuntimeError):
    """The trimmed standard library lacks a file the wizard needs, or the pinned zip a listed file."""


def kept_files() -> list[str]:
    listed = [line for line in KEPT_LIST.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    return sorted({*listed, *ALWAYS_KEPT})


def trimmed_stdlib(source: Path = PYODIDE_PACKAGE / STDLIB, keep: list[str] | None = None) -> bytes:
    """The zip at source with only the kept files and their folders' entries, in the source's order,
    each with the source's timestamp: the same bytes on every build from the same pins."""
    keep = kept_files() if keep is None else keep
    folders = {name.rsplit("/", 1)[0] + "/" for name in keep if "/" in name}
    for name in list(folders):
        while "/" in name.rstrip("/"):
            name = name.rstrip("/").rsplit("/", 1)[0] + "/"
            folders.add(name)
    wanted = set(keep) | folders
    output = BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(output, "w") as trimmed:
        missing = wanted - set(original.namelist())
        if missing:
            raise StdlibIncomplete(f"{source}: lacks listed files {sorted(missing)} (was Pyodide's pin changed?)")
        for info in original.infolist():
            if info.filename in wanted:
                copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                copy.external_attr = info.external_attr
                trimmed.writestr(copy, original.read(info), COMPRESSION, COMPRESS_LEVEL)
    return output.getvalue()


def shipped_stdlib_imports() -> set[str]:
    """The top-level standard-library modules the engine and the web layer import (read from their
    sources): each must be in the trimmed zip, or be built into Pyodide's Python."""
    from .engine_wheel import shipped_sources

    found = set()
    for path, data in shipped_sources():
        if not path.endswith(".py"):
            continue
        for node in ast.walk(ast.parse(data.decode("utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name in sys.stdlib_module_names}


def check_trimmed(data: bytes) -> None:
    """Raise StdlibIncomplete unless every standard-library module the shipped sources import is in
    the zip or built in (compiled into Pyodide's wasm: not a file in the npm package's zip)."""
    with zipfile.ZipFile(PYODIDE_PACKAGE / STDLIB) as full:
        in_full = {_top(name) for name in full.namelist()}
    with zipfile.ZipFile(BytesIO(data)) as trimmed:
        in_trimmed = {_top(name) for name in trimmed.namelist()}
    lacking = sorted(name for name in shipped_stdlib_imports() if name in in_full and name not in in_trimmed)
    if lacking:
        raise StdlibIncomplete(
            f"the trimmed {STDLIB} lacks {lacking}, which the engine imports: run `python -m sitebuild.stdlib`"
        )


def _top(name: str) -> str:
    return name.split("/")[0].removesuffix(".py")


def write_stdlib(folder: Path) -> Path:
    """Write the trimmed, checked standard library into folder (the site's pyodide/)."""
    data = trimmed_stdlib()
    check_trimmed(data)
    target = folder / STDLIB
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
    return target


# --- recording what the wizard imports -------------------------------------------------------------


def record(stdlib: Path | None = None) -> list[str]:
    """The zip's files the wizard's Python imported under Pyodide in Node (sitebuild/stdlib_record.mjs),
    running every scenario's answers with the pinned zip, or the zip at stdlib."""
    from wizard.tooling.bundle import compile_rules
    from wizard.tooling.rules_date import reviewed_date
    from wizard.tooling.scenarios import load_cases
    from wizard.tooling.schemas import Schemas

    from .engine_wheel import LOCK_FILE, write_engine_package

    rules = ROOT / "rules"
    bundle = compile_rules(rules, reviewed_date(rules), deep=False).bundle
    schemas = Schemas(rules / "schema")
    cases = [
        {"answers": case.answers, "lang": lang, "today": case.today}
        for path in sorted((rules / "scenarios").glob("*.yaml"))
        for case in load_cases(path, schemas)
        for lang in bundle["languages"]  # every catalogue: a language's texts may reach other code
    ]
    with tempfile.TemporaryDirectory() as folder:
        write_engine_package(Path(folder), PYODIDE_PACKAGE / LOCK_FILE)
        payload = Path(folder) / "input.json"
        payload.write_text(
            json.dumps(
                {
                    "runtime_dir": folder,
                    "stdlib": str(stdlib) if stdlib else None,
                    "bundle_text": json.dumps(bundle),
                    "cases": cases,
                    "error_paths": ERROR_PATHS,
                }
            )
        )
        run = subprocess.run(["node", str(RECORDER), str(payload)], capture_output=True, text=True, cwd=ROOT)
    if run.returncode != 0:
        raise StdlibIncomplete(f"{RECORDER.name} failed:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout)["files"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.parse_args(argv)
    files = record()
    KEPT_LIST.write_text(HEADER + "".join(f"{name}\n" for name in files), "utf-8")
    data = trimmed_stdlib()
    print(
        f"{KEPT_LIST.relative_to(ROOT)}: {len(files)} files; {STDLIB} "
        f"{(PYODIDE_PACKAGE / STDLIB).stat().st_size} -> {len(data)} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
