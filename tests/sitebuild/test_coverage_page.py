"""The "What this guide covers" page body (sitebuild/coverage_page.py), from the real rules and guides."""

from pathlib import Path

import pytest
import yaml

from sitebuild import coverage_page

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_marker_becomes_one_row_per_entry_of_its_group_with_guide_links_and_wizard_results(lang):
    page = "| a | b | c |\n|---|---|---|\n<!-- coverage-map:visa_category -->\n"
    out = coverage_page.render(page, ROOT / "rules", ROOT / "docs" / lang, lang)
    rows = [line for line in out.splitlines() if line.startswith("| ") and "---" not in line][1:]
    # one row per entry of the map, read from it: a new category adds a row, not an edit here
    entries = yaml.safe_load((ROOT / "rules" / "coverage.yaml").read_text(encoding="utf-8"))["entries"]
    assert len(rows) == sum(entry["group"] == "visa_category" for entry in entries) and "coverage-map" not in out
    k_row = next(r for r in rows if "visas/young-talent-k.md" in r)
    assert k_row.count("](") == 1 and ("K visa" if lang == "en" else "K 字签证") in k_row


def test_a_guide_only_entry_shows_its_reason_instead_of_a_result():
    page = "<!-- coverage-map:help -->"
    out = coverage_page.render(page, ROOT / "rules", ROOT / "docs" / "en", "en")
    assert "hotline-12367.md" in out and "*The hotline is the fallback" in out


def test_a_marker_naming_no_group_of_the_map_stops_the_page():
    with pytest.raises(ValueError, match="no coverage entry in group 'visa_kinds'"):
        coverage_page.render("<!-- coverage-map:visa_kinds -->", ROOT / "rules", ROOT / "docs" / "en", "en")
