"""How many bytes the wizard's worker downloads before Python is ready (the runtime, the engine's
wheel, the lock that lists it, the rules and the page's language's texts): the total of the progress
the page shows while it loads."""

import functools
import tempfile
from pathlib import Path

from .engine_wheel import LOCK_FILE, shipped_sources, version_for, write_engine_package
from .paths import PYODIDE_PACKAGE, WIZARD_ASSETS
from .runtime import SITE_FOLDER
from .stdlib import STDLIB, trimmed_stdlib

# What the module worker loads from the runtime's folder as the npm package has it (pyodide.js is for
# classic scripts only), and the trimmed standard library (sitebuild/stdlib.py).
RUNTIME_DOWNLOADS = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
# The rules every language shares, and each language's words (wizard.engine.texts).
BUNDLE = "bundle.json"


def texts_file(lang: str) -> str:
    """The file of lang's texts, beside the bundle."""
    return f"texts-{lang}.json"


class SizeMismatch(RuntimeError):
    """The site's files are not the size the wizard page announces."""


@functools.cache
def _engine_package_sizes(version: str) -> dict[str, int]:
    """The wheel's and the site lock's sizes, made as copy_runtime makes them (version: the cache key)."""
    with tempfile.TemporaryDirectory() as folder:
        write_engine_package(Path(folder), PYODIDE_PACKAGE / LOCK_FILE)
        return {path.name: path.stat().st_size for path in Path(folder).iterdir()}


@functools.cache
def _stdlib_size() -> int:
    return len(trimmed_stdlib())


def downloads(bundle_bytes: int, lang: str, texts_bytes: int) -> dict[str, int]:
    """Each file the worker of a page in lang downloads, from the site root, and its size."""
    folder = SITE_FOLDER + "/"
    engine = _engine_package_sizes(version_for(shipped_sources()))
    sizes = {folder + name: (PYODIDE_PACKAGE / name).stat().st_size for name in RUNTIME_DOWNLOADS}
    sizes[folder + STDLIB] = _stdlib_size()
    sizes.update({folder + name: size for name, size in engine.items()})
    sizes[f"{WIZARD_ASSETS}/{BUNDLE}"] = bundle_bytes
    sizes[f"{WIZARD_ASSETS}/{texts_file(lang)}"] = texts_bytes
    return sizes


def check_site(site_dir: Path, announced: dict[str, int]) -> None:
    """Raise SizeMismatch unless each file of `announced` is in site_dir with that size."""
    wrong = [
        f"{name}: {(site_dir / name).stat().st_size if (site_dir / name).exists() else 'missing'}, announced {size}"
        for name, size in announced.items()
        if not (site_dir / name).exists() or (site_dir / name).stat().st_size != size
    ]
    if wrong:
        raise SizeMismatch("the wizard page's download total does not match the site: " + "; ".join(wrong))
