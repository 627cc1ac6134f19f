"""The hosting configs written into the built site from sitebuild.embed's one table of headers:
`_headers` (Netlify, Cloudflare Pages) and `hosting/nginx.conf` (an nginx snippet for a server block),
and `hosting/nginx-precompressed.conf`, which has nginx send the build's `.gz`/`.br` copies."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .script_policy import HeaderRule, header_rules, named_pages

HEADERS_FILE = "_headers"
NGINX_FILE = "hosting/nginx.conf"
NGINX_PRECOMPRESSED_FILE = "hosting/nginx-precompressed.conf"
WRITTEN = (HEADERS_FILE, NGINX_FILE, NGINX_PRECOMPRESSED_FILE)
# The pre-compressed copies beside a file (sitebuild/precompress.py): a host sends one in place of
# its file, with the file's headers, so the configs name the file only.
COPY_SUFFIXES = (".br", ".gz")
INDEX = "index.html"


@dataclass(frozen=True)
class Selector:
    """Request paths a config rule names: exactly `path`, every path under the folder `path`
    ('prefix', ending in '/'), or every path ending in `path` ('suffix')."""

    kind: str
    path: str


def site_files(site_dir: Path) -> list[str]:
    """Every file of the built site, relative to its root (the hosting configs themselves and the
    pre-compressed copies of its files left out)."""
    return sorted(
        relative
        for file in site_dir.rglob("*")
        if file.is_file()
        and (relative := file.relative_to(site_dir).as_posix()) not in WRITTEN
        and not (file.suffix in COPY_SUFFIXES and file.with_suffix("").is_file())
    )


def alone(folder: str, files: list[str]) -> bool:
    """Whether a folder can be named whole: Netlify reads '/download/*' as ^/download/?(.*)
    (headers-parser/src/for_regexp.ts), which also matches '/downloads/…', so only if no other path
    begins like it."""
    return not any(file.startswith(folder[:-1]) and not file.startswith(folder) for file in files)


def page_selectors(page: str, files: list[str]) -> list[Selector]:
    """A page named by a rule ('/zh/wizard-embed/'): its folder whole when the page is all it holds
    (one rule instead of two: Cloudflare Pages allows 100), else its directory URL and its file."""
    folder = page[1:]
    if [file for file in files if file.startswith(folder)] == [folder + INDEX] and alone(folder, files):
        return [Selector("prefix", page)]
    return [Selector("exact", path) for path in (page, page + INDEX)]


def page_cover(files: Iterable[str], excluded: frozenset[str]) -> list[Selector]:
    """Selectors naming every page of the site (each .html file, and a folder's index.html also by its
    directory URL) except the excluded files, and nothing else that exists: a folder is named whole only
    when every file under it is such a page (few rules: Cloudflare Pages allows 100)."""
    files = sorted(files)

    def is_page(file: str) -> bool:
        return file.endswith(".html") and file not in excluded

    def walk(folder: str) -> list[Selector]:
        under = [file for file in files if file.startswith(folder)]
        if folder and under and all(map(is_page, under)) and alone(folder, files):
            return [Selector("prefix", "/" + folder)]
        selectors = []
        for file in under:
            name = file[len(folder) :]
            if "/" not in name and is_page(file):
                if name == INDEX:
                    selectors.append(Selector("exact", "/" + folder))
                selectors.append(Selector("exact", "/" + file))
        for sub in sorted({file[len(folder) :].split("/", 1)[0] for file in under if "/" in file[len(folder) :]}):
            selectors += walk(folder + sub + "/")
        return selectors

    return walk("")


def selectors(rule: HeaderRule, files: list[str], rules: tuple[HeaderRule, ...]) -> list[Selector]:
    """The paths a rule of the table names, as selectors every config can say."""
    if rule.other_pages:
        return page_cover(files, frozenset(page[1:] + INDEX for page in named_pages(rules)))
    found = [Selector("suffix", rule.suffix)] if rule.suffix else []
    found += [Selector("exact", file) for file in rule.files]
    found += [selector for page in rule.pages for selector in page_selectors(page, files)]
    return found


def config_rules(files: list[str]) -> list[tuple[Selector, HeaderRule]]:
    """The table's rules, each once per selector, checked to name no path twice."""
    rules = header_rules()
    pairs = [(selector, rule) for rule in rules for selector in selectors(rule, files, rules)]
    named = [selector for selector, _ in pairs]
    if len(set(named)) != len(named):
        raise ValueError(
            f"a path is named by two header rules: {sorted({s for s in named if named.count(s) > 1}, key=str)}"
        )
    return pairs


# --- _headers (Netlify, Cloudflare Pages) ----------------------------------------------------------
# Both read `_headers` at the site root: a path line, then indented `Name: value` lines; `*` is a splat
# (Cloudflare allows one per path, 100 rules, 2,000 characters a line). A path matched by several rules
# gets the headers of all; the same header from two rules Cloudflare joins with a comma
# (developers.cloudflare.com/pages/configuration/headers/), so the table never sets one header twice
# for a path (script_policy.header_rules). Netlify's parser: netlify/build packages/headers-parser.


