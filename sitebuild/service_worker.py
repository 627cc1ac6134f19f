"""Writes the web site's service worker (sw.js at the site root): the build's files with their SHA-256,
in groups cached at install ("site") or when a page asks ("wizard": the Python runtime), and the
build id every page names its assets with (?build=…); and sw-retire.js, which retires the worker."""

import hashlib
import json
import re
from pathlib import Path

from .hosting import WRITTEN as HOSTING_CONFIGS
from .languages import languages
from .precompress import ENCODINGS
from .runtime import SITE_FOLDER

SOURCE = Path(__file__).parent / "workers" / "sw.js"
FILE_NAME = "sw.js"
PLACEHOLDER = '"__BUILD__"'
# Published in place of sw.js, it retires the worker everywhere (README, "Offline cache").
RETIRE_SOURCE = Path(__file__).parent / "workers" / "sw-retire.js"
RETIRE_NAME = "sw-retire.js"
RETIRE_PLACEHOLDER = "__PREFIX__"
WRITTEN = re.compile(r"^const BUILD = (\{.*?^\});$", re.S | re.M)
# Never cached: the worker itself, the offline bundle (a download, not a page), compressed duplicates,
# the hosting configs (for the host, not for pages).
SKIPPED_FOLDERS = ("downloads/",)
SKIPPED_SUFFIXES = (*ENCODINGS, ".map")  # .br and .gz: the host sends them in place of the file itself
ON_DEMAND = {"wizard": SITE_FOLDER + "/"}
# Each build's cache is this prefix and the build's version; older ones with the prefix are dropped.
CACHE_PREFIX = "cig-site-"
# Every asset URL of the site's own templates ends in ?build=<id>: the id of the build the page is
# from, so the worker serves it that build's bytes and the browser never reuses another build's copy
# of a same-named file (decision 0009). Templates write the placeholder; stamp_pages writes the id.
BUILD_PARAM = "build"
BUILD_PLACEHOLDER = "0" * 16
BUILD_QUERY = f"?{BUILD_PARAM}={BUILD_PLACEHOLDER}"
STAMPED = re.compile(rf"([?&]{BUILD_PARAM}=)[0-9a-f]{{16}}\b")


def url_path(relative: str) -> str:
    """The path a browser requests for a file: folders for their index.html (directory URLs)."""
    if relative == "index.html":
        return ""
    return relative[: -len("index.html")] if relative.endswith("/index.html") else relative


def group_of(relative: str) -> str:
    return next((group for group, folder in ON_DEMAND.items() if relative.startswith(folder)), "site")


def listed_files(site_dir: Path) -> list[tuple[str, Path]]:
    """The files the worker lists (relative name, file), in a fixed order."""
    listed = []
    for file in sorted(site_dir.rglob("*")):
        relative = file.relative_to(site_dir).as_posix()
        if (
            not file.is_file()
            or relative in (FILE_NAME, RETIRE_NAME, *HOSTING_CONFIGS)
            or relative.startswith(SKIPPED_FOLDERS)
            or relative.endswith(SKIPPED_SUFFIXES)
        ):
            continue
        listed.append((relative, file))
    return listed


def build_id(site_dir: Path) -> str:
    """The id of the build's assets: every listed file but the pages, which name it (so stamping them
    leaves it unchanged). The search index holds every page's text, so a changed page changes it too."""
    digest = hashlib.sha256()
    for relative, file in listed_files(site_dir):
        if not relative.endswith(".html"):
            digest.update(f"{relative}\0{hashlib.sha256(file.read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()[:16]


def stamp_pages(site_dir: Path) -> str:
    """Write the build id into every page's asset URLs (placeholder or an earlier id); return the id."""
    build = build_id(site_dir)
    for file in site_dir.rglob("*.html"):
        if file.relative_to(site_dir).as_posix().startswith(SKIPPED_FOLDERS):
            continue
        text = file.read_text("utf-8")
        stamped = STAMPED.sub(lambda match: match.group(1) + build, text)
        if stamped != text:
            file.write_text(stamped, "utf-8")
    return build


def build_manifest(site_dir: Path) -> dict:
    groups: dict[str, dict[str, str]] = {"site": {}, **{group: {} for group in ON_DEMAND}}
    for relative, file in listed_files(site_dir):
        groups[group_of(relative)][url_path(relative)] = hashlib.sha256(file.read_bytes()).hexdigest()
    version = hashlib.sha256(json.dumps(groups, sort_keys=True).encode()).hexdigest()[:16]
    # Each language folder's own 404 page (shown offline for an unknown path under it), the root's else.
    not_found = {
        language.prefix: language.prefix + "404.html"
        for language in languages()
        if url_path(language.prefix + "404.html") in groups["site"]
    }
    return {
        "version": version,
        "build": build_id(site_dir),
        "buildParam": BUILD_PARAM,
        "cachePrefix": CACHE_PREFIX,
        "groups": groups,
        "onDemand": list(ON_DEMAND),
        "notFound": not_found,
    }


def write_service_worker(site_dir: Path) -> dict:
    """Stamp the pages with the build id and write site_dir/sw.js for the files now in site_dir; return
    its manifest."""
    stamp_pages(site_dir)
    manifest = build_manifest(site_dir)
    source = SOURCE.read_text("utf-8")
    if source.count(PLACEHOLDER) != 1:
        raise ValueError(f"{SOURCE}: expected one {PLACEHOLDER} placeholder")
    (site_dir / FILE_NAME).write_text(source.replace(PLACEHOLDER, json.dumps(manifest, indent=1)), "utf-8")
    retire = RETIRE_SOURCE.read_text("utf-8")
    if retire.count(RETIRE_PLACEHOLDER) != 1:
        raise ValueError(f"{RETIRE_SOURCE}: expected one {RETIRE_PLACEHOLDER} placeholder")
    (site_dir / RETIRE_NAME).write_text(retire.replace(RETIRE_PLACEHOLDER, CACHE_PREFIX), "utf-8")
    return manifest


def read_manifest(site_dir: Path) -> dict:
    """The manifest in site_dir/sw.js as written by the build (files added later are not in it)."""
    return json.loads(WRITTEN.search((site_dir / FILE_NAME).read_text("utf-8")).group(1))
