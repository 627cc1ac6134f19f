"""The unused-source warning counts the guide pages' citations as well as the rules'."""

import re
import shutil
from pathlib import Path

from wizard.tooling.bundle import compile_rules
from wizard.tooling.page_citations import page_cited_sources

from shared_rules import BUILD_DATE

ROOT = Path(__file__).resolve().parents[2]


def test_the_ids_of_every_form_of_page_citation_are_read(tmp_path):
    page = tmp_path / "en" / "page.md"
    page.parent.mkdir()
    page.write_text('---\nreviewed: 2026-12-06\nsources:\n  - S24\n  - S08: "Art. 35"\n---\n\n# A page\n', "utf-8")
    (tmp_path / "en" / "no-front-matter.md").write_text("# Only text\n", "utf-8")
    assert page_cited_sources(tmp_path) == {"S24", "S08"}
    assert page_cited_sources(tmp_path / "missing") == set()


def _unused(rules):
    """The ids the compile warns nobody cites."""
    found = (
        re.search(r"source (S\d+) is not cited", str(w)) for w in compile_rules(rules, BUILD_DATE, deep=False).warnings
    )
    return {m[1] for m in found if m}


def test_a_source_only_a_page_cites_is_no_warning_and_one_nobody_cites_is(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules, ignore=shutil.ignore_patterns("scenarios"))
    without_pages = _unused(rules)  # no docs folder beside this copy
    page_only = without_pages & page_cited_sources(ROOT / "docs")
    assert page_only, "no source is cited only by pages any more: the test needs one"
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    assert _unused(rules) == without_pages - page_only