def headers_pattern(selector: Selector) -> str:
    return {"exact": selector.path, "prefix": selector.path + "*", "suffix": "/*" + selector.path}[selector.kind]


def headers_file(files: list[str]) -> str:
    blocks = [
        "# Written by the build from sitebuild/embed.py (header_rules); edit that table, not this file.\n"
        '# Netlify and Cloudflare Pages read it from the site root (README, "Hosting").\n'
    ]
    for selector, rule in config_rules(files):
        lines = [headers_pattern(selector)] + [f"  {name}: {value}" for name, value in rule.headers.items()]
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


# --- nginx -----------------------------------------------------------------------------------------
# nginx serves a request from one location: an exact `=` match, else the first matching regex in order,
# else the longest matching prefix (nginx.org/en/docs/http/ngx_http_core_module.html#location, for the
# three kinds written here). add_header in a location replaces the server level's add_header lines
# rather than adding to them: they are "inherited from the previous configuration level if and only if
# there are no add_header directives defined on the current level"
# (nginx.org/en/docs/http/ngx_http_headers_module.html#add_header). So each location carries every
# header of its paths, the snippet sets nothing at the server level, and no two locations name one
# path. `always` adds the headers to error responses too (the 404 pages).
# A directory URL is served by an internal redirect to its index.html, which may be "processed in a
# different location" (nginx.org/r/index): each named page gets a location for both forms.
# A location's own `types` map replaces the inherited one, so each suffix location maps just its type.

NGINX_HEADER = """\
# Written by the build from sitebuild/embed.py (header_rules); edit that table, not this file.
# Include it in the server block that serves the built site (`root` at the site folder):
#     include /path/to/site/hosting/nginx.conf;
# Each location below sets all the headers of its paths. nginx drops the server block's own add_header
# lines inside a location that has add_header lines of its own: repeat yours in these locations, or
# (nginx 1.29.3 or later) put `add_header_inherit merge;` in the server block.
"""


def nginx_quoted(value: str) -> str:
    if re.search(r'["\\$]', value):
        raise ValueError(f"a header value nginx would read differently: {value}")
    return f'"{value}"'


def nginx_location(selector: Selector) -> str:
    if selector.kind == "suffix":
        return f"location ~ {re.escape(selector.path)}$"
    return f"location = {selector.path}" if selector.kind == "exact" else f"location {selector.path}"


def nginx_body(selector: Selector, headers: dict[str, str]) -> list[str]:
    lines = []
    for name, value in headers.items():
        if name.lower() == "content-type":
            # add_header would send a second Content-Type; a one-entry types map sets the only one.
            if selector.kind != "suffix":
                raise ValueError(f"{selector.path}: nginx sets Content-Type by file suffix only")
            lines.append(f"types {{ {value} {selector.path.lstrip('.')}; }}")
        else:
            lines.append(f"add_header {name} {nginx_quoted(value)} always;")
    return lines


def nginx_snippet(files: list[str]) -> str:
    blocks = [NGINX_HEADER]
    for selector, rule in config_rules(files):
        body = "".join(f"    {line}\n" for line in nginx_body(selector, dict(rule.headers)))
        blocks.append(f"{nginx_location(selector)} {{\n{body}}}\n")
    return "\n".join(blocks)


# --- nginx: the pre-compressed copies --------------------------------------------------------------
# gzip_static (ngx_http_gzip_static_module, in Debian's and most builds) sends name.gz for name to a
# browser that accepts gzip, with the headers of name's location and Content-Encoding: gzip; gzip_vary
# adds Vary: Accept-Encoding (nginx.org/en/docs/http/ngx_http_gzip_static_module.html). brotli_static
# is the ngx_brotli module's (github.com/google/ngx_brotli); an unknown directive stops nginx, so it
# is left for the admin to enable. Neither is add_header: both hold in every location of nginx.conf.

NGINX_PRECOMPRESSED = """\
# Written by the build (sitebuild/hosting.py). Has nginx send the build's pre-compressed copies
# (name.gz, name.br beside name): include it in the same server block as nginx.conf:
#     include /path/to/site/hosting/nginx-precompressed.conf;
gzip_static on;
gzip_vary on;
# With the ngx_brotli module loaded, also send name.br (a quarter smaller than .gz for the wasm):
# brotli_static on;
"""


def write_hosting_configs(site_dir: Path) -> list[Path]:
    """Write _headers and the nginx snippets for the files now in site_dir (the web build only: the
    offline bundle is opened from file://, where no header exists)."""
    files = site_files(site_dir)
    written = []
    configs = (
        (HEADERS_FILE, headers_file(files)),
        (NGINX_FILE, nginx_snippet(files)),
        (NGINX_PRECOMPRESSED_FILE, NGINX_PRECOMPRESSED),
    )
    for name, text in configs:
        target = site_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
