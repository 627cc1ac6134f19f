"""The message catalogues (wizard/tooling/catalogues.py): every interface string of the wizard in
every language, none the schema does not describe, no placeholders; a missing one stops the build
with file, line, pointer and reason instead of falling back to another language."""

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from wizard.tooling.bundle import compile_rules
from wizard.tooling.errors import RuleError

from shared_rules import BUILD_DATE

RULES = Path(__file__).resolve().parents[2] / "rules"


def _copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("scenarios"))
    return target


def _patched(tmp_path, file, old, new):
    target = _copy(tmp_path)
    path = target / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def _interface_line(file, key):
    """The line of interface string `key` in the real catalogue `file`, whatever its wording today."""
    text = (RULES / file).read_text(encoding="utf-8")
    found = re.findall(r"^  %s: .*\n" % key, text.split("\ninterface:\n", 1)[1], re.M)
    assert len(found) == 1, (file, key, found)
    return found[0]


def _problems(target):
    with pytest.raises(RuleError) as caught:
        compile_rules(target, BUILD_DATE, deep=False)
    return [str(p) for p in caught.value.problems]


def _interface_keys():
    schema = json.loads((RULES / "schema" / "messages.schema.json").read_text(encoding="utf-8"))
    return list(schema["properties"]["interface"]["properties"])


def test_every_catalogue_has_exactly_the_interface_strings_the_schema_describes(bundle):
    for lang, strings in bundle["ui"].items():
        assert list(strings) == _interface_keys(), lang


def test_a_missing_interface_string_fails_with_file_line_pointer_and_its_name(tmp_path):
    problems = _problems(_patched(tmp_path, "messages/zh.yaml", _interface_line("messages/zh.yaml", "back"), ""))
    assert len(problems) == 1, problems
    assert re.fullmatch(
        r"rules/messages/zh\.yaml:\d+:/interface: missing translation: interface string 'back'", problems[0]
    ), problems


def test_an_english_interface_string_missing_fails_too_as_english_is_no_fallback(tmp_path):
    problems = _problems(_patched(tmp_path, "messages/en.yaml", _interface_line("messages/en.yaml", "back"), ""))
    assert problems == [p for p in problems if p.startswith("rules/messages/en.yaml:")], problems
    assert any(p.endswith("missing translation: interface string 'back'") for p in problems), problems


def test_an_unknown_interface_string_fails_naming_it(tmp_path):
    back = _interface_line("messages/zh.yaml", "back")
    problems = _problems(_patched(tmp_path, "messages/zh.yaml", back, back + '  bakc: "上一步"\n'))
    assert len(problems) == 1, problems
    assert re.fullmatch(r"rules/messages/zh\.yaml:\d+:/interface: schema: .*'bakc' was unexpected\)", problems[0]), (
        problems
    )


def test_a_new_language_without_interface_strings_is_told_each_one_it_lacks(tmp_path):
    target = _copy(tmp_path)
    english = (target / "messages" / "en.yaml").read_text(encoding="utf-8")
    # German: the same plural forms as English, so only the interface strings are missing
    german = english.replace("language: en", "language: de", 1).replace("  date_locale: en_GB\n", "", 1)
    (target / "messages" / "de.yaml").write_text(german.split("\ninterface:\n")[0] + "\n", encoding="utf-8")
    problems = _problems(target)
    missing = [p.rsplit("'", 2)[1] for p in problems if "missing translation: interface string" in p]
    assert missing == _interface_keys(), problems
    assert all(p.startswith("rules/messages/de.yaml:") for p in problems), problems


def test_an_interface_string_takes_no_placeholders(tmp_path):
    back = _interface_line("messages/en.yaml", "back")
    problems = _problems(_patched(tmp_path, "messages/en.yaml", back, '  back: "Back to {purpose}"\n'))
    assert any(
        p.startswith("rules/messages/en.yaml:") and "/interface/back: placeholder {purpose} is not allowed" in p
        for p in problems
    ), problems


def test_the_interface_strings_are_in_the_bundle_once_under_ui_not_in_the_messages(bundle):
    assert set(bundle["ui"]) == set(bundle["languages"])
    assert all("interface" not in messages for messages in bundle["messages"].values())
    catalogue = yaml.safe_load((RULES / "messages" / "zh.yaml").read_text(encoding="utf-8"))
    assert bundle["ui"]["zh"] == catalogue["interface"]


def test_a_rule_set_older_than_the_interface_strings_still_compiles_for_the_policy_diff(tmp_path):
    target = _copy(tmp_path)
    for path in (target / "messages").glob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").split("\ninterface:\n")[0] + "\n", encoding="utf-8")
    schema = target / "schema" / "messages.schema.json"
    described = json.loads(schema.read_text(encoding="utf-8"))
    del described["properties"]["interface"]
    schema.write_text(json.dumps(described), encoding="utf-8")
    assert compile_rules(target, BUILD_DATE, deep=False).bundle["ui"] == {
        path.stem: {} for path in (target / "messages").glob("*.yaml")
    }


def _stay_line(file, key):
    """The line of the stay question's "not sure" text `key` in the real catalogue `file`."""
    text = (RULES / file).read_text(encoding="utf-8")
    found = re.findall(r"^    %s: .*\n" % key, text.split("\noptions:\n", 1)[1].split("\n  stay_days:\n", 1)[1], re.M)
    assert found, (file, key)
    return found[0]


def test_a_language_without_the_words_for_an_open_ended_stay_is_told_which_it_lacks(tmp_path):
    line = _stay_line("messages/zh.yaml", "unknown_reason")
    problems = _problems(_patched(tmp_path, "messages/zh.yaml", line, ""))
    assert any(
        "rules/messages/zh.yaml" in p and "missing translation: option 'unknown_reason' of question 'stay_days'" in p
        for p in problems
    ), problems


def test_the_words_for_an_open_ended_stay_take_only_the_assumed_number(tmp_path):
    line = _stay_line("messages/en.yaml", "unknown_answer")
    problems = _problems(_patched(tmp_path, "messages/en.yaml", line, '    unknown_answer: "taken as {max_stay}"\n'))
    assert any(
        "/options/stay_days/unknown_answer: placeholder {max_stay} cannot be filled here" in p for p in problems
    ), problems
