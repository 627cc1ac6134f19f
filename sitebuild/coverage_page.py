"""The "What this guide covers" page: the coverage map (rules/coverage.yaml) as table rows, one
table per group, in the page's language, at the page's `<!-- coverage-map:GROUP -->` markers."""

import re
from pathlib import Path

from wizard.tooling.yamlfiles import load

MARKER = re.compile(r"<!-- coverage-map:([a-z_]+) -->")
_HEADING = re.compile(r"^# (.+?)(?:\s*\{#[^}]*\})?\s*$", re.MULTILINE)


def _cell(text):
    """Text safe inside a markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _guide_link(docs_lang: Path, guide: str):
    """A link to a guide page (and section), named by the page's title."""
    path, _, anchor = guide.partition("#")
    page = path.rstrip("/")
    source = page + ".md" if (docs_lang / (page + ".md")).exists() else page + "/index.md"
    match = _HEADING.search((docs_lang / source).read_text(encoding="utf-8"))
    title = match.group(1) if match else page
    return "[%s](%s%s)" % (_cell(title), source, "#" + anchor if anchor else "")


def rows(rules_dir, docs_lang, lang, group):
    """The table rows of one group: what, the guide pages, the wizard's results (or why none)."""
    rules_dir, docs_lang = Path(rules_dir), Path(docs_lang)
    entries = load(rules_dir / "coverage.yaml", "rules/coverage.yaml").data["entries"]
    outcomes = load(rules_dir / "messages" / ("%s.yaml" % lang), "rules/messages/%s.yaml" % lang).data["outcomes"]
    lines = []
    for entry in entries:
        if entry["group"] != group:
            continue
        guides = "<br>".join(_guide_link(docs_lang, g) for g in entry["guide"])
        if "guide_only" in entry:
            wizard = "*%s*" % _cell(entry["guide_only"][lang])
        else:
            wizard = "<br>".join(_cell(outcomes[o]["title"]) for o in entry["outcomes"])
        lines.append("| %s | %s | %s |" % (_cell(entry["name"][lang]), guides, wizard))
    if not lines:
        raise ValueError("no coverage entry in group %r" % group)
    return "\n".join(lines)


def render(markdown, rules_dir, docs_lang, lang):
    """The page with each marker replaced by its group's rows."""
    return MARKER.sub(lambda m: rows(rules_dir, docs_lang, lang, m.group(1)), markdown)
