"""The offline copy: the whole site, every language, built for file:// (Material's offline plugin,
a local iframe-worker shim, Pyodide as classic scripts) and zipped, with a small description file
that the web build reads for the download page. `python -m sitebuild.offline_copy` makes it."""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

from . import file_runtime
from .html_templates import render
from .languages import languages
from .paths import NODE_MODULES, ROOT

NAME = "china-immigration-guide-offline"
ENV_SWITCH = "OFFLINE_COPY"  # read by mkdocs.yml to enable the offline plugin
ENV_DIR = "OFFLINE_COPY_DIR"  # where the web build finds the offline copy (default: dist/)
DEFAULT_DIR = ROOT / "dist"
OFFLINE_PLUGIN = "material/offline"
SHIM_SOURCE = NODE_MODULES / "iframe-worker" / "shim" / "index.js"
SHIM_PATH = "assets/vendor/iframe-worker-shim.js"
# The shim writes an inline script into its frame, which the pages' script policy refuses; the copy
# loads the same code from a file instead (checked: a changed shim fails the build loudly).
SHIM_INLINE = (
    '<script>postMessage=${c};importScripts=${d};addEventListener("error",({error})=>'
    '{parent.dispatchEvent(new ErrorEvent("error",{filename:"${e}",error}))})<\\/script>'
)
SHIM_INIT_SOURCE = Path(__file__).parent / "workers" / "iframe-worker-init.js"
SHIM_INIT_PATH = "assets/vendor/iframe-worker-init.js"
SHIM_INIT_URL = "__iframeWorkerInit"


class ShimShapeChanged(RuntimeError):
    """The pinned iframe-worker shim no longer writes the inline script this build replaces."""


def shim_without_inline_script(source: str) -> str:
    """The shim, its frame's inline script replaced by iframe-worker-init.js (next to the shim)."""
    if source.count(SHIM_INLINE) != 1:
        raise ShimShapeChanged(f"{SHIM_SOURCE}: expected its frame's inline script once: {SHIM_INLINE}")
    init = f"var {SHIM_INIT_URL}=new URL({json.dumps(Path(SHIM_INIT_PATH).name)},document.currentScript.src).href;"
    return init + source.replace(SHIM_INLINE, f'<script src="${{{SHIM_INIT_URL}}}" data-worker="${{e}}"><\\/script>')


class OfflineCopyBuildFailed(RuntimeError):
    """The offline build of the site failed; the message holds MkDocs' output."""


@dataclass(frozen=True)
class OfflineCopyInfo:
    """What the download page says about the offline copy."""

    file: str
    zipped_bytes: int
    unpacked_bytes: int
    files: int
    rules_reviewed: str
    built: str


def copy_dir() -> Path:
    return Path(os.environ.get(ENV_DIR) or DEFAULT_DIR)


def zip_path(directory: Path) -> Path:
    return directory / f"{NAME}.zip"


def info_path(directory: Path) -> Path:
    return directory / f"{NAME}.json"


def read_info(directory: Path) -> OfflineCopyInfo | None:
    """The description of the offline copy in directory, or None when no offline copy has been made there."""
    path = info_path(directory)
    if not (path.exists() and zip_path(directory).exists()):
        return None
    return OfflineCopyInfo(**json.loads(path.read_text("utf-8")))


# --- inside the MkDocs build -------------------------------------------------------------------


def is_offline_build(config) -> bool:
    plugin = config.plugins.get(OFFLINE_PLUGIN)
    return bool(plugin and plugin.config.enabled)


def use_local_shim(config) -> None:
    """Material's offline plugin adds the iframe-worker shim from a CDN; use the site's own copy."""
    polyfills = [url for url in config.extra.get("polyfills", []) if "iframe-worker" not in url]
    config.extra["polyfills"] = [*polyfills, SHIM_PATH]


def write_offline_files(site_dir: Path, wizard_assets: Path) -> None:
    """The files only the offline copy needs: the shim, Pyodide as classic scripts, the wizard's payloads."""
    shim = site_dir / SHIM_PATH
    shim.parent.mkdir(parents=True, exist_ok=True)
    shim.write_text(shim_without_inline_script(SHIM_SOURCE.read_text("utf-8")), "utf-8")
    shutil.copy2(SHIM_INIT_SOURCE, site_dir / SHIM_INIT_PATH)
    manifest: dict = {}
    file_runtime.write_file_runtime(site_dir, manifest)
    codes = [language.code for language in languages()]
    file_runtime.write_wizard_payloads(site_dir, wizard_assets.relative_to(site_dir).as_posix(), codes, manifest)
    file_runtime.write_manifest(site_dir, manifest, codes)
    write_open_me(site_dir)


OPEN_ME = "OPEN-ME.html"


def write_open_me(site_dir: Path) -> Path:
    """The file a reader who unzipped the offline copy looks for: one link per language to its home page
    (index.html sits among 404.html, wizard-embed.html and the asset folders). No script."""
    from .script_policy import PAGE_CSP
    from .ui_strings import ui_string

    page = render(
        "open-me.html",
        policy=PAGE_CSP,
        title=" · ".join(ui_string("open_me_title", language.code) for language in languages()),
        links=[
            {
                "lang": language.code,
                "href": f"{language.prefix}index.html",
                "text": ui_string("open_me_link", language.code),
            }
            for language in languages()
        ],
    )
    target = site_dir / OPEN_ME
    target.write_text(page + "\n", encoding="utf-8")
    return target


# --- making the offline copy -------------------------------------------------------------------------


def build_site(site_dir: Path) -> None:
    env = {**os.environ, ENV_SWITCH: "true", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(site_dir)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise OfflineCopyBuildFailed(f"the offline build failed:\n{result.stdout}{result.stderr}")


def write_zip(site_dir: Path, path: Path) -> tuple[int, int]:
    """Zip site_dir under a top folder named like the offline copy; return (file count, unpacked bytes)."""
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for file in files:
            archive.write(file, f"{NAME}/{file.relative_to(site_dir).as_posix()}")
    return len(files), sum(file.stat().st_size for file in files)


def make_offline_copy(directory: Path) -> OfflineCopyInfo:
    directory.mkdir(parents=True, exist_ok=True)
    site_dir = directory / NAME
    build_site(site_dir)
    rules = json.loads((site_dir / "assets" / "wizard" / "bundle.json").read_text("utf-8"))
    files, unpacked = write_zip(site_dir, zip_path(directory))
    info = OfflineCopyInfo(
        file=zip_path(directory).name,
        zipped_bytes=zip_path(directory).stat().st_size,
        unpacked_bytes=unpacked,
        files=files,
        rules_reviewed=rules["reviewed"],
        built=rules["built"],
    )
    info_path(directory).write_text(json.dumps(asdict(info), indent=2) + "\n", "utf-8")
    return info


def unzip(directory: Path) -> Path:
    """Unzip the offline copy made in directory into directory/unzipped, as a reader would; its site folder."""
    with zipfile.ZipFile(zip_path(directory)) as archive:
        archive.extractall(directory / "unzipped")
    return directory / "unzipped" / NAME


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=copy_dir(), help="folder for the zip (default: %(default)s)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        info = make_offline_copy(args.out)
    except OfflineCopyBuildFailed as error:
        print(error, file=sys.stderr)
        return 1
    print(
        f"{zip_path(args.out)}: {info.zipped_bytes / 1e6:.1f} MB zipped, {info.unpacked_bytes / 1e6:.1f} MB unpacked, "
        f"{info.files} files, rules reviewed {info.rules_reviewed}, in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
