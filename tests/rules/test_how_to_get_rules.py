"""rules/how-to-get.yaml is checked like the other rule files: an outcome without steps, an unknown
step or source, or a missing text stops the build with file, place and reason. Each case changes
one entry of a copy of the real rules, the first the file has, whatever it is today."""

import shutil
from pathlib import Path

import pytest
import yaml

from wizard.tooling.bundle import compile_rules
from wizard.tooling.errors import RuleError
from wizard.tooling.yamlfiles import load

from shared_rules import BUILD_DATE

RULES = Path(__file__).resolve().parents[2] / "rules"
HOW_TO_GET = load(RULES / "how-to-get.yaml", "rules/how-to-get.yaml").data
FIRST_OUTCOME = next(iter(HOW_TO_GET["outcomes"]))
FIRST_STEP = next(iter(HOW_TO_GET["steps"]))
SOURCES = load(RULES / "sources.yaml", "rules/sources.yaml").data["sources"]
UNKNOWN_SOURCE = next("S%d" % n for n in range(999, 9, -1) if "S%d" % n not in SOURCES)  # a well-formed id


def _broken(tmp_path, file, change):
    """The problems of a copy of the real rules whose `file` is rewritten by `change(data)`."""
    target = tmp_path / "rules"
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("scenarios"))
    path = target / file
    data = load(path, "rules/" + file).data
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        compile_rules(target, BUILD_DATE, deep=False)
    return [str(p) for p in caught.value.problems]


def test_an_outcome_without_steps_stops_the_build(tmp_path):
    def rename(data):
        data["outcomes"]["not_" + FIRST_OUTCOME] = data["outcomes"].pop(FIRST_OUTCOME)

    problems = _broken(tmp_path, "how-to-get.yaml", rename)
    assert any(
        p.startswith("rules/how-to-get.yaml:") and "outcome %r has no entry" % FIRST_OUTCOME in p for p in problems
    ), problems


def test_an_unknown_step_or_source_is_named_with_its_place(tmp_path):
    position = len(HOW_TO_GET["steps"][FIRST_STEP]["sources"])
    problems = _broken(
        tmp_path, "how-to-get.yaml", lambda data: data["steps"][FIRST_STEP]["sources"].append(UNKNOWN_SOURCE)
    )
    wanted = "/steps/%s/sources/%d: unknown source %r" % (FIRST_STEP, position, UNKNOWN_SOURCE)
    assert any(wanted in p for p in problems), problems


def test_a_missing_step_text_is_a_missing_translation(tmp_path):
    problems = _broken(tmp_path, "messages/zh.yaml", lambda data: data["how_to_get"]["steps"].pop(FIRST_STEP))
    assert any(p.startswith("rules/messages/zh.yaml:") and "how_to_get steps %r" % FIRST_STEP in p for p in problems), (
        problems
    )
