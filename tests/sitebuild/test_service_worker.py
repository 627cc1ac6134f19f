"""The service worker's manifest: every file of the build with its hash, in the right group, under the
URL a browser requests; a changed file changes the version; the worker itself is never listed; the
build id every page's asset URLs carry."""

import hashlib

import pytest

from sitebuild.service_worker import (
    BUILD_QUERY,
    build_id,
    build_manifest,
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


def test_pages_and_assets_are_cached_at_install_and_the_python_runtime_on_demand(site):
    manifest = build_manifest(site)
    assert set(manifest["groups"]["site"]) == {"", "about/", "zh/about/", "assets/site.css"}
    assert set(manifest["groups"]["wizard"]) == {"pyodide/pyodide.asm.wasm"}
    assert manifest["onDemand"] == ["wizard"]
    assert manifest["groups"]["site"]["about/"] == hashlib.sha256(b"about").hexdigest()


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
