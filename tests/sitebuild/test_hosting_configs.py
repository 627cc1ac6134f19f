"""The hosting configs written from sitebuild.script_policy's table of headers: for every path of a site holding
each kind of page and file, `_headers` read as Netlify does and the nginx snippet read as nginx does
give exactly hosting_headers(path), each header once. (tests/site/test_hosting_files.py: the real build.)"""

import pytest
from hosting_emulators import headers_file_headers, nginx_headers, parse_headers_file, parse_nginx, path_regexp

from sitebuild import script_policy
from sitebuild.hosting import HEADERS_FILE, NGINX_FILE, page_cover, write_hosting_configs

# One of each: guide pages, each language's wizard and embed, the webmasters' page, the 404 pages,
# the service worker, the Python runtime (wasm, module, classic script), the wizard's worker, assets.
SITE_FILES = [
    "index.html",
    "404.html",
    "download/index.html",
    "visas/index.html",
    "visas/tourism-l/index.html",
    "glossary/index.html",
    "wizard/index.html",
    "wizard/webmasters/index.html",
    "wizard-embed/index.html",
    "zh/index.html",
    "zh/404.html",
    "zh/visas/tourism-l/index.html",
    "zh/wizard/index.html",
    "zh/wizard/webmasters/index.html",
    "zh/wizard-embed/index.html",
    "sw.js",
    "sw-retire.js",
    "sitemap.xml",
    "search/search_index.json",
    "downloads/bundle.zip",
    "pyodide/pyodide.asm.wasm",
    "pyodide/pyodide.mjs",
    "pyodide/pyodide.asm.mjs",
    "pyodide/pyodide.js",
    "assets/wizard/worker.js",
    "assets/wizard/bundle.json",
    "assets/stylesheets/main.css",
]


def make_site(root, files):
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name, "utf-8")
    write_hosting_configs(root)
    return (root / HEADERS_FILE).read_text("utf-8"), (root / NGINX_FILE).read_text("utf-8")


def request_paths(files):
    """Every file as requested, and each folder's index.html also by its directory URL."""
    paths = ["/" + name for name in files]
    return paths + ["/" + name[: -len("index.html")] for name in files if name.endswith("index.html")]


def single(headers: dict[str, list[str]]) -> dict[str, str]:
    assert all(len(values) == 1 for values in headers.values()), f"a header set twice: {headers}"
    return {name: values[0] for name, values in headers.items()}


@pytest.fixture(scope="module")
def configs(tmp_path_factory):
    return make_site(tmp_path_factory.mktemp("site"), SITE_FILES)


@pytest.mark.parametrize("path", request_paths(SITE_FILES))
def test_every_path_gets_from_headers_and_from_nginx_exactly_the_headers_of_the_table(configs, path):
    headers_text, nginx_text = configs
    expected = script_policy.hosting_headers(path)
    assert single(headers_file_headers(headers_text, path)) == expected
    assert single(nginx_headers(nginx_text, path)) == expected


@pytest.mark.parametrize("host", ["_headers", "nginx"])
def test_each_kind_of_path_gets_what_the_site_needs(configs, host):
    headers_text, nginx_text = configs
    read = {
        "_headers": lambda path: headers_file_headers(headers_text, path),
        "nginx": lambda path: nginx_headers(nginx_text, path),
    }[host]
    assert read("/zh/wizard-embed/")["Content-Security-Policy"] == [script_policy.EMBED_HEADER_CSP]
    assert read("/zh/wizard/")["Content-Security-Policy"] == [
        f"{script_policy.WIZARD_PAGE_CSP}; frame-ancestors 'none'"
    ]
    assert read("/visas/tourism-l/")["X-Frame-Options"] == ["DENY"]
    assert read("/pyodide/pyodide.asm.wasm") == {"Content-Type": ["application/wasm"]}
    assert read("/sw.js") == {"Cache-Control": ["no-cache"]}
    # The wizard's worker compiles WebAssembly: a page policy without 'wasm-unsafe-eval' must not reach it.
    assert read("/assets/wizard/worker.js") == {}


def test_a_folder_holding_anything_but_pages_is_named_page_by_page(tmp_path):
    files = ["visas/index.html", "visas/map.png", "about/index.html"]
    headers_text, nginx_text = make_site(tmp_path, files)
    patterns = [pattern for pattern, _ in parse_headers_file(headers_text)]
    assert "/visas/*" not in patterns and "/visas/" in patterns and "/about/*" in patterns
    assert headers_file_headers(headers_text, "/visas/map.png") == {} == nginx_headers(nginx_text, "/visas/map.png")


def test_a_folder_whose_name_begins_another_is_named_page_by_page(tmp_path):
    headers_text, nginx_text = make_site(tmp_path, ["download/index.html", "downloads/bundle.zip"])
    assert "/download/*" not in [pattern for pattern, _ in parse_headers_file(headers_text)]
    assert (
        headers_file_headers(headers_text, "/downloads/bundle.zip")
        == {}
        == nginx_headers(nginx_text, "/downloads/bundle.zip")
    )


