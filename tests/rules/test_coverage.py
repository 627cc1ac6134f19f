"""The coverage map (wizard/tooling/coverage.py): its routes are checked against the scenario files,
and the real map lists what Regulations Art. 6 enumerates."""

import json
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


def test_the_map_lists_the_seventeen_visa_labels_of_article_6_each_with_its_outcome():
    entries = load(RULES / "coverage.yaml", "rules/coverage.yaml").data["entries"]
    schema = json.loads((RULES / "schema" / "outcomes.schema.json").read_text(encoding="utf-8"))
    letters = schema["properties"]["outcomes"]["additionalProperties"]["properties"]["visa"]["enum"]
    categories = [e for e in entries if e["group"] == "visa_category"]
    assert len(letters) == 17 and len({letter[0] for letter in letters}) == 13
    assert sorted(o for e in categories for o in e["outcomes"]) == sorted("visa_" + v.lower() for v in letters)
