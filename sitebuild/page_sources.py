"""Checks the sources a guide page shows: each is on an accepted publisher's domain
(rules/publishers.yaml), and every official page the text links to is listed in the front matter.

Run `python -m sitebuild.page_sources` for a report of every page; the build hook stops on the first page.
"""

import re
import sys
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from wizard.tooling.publishers import accepted_domains, is_accepted

from .paths import DOCS, ROOT
from .translations import FRONT_MATTER, front_matter

PUBLISHERS = ROOT / "rules" / "publishers.yaml"
FENCE = re.compile(r"^\s*(```|~~~)")
# Inline links and autolinks to external pages: [text](https://...) and <https://...>.
EXTERNAL_LINK = re.compile(r"\]\((https?://[^)\s]+)(?:\s+\"[^\"]*\")?\)|<(https?://[^>\s]+)>")
# A dated citation in the text: "(NIA, 2025-07-23)", "(Xinhua; MFA, 2025-11-03)", "（新华社，2024-01-11）".
PARENTHESES = re.compile(r"[(（]([^()（）]*)[)）]")
# Chinese prose writes the date 2024年1月11日 (issue 24); the citation is the same, so it is read as ISO.
DATED_CITATION = re.compile(
    r"^\s*(?P<who>[^\W\d_][^;；]*?)[,，]\s*(?P<date>\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日)\s*$"
)
CHINESE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _iso(date: str) -> str:
    found = CHINESE_DATE.fullmatch(date)
    return f"{found[1]}-{int(found[2]):02d}-{int(found[3]):02d}" if found else date


@lru_cache(maxsize=1)
def _site_domains() -> tuple[str, ...]:
    return accepted_domains(PUBLISHERS.parent)


def _same_page(url: str) -> str:
    """A URL compared without its scheme, fragment, a leading 'www.' or a trailing slash."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}"


def _is_site_root(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


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


def source_problems(sources: list, markdown: str, src_path: str, domains=None) -> list[str]:
    """`file: reason` lines for front-matter sources off the publisher list, and for what the text cites
    (a linked page other than an official site's home page given as a place to ask, or a dated
    "(Publisher, YYYY-MM-DD)" citation) that the front matter does not list."""
    domains = _site_domains() if domains is None else domains
    problems = []
    for index, source in enumerate(sources):
        url = str(source.get("url", ""))
        if not is_accepted(url, domains):
            problems.append(
                f"{src_path}: sources[{index}].url {url} is not on an accepted publisher's domain "
                f"(rules/publishers.yaml); cite the original publisher and keep a copy in read_at"
            )
        elif _is_site_root(url):
            problems.append(f"{src_path}: sources[{index}].url {url} is a site's home page; cite the page that says it")
    listed = {_same_page(str(source.get("url", ""))) for source in sources}
    for url in cited_links(markdown):
        if not is_accepted(url, domains):
            problems.append(f"{src_path}: the text links to {url}, which is not on an accepted publisher's domain")
        elif not _is_site_root(url) and _same_page(url) not in listed:
            problems.append(f"{src_path}: the text cites {url}, which is missing from the page's sources")
    dates = {str(source.get("date", "")) for source in sources}
    for who, date in dated_citations(markdown):
        if date not in dates:
            problems.append(
                f'{src_path}: the text cites "{who}, {date}" but no source in the front matter is dated {date}'
            )
    return problems


def report(docs: Path = DOCS) -> list[str]:
    lines = []
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        sources = front_matter(text).get("sources") or []
        lines.extend(source_problems(sources, text, str(page.relative_to(docs))))
    return lines


if __name__ == "__main__":
    problems = report()
    print("\n".join(problems) if problems else "Every page cites original publishers and lists what its text cites.")
    sys.exit(1 if problems else 0)
