"""rules/how-to-get.yaml is checked like the other rule files: an outcome without steps, an unknown
step or source, or a missing text stops the build with file, place and reason."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from wizard.tooling.bundle import compile_rules
from wizard.tooling.errors import RuleError

RULES = Path(__file__).resolve().parents[2] / "rules"


def _broken(tmp_path, file, old, new):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("scenarios"))
    path = target / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        compile_rules(target, dt.date(2026, 11, 23), deep=False)
    return [str(p) for p in caught.value.problems]


def test_an_outcome_without_steps_stops_the_build(tmp_path):
    problems = _broken(tmp_path, "how-to-get.yaml", "  visa_c: [", "  not_visa_c: [")
    assert any(p.startswith("rules/how-to-get.yaml:") and "outcome 'visa_c' has no entry" in p for p in problems), (
        problems
    )


def test_an_unknown_step_or_source_is_named_with_its_place(tmp_path):
    problems = _broken(tmp_path, "how-to-get.yaml", "    sources: [S200, S201]", "    sources: [S200, S249]")
    assert any("/steps/visa_fee_table/sources/1: unknown source 'S249'" in p for p in problems), problems


def test_a_missing_step_text_is_a_missing_translation(tmp_path):
    problems = _broken(tmp_path, "messages/zh.yaml", "    visa_free_no_fee: 无签证费。\n", "")
    assert any(
        p.startswith("rules/messages/zh.yaml:") and "how_to_get steps 'visa_free_no_fee'" in p for p in problems
    ), problems
