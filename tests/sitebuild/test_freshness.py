"""The freshness report lists pages and policies oldest first and flags pages whose sources are
dated after the page was reviewed."""

import re
import subprocess
import sys

from sitebuild import freshness
from sitebuild.paths import DOCS, ROOT

LINE = re.compile(r"^  (\d{4}-\d{2}-\d{2}) +(-?\d+) days  (page|policy) +(\S+)")


def _page(path, reviewed, sources):
    """A page citing (id, date) sources by id; the dates go to the registry the rules folder holds."""
    lines = ["---", "reviewed: %s" % reviewed, "sources:"] + ["  - %s" % sid for sid, _ in sources]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines + ["---", "", "# Page", ""]), encoding="utf-8")
    return sources


def _sources(root, sources):
    entries = "".join("  %s: {publisher: P, title: T, date: %s}\n" % (sid, date) for sid, date in sources)
    (root / "sources.yaml").write_text("kind: sources\nsources:\n" + entries, encoding="utf-8")


def _rules(root, policies):
    (root / "policies").mkdir(parents=True)
    (root / "index.yaml").write_text("kind: index\nreviewed: 2026-01-01\n", encoding="utf-8")
    for name, extra in policies.items():
        (root / "policies" / (name + ".yaml")).write_text("kind: policy\nid: %s\n%s" % (name, extra), encoding="utf-8")


def test_the_report_orders_by_review_date_and_flags_sources_dated_after_the_review(tmp_path):
    docs, rules = tmp_path / "docs", tmp_path / "rules"
    fresh = _page(docs / "en" / "fresh.md", "2026-11-20", [("S90", "2012-06-30")])
    stale = _page(docs / "en" / "stale.md", "2025-03-01", [("S91", "2025-06-01"), ("S92", "2024-01-01")])
    _rules(rules, {"checked": "reviewed: 2026-11-29\nvalid_to: 2026-12-31\n", "unchecked": ""})
    _sources(rules, fresh + stale)
    lines = freshness.report(freshness._date("2026-11-29"), docs, rules)
    listed = [LINE.match(line).groups() for line in lines if LINE.match(line)]
    assert [(d, k, n.split("/")[-1]) for d, _, k, n in listed] == [
        ("2025-03-01", "page", "stale.md"),
        ("2026-01-01", "policy", "unchecked"),
        ("2026-11-20", "page", "fresh.md"),
        ("2026-11-29", "policy", "checked"),
    ]
    assert listed[0][1] == str((freshness._date("2026-11-29") - freshness._date("2025-03-01")).days)
    changed = lines[lines.index(next(line for line in lines if line.startswith("Pages whose"))) + 1 :]
    assert changed == ["  docs/en/stale.md (reviewed 2025-03-01): S91 dated 2025-06-01"]
    assert any("unchecked" in line and "the rule set's (index.yaml) is used" in line for line in lines)


def test_a_page_citing_a_rule_source_by_id_uses_that_source_s_date(tmp_path):
    docs, rules = tmp_path / "docs", tmp_path / "rules"
    _rules(rules, {})
    (rules / "sources.yaml").write_text(
        "kind: sources\nsources:\n  S99: {publisher: P, title: T, date: 2026-05-01}\n", encoding="utf-8"
    )
    page = docs / "en" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\nreviewed: 2026-04-01\nsources: [S99]\n---\n# X\n", encoding="utf-8")
    _, changed = freshness.pages(docs, rules)
    assert changed == [("docs/en/x.md", freshness._date("2026-04-01"), [("S99", freshness._date("2026-05-01"))])]


def test_a_page_citing_an_article_of_a_source_uses_that_source_s_date(tmp_path):
    docs, rules = tmp_path / "docs", tmp_path / "rules"
    _rules(rules, {})
    _sources(rules, [("S98", "2026-05-01")])
    page = docs / "en" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text('---\nreviewed: 2026-04-01\nsources:\n  - S98: "Art. 35"\n---\n# X\n', encoding="utf-8")
    _, changed = freshness.pages(docs, rules)
    assert changed == [("docs/en/x.md", freshness._date("2026-04-01"), [("S98", freshness._date("2026-05-01"))])]


def test_the_command_reports_every_page_and_policy_of_the_repository_oldest_first():
    run = subprocess.run(
        [sys.executable, "-m", "sitebuild.freshness", "--today", "2026-11-29"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    listed = [LINE.match(line).groups() for line in lines if LINE.match(line)]
    pages = [p for p in DOCS.rglob("*.md") if "reviewed:" in p.read_text(encoding="utf-8").split("\n---", 1)[0]]
    policies = list((ROOT / "rules" / "policies").glob("*.yaml"))
    assert len(listed) == len(pages) + len(policies)
    dates = [d for d, _, _, _ in listed]
    assert dates == sorted(dates)
    assert lines[0].startswith("Review of the rules on 2026-11-29: ")  # alarms and coming ends come first
    assert any(line.startswith("Freshness on 2026-11-29: %d pages and policies" % len(listed)) for line in lines)
    assert any(line.startswith("Pages whose cited sources are dated after the page was reviewed:") for line in lines)
