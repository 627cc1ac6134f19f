"""`python -m sitebuild.freshness`: the rules' review alarms and coming ends first, then guide pages
and rule policies by the age of their last review, oldest first, and the pages whose cited sources
are dated after the page was reviewed. A report about the clock: it never fails."""

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml

from wizard.tooling.review import review_lines

from .paths import DOCS, ROOT
from .translations import front_matter

RULES = ROOT / "rules"


class Item:
    """One reviewed thing: a page or a policy, its reviewed date and what the date rests on."""

    def __init__(self, kind, name, reviewed, detail=""):
        self.kind, self.name, self.reviewed, self.detail = kind, name, reviewed, detail


def _date(value):
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def rule_sources(rules_dir):
    """Source id -> date (or None) from rules/sources.yaml, for pages that cite rule sources by id."""
    path = Path(rules_dir) / "sources.yaml"
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {sid: _date(s.get("date")) if s.get("date") else None for sid, s in (data.get("sources") or {}).items()}


def pages(docs_dir, rules_dir):
    """(items, changed): one Item per page with front matter, and per page the sources dated later
    than its review as (page, reviewed, [(source label, date)])."""
    by_id = rule_sources(rules_dir)
    items, changed = [], []
    for path in sorted(Path(docs_dir).rglob("*.md")):
        meta = front_matter(path.read_text(encoding="utf-8"))
        reviewed = _date(meta.get("reviewed")) if meta.get("reviewed") else None
        if reviewed is None:
            continue
        name = path.relative_to(Path(docs_dir).parent).as_posix()
        items.append(Item("page", name, reviewed))
        later = []
        for source in meta.get("sources") or []:
            if isinstance(source, str):  # a source id of rules/sources.yaml
                label, date = source, by_id.get(source)
            elif isinstance(source, dict) and len(source) == 1:  # an id with the part relied on: {S08: "Art. 35"}
                label = next(iter(source))
                date = by_id.get(label)
            else:
                continue
            if date is not None and date > reviewed:
                later.append((str(label), date))
        if later:
            changed.append((name, reviewed, later))
    return items, changed


def policies(rules_dir):
    """One Item per rules/policies/*.yaml: its own `reviewed`, else the rule set's (index.yaml)."""
    rules_dir = Path(rules_dir)
    index = yaml.safe_load((rules_dir / "index.yaml").read_text(encoding="utf-8")) or {}
    fallback = _date(index.get("reviewed"))
    items = []
    for path in sorted((rules_dir / "policies").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        own = _date(data.get("reviewed")) if data.get("reviewed") else None
        ends = data.get("valid_to")
        detail = "valid to %s (%s end)" % (ends, data.get("end", "scheduled")) if ends else "no end date"
        if own is None:
            detail += "; no own review date, the rule set's (index.yaml) is used"
        reviewed = own or fallback
        if reviewed is not None:
            items.append(
                Item(
                    "policy",
                    "%s (%s)" % (data.get("id", path.stem), path.relative_to(rules_dir.parent).as_posix()),
                    reviewed,
                    detail,
                )
            )
    return items


def report(today, docs_dir=DOCS, rules_dir=RULES):
    """The report as lines of text."""
    page_items, changed = pages(docs_dir, rules_dir)
    items = sorted(page_items + policies(rules_dir), key=lambda i: (i.reviewed, i.kind, i.name))
    lines = review_lines(rules_dir, today)[0]
    lines.append("Freshness on %s: %d pages and policies by last review, oldest first" % (today, len(items)))
    for item in items:
        age = (today - item.reviewed).days
        extra = "  (%s)" % item.detail if item.detail else ""
        lines.append("  %s  %5d days  %-6s  %s%s" % (item.reviewed, age, item.kind, item.name, extra))
    lines.append("Pages whose cited sources are dated after the page was reviewed: %d" % len(changed))
    for name, reviewed, later in changed:
        cited = "; ".join("%s dated %s" % (label, date) for label, date in later)
        lines.append("  %s (reviewed %s): %s" % (name, reviewed, cited))
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m sitebuild.freshness", description=__doc__)
    parser.add_argument("--today", default=None, help="the date to count ages from, YYYY-MM-DD (default: today)")
    parser.add_argument("--docs", default=str(DOCS), help="the docs folder (default: docs)")
    parser.add_argument("--rules", default=str(RULES), help="the rules folder (default: rules)")
    args = parser.parse_args(argv)
    today = _date(args.today) if args.today else dt.date.today()
    if today is None:
        print("--today must be YYYY-MM-DD")
        return 2
    for line in report(today, Path(args.docs), Path(args.rules)):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
