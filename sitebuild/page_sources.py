"""Checks the sources guide pages show: the registry they cite by id (rules/sources.yaml) shows no copy
(a host rules/publishers.yaml lists under `copies`) and one URL in one entry; every official page the
text links to is among the page's sources, and no text links to a copy an entry keeps out of sight.

Run `python -m sitebuild.page_sources` for a report of every page; the build hook stops on the first problem.
"""

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from wizard.tooling.publishers import accepted_domains, host_of, is_accepted

from .paths import DOCS, ROOT
from .translations import FRONT_MATTER, front_matter

RULES = ROOT / "rules"
FENCE = re.compile(r"^\s*(```|~~~)")
# Inline links and autolinks to external pages: [text](https://...) and <https://...>.
EXTERNAL_LINK = re.compile(r"\]\((https?://[^)\s]+)(?:\s+\"[^\"]*\")?\)|<(https?://[^>\s]+)>")
# A dated citation in the text: "(NIA, 2025-07-23)", "(Xinhua; MFA, 2025-11-03)", "（新华社，2024-01-11）".
PARENTHESES = re.compile(r"[(（]([^()（）]*)[)）]")
# Chinese prose writes the date 2024年1月11日 (issue 24); the citation is the same, so it is read as ISO.
DATED_CITATION = re.compile(
    r"^\s*(?P<who>[^\W\d_][^;；]*?)[,，]\s*(?P<date>\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日)\s*$"
)
# An address inside read_at's free text ("www.ezhou.gov.cn/... (repost ...); gwgpac.org/page91?...").
ADDRESS = re.compile(r"(?:https?://)?[\w-]+(?:\.[\w-]+)+/[^\s;,()]*")
CHINESE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _iso(date: str) -> str:
    found = CHINESE_DATE.fullmatch(date)
    return f"{found[1]}-{int(found[2]):02d}-{int(found[3]):02d}" if found else date


@lru_cache(maxsize=1)
def _site_domains() -> tuple[str, ...]:
    return accepted_domains(RULES)


def same_page(url: str) -> str:
    """A URL compared without its scheme, fragment, a leading 'www.' or a trailing slash."""
    parts = urlsplit(url if "://" in url else "http://" + url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}"


_same_page = same_page


