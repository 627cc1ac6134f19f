"""The service worker's manifest: every file of the build with its hash, in the right group, under the
URL a browser requests; a changed file changes the version; the worker itself is never listed; the
build id every page's asset URLs carry."""

import hashlib

import pytest

from sitebuild.languages import languages
from sitebuild.service_worker import (
    BUILD_QUERY,
    build_id,
    build_manifest,
    language_group,
    read_manifest,
    stamp_pages,
    url_path,
    write_service_worker,
)


@pytest.fixture
def site(tmp_path):
    files = {
        "index.html": "home",
        "about/index.html": "about",
        "zh/about/index.html": "关于",
        "assets/site.css": "body{}",
        "search/search_index.json": "{}",
        "zh/search/search_index.json": "{}",
        "assets/wizard/steps-zh.js": "zh",
        "assets/wizard/texts-zh.json": "{}",
        "assets/wizard/bundle.json": "{}",
        "assets/javascripts/lunr/min/lunr.ja.min.js": "ja",
        "assets/javascripts/lunr/min/lunr.de.min.js": "de",
        "assets/javascripts/lunr/min/lunr.multi.min.js": "multi",
        "assets/javascripts/lunr/tinyseg.js": "ja",
        "assets/javascripts/lunr/wordcut.js": "th",
        "pyodide/pyodide.asm.wasm": "wasm",
        "downloads/bundle.zip": "zip",
        "sitemap.xml.gz": "gz",
        "about/index.html.br": "br",
        "pyodide/pyodide.asm.wasm.br": "br",
        "assets/app.js.map": "map",
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "relative, requested",
    [
        ("index.html", ""),
        ("about/index.html", "about/"),
        ("zh/index.html", "zh/"),
        ("404.html", "404.html"),
        ("assets/x.js", "assets/x.js"),
    ],
)
def test_files_are_listed_under_the_url_a_browser_requests(relative, requested):
    assert url_path(relative) == requested


def test_shared_assets_are_cached_at_install_and_each_language_and_the_python_runtime_on_demand(site):
    manifest = build_manifest(site)
    groups = manifest["groups"]
    assert set(groups["site"]) == {
        "assets/site.css",
        "assets/javascripts/lunr/min/lunr.multi.min.js",
        "assets/wizard/bundle.json",  # the rules every language shares
    }
    assert set(groups["language-en"]) == {"", "about/", "search/search_index.json"}
    assert set(groups["language-zh"]) == {
        "zh/about/",
        "zh/search/search_index.json",
        "assets/wizard/steps-zh.js",
        "assets/wizard/texts-zh.json",
    }
    assert set(groups["language-ja"]) == {
        "assets/javascripts/lunr/min/lunr.ja.min.js",
        "assets/javascripts/lunr/tinyseg.js",
    }
    assert set(groups["wizard"]) == {"pyodide/pyodide.asm.wasm"}
    assert groups["language-en"]["about/"] == hashlib.sha256(b"about").hexdigest()


def test_a_new_build_carries_the_runtime_over_unchanged_only_and_a_language_the_reader_had(site):
    on_demand = build_manifest(site)["onDemand"]
    assert on_demand.pop("wizard") == "unchanged"
    assert on_demand == {language_group(language.code): "held" for language in languages()}


def test_search_files_of_languages_the_site_does_not_have_are_never_cached(site):
    listed = {path for files in build_manifest(site)["groups"].values() for path in files}
    assert "assets/javascripts/lunr/min/lunr.de.min.js" not in listed
    assert "assets/javascripts/lunr/wordcut.js" not in listed  # Thai and Hindi's segmenter


def test_each_language_falls_back_to_its_own_404_page_cached_with_its_pages(site):
    (site / "404.html").write_text("not found", "utf-8")
    (site / "zh" / "404.html").write_text("找不到", "utf-8")
    manifest = build_manifest(site)
    assert manifest["notFound"] == {"": "404.html", "zh/": "zh/404.html"}
    assert "zh/404.html" in manifest["groups"]["language-zh"]


def test_the_bundle_download_compressed_copies_and_source_maps_are_never_cached(site):
    listed = {path for files in build_manifest(site)["groups"].values() for path in files}
    assert not {path for path in listed if path.startswith("downloads/") or path.endswith((".gz", ".br", ".map"))}


def test_a_changed_file_gives_a_new_version_and_an_unchanged_build_the_same(site):
    first = build_manifest(site)["version"]
    assert build_manifest(site)["version"] == first
    (site / "zh" / "about" / "index.html").write_text("关于本站", "utf-8")
    assert build_manifest(site)["version"] != first


def test_the_written_worker_carries_its_manifest_and_is_not_listed_in_it(site):
    manifest = write_service_worker(site)
    source = (site / "sw.js").read_text("utf-8")
    assert f'"version": "{manifest["version"]}"' in source
    assert '"__BUILD__"' not in source
    assert read_manifest(site) == manifest
    assert write_service_worker(site) == manifest, "writing sw.js must not change the build it describes"


def test_each_language_folder_has_its_own_404_page_for_the_worker_to_show_offline(site):
    (site / "404.html").write_text("not found", "utf-8")
    (site / "zh" / "404.html").write_text("未找到", "utf-8")
    assert build_manifest(site)["notFound"] == {"": "404.html", "zh/": "zh/404.html"}


def test_the_retiring_worker_is_written_beside_sw_js_with_the_cache_prefix_and_is_never_cached(site):
    manifest = write_service_worker(site)
    retire = (site / "sw-retire.js").read_text("utf-8")
    assert f'const PREFIX = "{manifest["cachePrefix"]}";' in retire
    assert "unregister()" in retire and "__PREFIX__" not in retire
    assert "sw-retire.js" not in build_manifest(site)["groups"]["site"]


def test_the_build_id_changes_with_any_asset_and_not_with_the_pages_that_carry_it(site):
    before = build_id(site)
    (site / "about" / "index.html").write_text("about, edited", "utf-8")
    assert build_id(site) == before
    (site / "assets" / "site.css").write_text("body{color:red}", "utf-8")
    assert build_id(site) != before


def test_stamping_writes_the_build_id_over_the_placeholder_and_over_an_earlier_id(site):
    page = site / "about" / "index.html"
    page.write_text(f'<link href="../assets/site.css{BUILD_QUERY}"><script src="x.js{BUILD_QUERY}"></script>', "utf-8")
    first = stamp_pages(site)
    assert page.read_text("utf-8").count(f"?build={first}") == 2
    (site / "assets" / "site.css").write_text("body{color:red}", "utf-8")
    second = write_service_worker(site)["build"]
    assert second != first
    assert page.read_text("utf-8").count(f"?build={second}") == 2
    assert read_manifest(site)["build"] == second == build_id(site)
