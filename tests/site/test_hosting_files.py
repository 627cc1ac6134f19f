"""The hosting configs of the real build: for every file of the built site and every directory URL,
`_headers` (read as Netlify does) and hosting/nginx.conf (read as nginx does) give exactly
sitebuild.script_policy.hosting_headers(path); the offline copy, opened from file://, ships neither."""

from hosting_emulators import headers_file_headers, nginx_headers, parse_headers_file

from sitebuild import embed, script_policy
from sitebuild.hosting import HEADERS_FILE, NGINX_FILE, WRITTEN, site_files
from sitebuild.service_worker import read_manifest


def test_every_path_of_the_built_site_gets_the_headers_of_the_table_from_both_configs(site_dir):
    headers_text = (site_dir / HEADERS_FILE).read_text("utf-8")
    nginx_text = (site_dir / NGINX_FILE).read_text("utf-8")
    files = site_files(site_dir)
    paths = ["/" + name for name in files] + [
        "/" + name[: -len("index.html")] for name in files if name.endswith("index.html")
    ]
    kinds = {
        "/visas/tourism-l/",
        "/wizard/",
        "/zh/wizard/",
        "/wizard-embed/",
        "/zh/wizard-embed/",
        "/wizard/webmasters/",
        "/sw.js",
        "/pyodide/pyodide.asm.wasm",
        "/pyodide/pyodide.mjs",
        "/assets/wizard/worker.js",
        "/404.html",
        "/zh/404.html",
    }
    assert kinds <= set(paths)
    wrong = []
    for path in paths:
        expected = {name: [value] for name, value in script_policy.hosting_headers(path).items()}
        for host, found in (
            ("_headers", headers_file_headers(headers_text, path)),
            ("nginx", nginx_headers(nginx_text, path)),
        ):
            if found != expected:
                wrong.append(f"{host} {path}: {found} != {expected}")
    assert wrong == []
    assert len(parse_headers_file(headers_text)) <= 100  # Cloudflare Pages' limit (README says so)
    print(f"{len(paths)} paths agree")


def test_the_configs_are_for_the_host_not_for_the_service_worker_to_cache(site_dir):
    listed = {path for group in read_manifest(site_dir)["groups"].values() for path in group}
    assert not listed & set(WRITTEN)


def test_the_offline_copy_ships_no_hosting_config(offline_copy):
    assert not any((offline_copy.site_dir / name).exists() for name in WRITTEN)
    assert not (offline_copy.site_dir / NGINX_FILE).parent.exists()
