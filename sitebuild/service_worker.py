"""Writes the web site's service worker (sw.js at the site root): the build's files with their SHA-256,
in groups cached at install ("site": the shared assets) or when a page asks (its language's pages, the
wizard's Python runtime), the build id pages name their assets with (?build=…); and sw-retire.js."""

import hashlib
import json
import re
from pathlib import Path

from .download_size import texts_file
from .hosting import WRITTEN as HOSTING_CONFIGS
from .languages import language_at, languages
from .precompress import ENCODINGS
from .runtime import SITE_FOLDER
from .wizard_page import steps_file

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
# Groups a page asks for, and whether a new build copies them in at install: "unchanged" when every file
# is (the 13 MB runtime is not fetched again by an install), "held" when the reader had any of it (a
# language's pages, a few changed ones fetched again, so the language they read stays offline).
RUNTIME_GROUP = "wizard"
RUNTIME_FOLDER = SITE_FOLDER + "/"
CARRIED_WHEN_UNCHANGED = "unchanged"
CARRIED_WHEN_HELD = "held"
# Material ships lunr's search files for every language it knows: a language of the site has its own
# in its group; the others' are never requested, so never cached. Material's search worker loads the
# segmenters for these languages (a segmenter joins the group of the first of them the site has).
SEARCH_LANGUAGE_FILE = re.compile(r"^assets/javascripts/lunr/min/lunr\.([a-z]{2})\.min\.js$")
SEARCH_SEGMENTERS = {"assets/javascripts/lunr/tinyseg.js": ("ja",), "assets/javascripts/lunr/wordcut.js": ("hi", "th")}
SHARED_FOLDER = "assets/"
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


def language_group(code: str) -> str:
    return f"language-{code}"


def language_of(relative: str) -> str | None:
    """The language a file belongs to (its pages, search index, search files, and the wizard's steps
    and texts in it), or None for a file every language shares."""
    if not relative.startswith(SHARED_FOLDER):
        return language_at(relative).code  # its folder's, or the root's pages
    search = SEARCH_LANGUAGE_FILE.match(relative)
    if search:
        return search.group(1)
    codes = [language.code for language in languages()]
    if relative in SEARCH_SEGMENTERS:
        users = SEARCH_SEGMENTERS[relative]
        return next((code for code in users if code in codes), users[0])
    own = {f"/{name}": code for code in codes for name in (steps_file(code), texts_file(code))}
    return next((code for name, code in own.items() if relative.endswith(name)), None)


def on_demand() -> dict[str, str]:
    """The groups pages ask for, with when a new build carries each over."""
    return {
        RUNTIME_GROUP: CARRIED_WHEN_UNCHANGED,
        **{language_group(language.code): CARRIED_WHEN_HELD for language in languages()},
    }


def group_of(relative: str) -> str | None:
    """The group a file is cached with; None for a file no page of the site requests."""
    if relative.startswith(RUNTIME_FOLDER):
        return RUNTIME_GROUP
    code = language_of(relative)
    if code is None:
        return "site"
    return language_group(code) if language_group(code) in on_demand() else None


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
    groups: dict[str, dict[str, str]] = {"site": {}, **{group: {} for group in on_demand()}}
    for relative, file in listed_files(site_dir):
        group = group_of(relative)
        if group is not None:
            groups[group][url_path(relative)] = hashlib.sha256(file.read_bytes()).hexdigest()
    version = hashlib.sha256(json.dumps(groups, sort_keys=True).encode()).hexdigest()[:16]
    # Each language folder's own 404 page (shown offline for an unknown path under it), the root's else.
    not_found = {
        language.prefix: language.prefix + "404.html"
        for language in languages()
        if url_path(language.prefix + "404.html") in groups[language_group(language.code)]
    }
    return {
        "version": version,
        "build": build_id(site_dir),
        "buildParam": BUILD_PARAM,
        "cachePrefix": CACHE_PREFIX,
        "groups": groups,
        "onDemand": on_demand(),
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
