"""Guide links in the rules (an outcome's or a how-to-get step's `guide: visas/tourism-l/#fees`): the
page exists in every language's docs folder, and so does the anchor, so no language's result
links to a missing page or section."""

import re
from pathlib import Path

from markdown.extensions.toc import slugify

HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*(?:\{#([\w-]+)\})?\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def anchors(page: Path) -> set[str]:
    """The ids of the page's headings: an explicit {#id}, else the slug MkDocs makes."""
    found, fenced = set(), False
    for line in page.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else HEADING.match(line)
        if heading:
            found.add(heading.group(2) or slugify(heading.group(1), "-"))
    return found


def problems(docs_root: Path, guide: str, languages) -> list[str]:
    """What is missing for `guide` under each language's folder beside docs_root (docs/en -> docs/zh)."""
    page, _, anchor = guide.partition("#")
    page = page.rstrip("/")
    missing = []
    for lang in sorted(languages):
        root = docs_root.parent / lang
        if not root.is_dir():
            continue  # a docs tree without this language (a rules-only check) has nothing to link
        path = next((p for p in (root / page / "index.md", root / (page + ".md")) if p.exists()), None)
        if path is None:
            missing.append("no guide page for %r in %s" % (guide, root))
        elif anchor and anchor not in anchors(path):
            missing.append("no heading with anchor #%s in %s" % (anchor, path))
    return missing