def _is_site_root(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


@dataclass
class Registry:
    """rules/sources.yaml as pages see it: the entries by id, the id of each shown URL, the id of each
    copy kept out of sight (read_at), and the copy hosts of rules/publishers.yaml."""

    entries: dict = field(default_factory=dict)
    by_url: dict = field(default_factory=dict)
    by_copy: dict = field(default_factory=dict)
    copies: dict = field(default_factory=dict)


def registry_from(sources: dict, copies: list | None = None) -> Registry:
    registry = Registry(entries=dict(sources), copies={str(c["host"]).lower(): c["why"] for c in copies or []})
    for sid, entry in sources.items():
        if entry.get("url") and not entry.get("part_of"):
            registry.by_url.setdefault(same_page(str(entry["url"])), sid)
        for address in ADDRESS.findall(str(entry.get("read_at", ""))):
            registry.by_copy.setdefault(same_page(address), sid)
    return registry


@lru_cache(maxsize=1)
def load_registry(rules_dir: Path = RULES) -> Registry:
    sources = yaml.safe_load((rules_dir / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    publishers = yaml.safe_load((rules_dir / "publishers.yaml").read_text(encoding="utf-8"))
    return registry_from(sources, publishers.get("copies"))


def _copy_host(url: str, copies: dict) -> str | None:
    host = host_of(url).removeprefix("www.")
    return next((h for h in copies if host == h or host.endswith("." + h)), None)


def registry_problems(registry: Registry) -> list[str]:
    """`rules/sources.yaml: reason` lines for a shown URL on a copy host or kept as a copy in another entry's
    read_at, and for a URL in two entries (allowed only for an entry that is `part_of` the entry holding it)."""
    problems = []
    for sid, entry in registry.entries.items():
        url = entry.get("url")
        if not url:
            continue
        host = _copy_host(str(url), registry.copies)
        if host:
            problems.append(
                f"rules/sources.yaml: {sid} shows {url}, a copy ({host}: {registry.copies[host]}); "
                f"cite the original publisher and keep the copy in read_at"
            )
        keeper = registry.by_copy.get(same_page(str(url)))
        if keeper:
            problems.append(
                f"rules/sources.yaml: {sid} shows {url}, which {keeper} keeps out of sight as a copy (read_at); "
                f"a copy is never shown, and an original does not belong in read_at"
            )
        owner = registry.by_url.get(same_page(str(url)))
        if owner != sid and entry.get("part_of") != owner:
            problems.append(
                f"rules/sources.yaml: {sid} repeats the url of {owner}; one URL lives in one entry "
                f"(cite {owner}, or say `part_of: {owner}` for an article of the same text)"
            )
    return problems


def cited_links(markdown: str) -> list[str]:
    """External links in the page text, outside code blocks, in order of appearance."""
    links, fenced = [], False
    for line in FRONT_MATTER.sub("", markdown, count=1).splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            links.extend(first or second for first, second in EXTERNAL_LINK.findall(line))
    return links


def dated_citations(markdown: str) -> list[tuple[str, str]]:
    """(who, date) for each "(Publisher, YYYY-MM-DD)" citation in the page text."""
    found = []
    for line in FRONT_MATTER.sub("", markdown, count=1).splitlines():
        for inside in PARENTHESES.findall(line):
            for part in re.split(r"[;；]", inside):
                citation = DATED_CITATION.match(part)
                if citation:
                    found.append((citation["who"].strip(), _iso(citation["date"])))
    return found


def source_problems(
    sources: list, markdown: str, src_path: str, registry: Registry | None = None, domains=None
) -> list[str]:
    """`file: reason` lines for what the text cites that the page's (resolved) sources do not list: a
    linked page other than an official site's home page given as a place to ask, a link to a copy the
    registry keeps out of sight, or a dated "(Publisher, YYYY-MM-DD)" citation."""
    registry = load_registry() if registry is None else registry
    domains = _site_domains() if domains is None else domains
    problems = []
    listed = {same_page(str(source["url"])) for source in sources if source.get("url")}
    for url in cited_links(markdown):
        hidden = registry.by_copy.get(same_page(url))
        if hidden and same_page(url) not in listed:
            problems.append(
                f"{src_path}: the text links to {url}, a copy that {hidden} in rules/sources.yaml keeps out of sight (read_at)"
            )
        elif not is_accepted(url, domains):
            problems.append(f"{src_path}: the text links to {url}, which is not on an accepted publisher's domain")
        elif not _is_site_root(url) and same_page(url) not in listed:
            problems.append(f"{src_path}: the text cites {url}, which is missing from the page's sources")
    dates = {str(source.get("date", "")) for source in sources}
    for who, date in dated_citations(markdown):
        if date not in dates:
            problems.append(
                f'{src_path}: the text cites "{who}, {date}" but no source in the front matter is dated {date}'
            )
    return problems


def report(docs: Path = DOCS) -> list[str]:
    """Every problem: the registry's first, then each page's (its lang is its folder under docs/)."""
    from .page_meta import PageMetaError, checked_meta  # page_meta imports this module

    registry = load_registry()
    lines = registry_problems(registry)
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        name = str(page.relative_to(docs))
        meta = front_matter(text)
        if "reviewed" not in meta:
            continue
        try:
            sources = checked_meta(meta, name, page.relative_to(docs).parts[0], registry)["sources"]
        except PageMetaError as error:
            lines.append(str(error))
            continue
        lines.extend(source_problems(sources, text, name, registry))
    return lines


if __name__ == "__main__":
    problems = report()
    print(
        "\n".join(problems) if problems else "Every page cites registered sources by id, and no shown source is a copy."
    )
    sys.exit(1 if problems else 0)