def test_the_cover_names_no_excluded_page_and_every_other_one():
    cover = page_cover(SITE_FILES, frozenset({"wizard/index.html", "zh/wizard/index.html"}))
    named = {(selector.kind, selector.path) for selector in cover}
    assert ("prefix", "/wizard/webmasters/") in named and ("exact", "/wizard/") not in named
    assert ("exact", "/zh/") in named and ("exact", "/zh/index.html") in named and ("prefix", "/visas/") in named
    assert not any(path.startswith(("/pyodide", "/assets", "/search")) for _, path in named)


def test_the_headers_file_keeps_within_cloudflare_pages_limits(configs):
    headers_text, _ = configs
    rules = parse_headers_file(headers_text)
    assert len(rules) <= 100  # rules a project may have
    assert all(len(line) <= 2000 for line in headers_text.splitlines())
    assert all(pattern.count("*") <= 1 for pattern, _ in rules)  # one splat a path


def test_every_nginx_header_is_sent_always_and_nothing_is_set_outside_a_location(configs):
    _, nginx_text = configs
    locations = parse_nginx(nginx_text)  # refuses anything but location blocks
    assert locations and all(always for location in locations for _, _, always in location.add_header)
    assert len({(loc.modifier, loc.pattern) for loc in locations}) == len(locations)  # nginx refuses duplicates


def test_a_value_nginx_would_read_differently_fails_the_build(monkeypatch, tmp_path):
    rules = script_policy.header_rules()
    broken = (*rules[:-1], script_policy.HeaderRule({"X-Test": 'say "$host"'}, other_pages=True))
    monkeypatch.setattr("sitebuild.hosting.header_rules", lambda: broken)
    with pytest.raises(ValueError, match="nginx would read differently"):
        make_site(tmp_path, ["index.html"])


def test_two_rules_naming_one_path_fail_the_build(monkeypatch, tmp_path):
    rules = (*script_policy.header_rules(), script_policy.HeaderRule({"X-Test": "1"}, files=("/sw.js",)))
    monkeypatch.setattr("sitebuild.hosting.header_rules", lambda: rules)
    with pytest.raises(ValueError, match="named by two header rules"):
        make_site(tmp_path, ["sw.js"])


@pytest.mark.parametrize(
    "pattern, path, matches",
    [
        ("/visas/*", "/visas/", True),
        ("/visas/*", "/visas/tourism-l/index.html", True),
        ("/visas/*", "/visa-free/", False),
        ("/wizard/", "/wizard", True),
        ("/wizard/", "/wizard/webmasters/", False),
        ("/*.wasm", "/pyodide/pyodide.asm.wasm", True),
        ("/*.wasm", "/pyodide/pyodide.js", False),
        ("/", "/", True),
    ],
)
def test_the_reader_matches_paths_as_netlify_does(pattern, path, matches):
    assert bool(path_regexp(pattern).match(path)) is matches


def test_the_nginx_reader_serves_a_directory_url_from_the_location_of_its_index_file():
    text = 'location = /a/ { add_header X "dir" always; }\nlocation /a/ { add_header X "prefix" always; }\n'
    assert nginx_headers(text, "/a/") == {"X": ["prefix"]}  # the internal redirect to /a/index.html
    assert nginx_headers(text + 'location ~ \\.html$ { add_header X "regex" always; }\n', "/a/") == {"X": ["regex"]}


def test_pre_compressed_copies_are_served_as_their_file_so_the_configs_name_only_the_file(tmp_path):
    from sitebuild.hosting import site_files

    files = ["visas/index.html", "visas/index.html.br", "visas/index.html.gz", "pyodide/a.wasm", "pyodide/a.wasm.br"]
    headers_text, nginx_text = make_site(tmp_path, [*files, "sitemap.xml.gz"])
    assert site_files(tmp_path) == ["pyodide/a.wasm", "sitemap.xml.gz", "visas/index.html"]
    # The folder of pages is still named whole: its copies are not files of their own.
    assert "/visas/*" in headers_text


def test_nginx_is_told_to_send_the_gzip_copies_with_vary_and_how_to_send_the_brotli_ones(tmp_path):
    from sitebuild.hosting import NGINX_PRECOMPRESSED_FILE

    make_site(tmp_path, ["index.html"])
    directives = [
        line for line in (tmp_path / NGINX_PRECOMPRESSED_FILE).read_text("utf-8").splitlines() if line[:1] not in "#"
    ]
    assert directives == ["gzip_static on;", "gzip_vary on;"]
    assert "# brotli_static on;" in (tmp_path / NGINX_PRECOMPRESSED_FILE).read_text("utf-8")
