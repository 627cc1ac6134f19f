"""The real strict build: it passes, and it puts one copy of the Pyodide runtime at the site root."""

from sitebuild.languages import languages
from sitebuild.runtime import RUNTIME_FILES, SITE_FOLDER


def test_the_strict_build_passes_without_warnings(site_build):
    assert site_build.returncode == 0, site_build.log[-3000:]
    assert "WARNING" not in site_build.log, site_build.log


def test_every_language_has_its_home_page(site_dir):
    for language in languages():
        assert (site_dir / language.prefix / "index.html").is_file(), language.code


def test_the_pyodide_runtime_is_copied_once_at_the_site_root(site_dir):
    for name in RUNTIME_FILES:
        assert (site_dir / SITE_FOLDER / name).is_file(), name
    copies = list(site_dir.rglob("pyodide.asm.wasm"))
    assert copies == [site_dir / SITE_FOLDER / "pyodide.asm.wasm"]
