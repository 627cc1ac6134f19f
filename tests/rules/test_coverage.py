"""The coverage map (wizard/tooling/coverage.py): its routes are checked against the scenario files,
and the real map lists what Regulations Art. 6 enumerates."""

import shutil
from pathlib import Path

import pytest

from wizard.tooling.bundle import compile_rules
from wizard.tooling.errors import RuleError
from wizard.tooling.yamlfiles import load

from shared_rules import BUILD_DATE

RULES = Path(__file__).resolve().parents[2] / "rules"


def _copy_with_coverage(tmp_path, old, new):
    """The real rules, scenarios included, with `old` replaced by `new` in coverage.yaml."""
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    path = target / "coverage.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return target


def test_an_entry_whose_scenario_file_reaches_none_of_its_outcomes_fails(tmp_path):
    rules = _copy_with_coverage(tmp_path, "    scenarios: [k-visa]\n", "    scenarios: [transit]\n")
    with pytest.raises(RuleError) as caught:
        compile_rules(rules, BUILD_DATE, deep=False)
    assert any("no case in rules/scenarios/transit.yaml reaches visa_k" in str(p) for p in caught.value.problems)


def test_an_entry_naming_a_scenario_file_that_does_not_exist_fails(tmp_path):
    rules = _copy_with_coverage(tmp_path, "    scenarios: [k-visa]\n", "    scenarios: [k-visas]\n")
    with pytest.raises(RuleError) as caught:
        compile_rules(rules, BUILD_DATE, deep=False)
    assert any("no scenario file rules/scenarios/k-visas.yaml" in str(p) for p in caught.value.problems)


def test_every_visa_label_of_the_map_has_an_outcome_of_that_letter_and_sub_types_count_from_one():
    # The labels of Regulations Art. 6 are the map's visa_category entries (the one list): a new
    # category changes the rules, not this test; a label with no outcome, or J2 without J1, fails.
    entries = load(RULES / "coverage.yaml", "rules/coverage.yaml").data["entries"]
    outcomes = compile_rules(RULES, BUILD_DATE, deep=False).bundle["outcomes"]
    labels = [e["visa"] for e in entries if e["group"] == "visa_category"]
    assert len(labels) == len(set(labels)) > 1
    for entry in (e for e in entries if e["group"] == "visa_category"):
        assert entry["outcomes"], entry["id"]
        assert all(outcomes[oid]["visa"] == entry["visa"] for oid in entry["outcomes"]), entry["id"]
    for letter in {label[0] for label in labels}:
        digits = sorted(label[1:] for label in labels if label[0] == letter)
        assert digits in ([""], [str(n) for n in range(1, len(digits) + 1)]), letter
