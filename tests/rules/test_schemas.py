"""The JSON Schemas accept good instances and reject bad ones with a useful message."""

import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from wizard.tooling.errors import RuleError
from wizard.tooling.scenarios import load_cases
from wizard.tooling.schemas import Schemas
from wizard.tooling.yamlfiles import load

HERE = Path(__file__).resolve().parent
RULES = HERE.parents[1] / "rules"
SCHEMAS = Schemas(RULES / "schema")
# The rules' own loader: plain YAML 1.1 would read the key `on` as True.
CASES = load(HERE / "schema_cases.yaml", "tests/rules/schema_cases.yaml").data


def validator(ref):
    name, _, fragment = ref.partition("#")
    if not fragment:
        return SCHEMAS.validators[name]
    return SCHEMAS.validators[name].evolve(schema={"$ref": ref})


def messages(v, instance):
    out = []
    for error in v.iter_errors(instance):
        out.append(error.message)
        out += [e.message for e in error.context or ()]
    return out


GOOD = [(c["schema"], i) for c in CASES for i in c.get("valid", [])]
BAD = [(c["schema"], i["instance"], i["error"]) for c in CASES for i in c.get("invalid", [])]


def test_every_schema_is_valid_draft_2020_12():
    for name, doc in SCHEMAS.docs.items():
        assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        Draft202012Validator.check_schema(doc)


@pytest.mark.parametrize("ref,instance", GOOD, ids=["%s-%d" % (r.split("/")[-1], i) for i, (r, _) in enumerate(GOOD)])
def test_a_schema_accepts_a_good_instance(ref, instance):
    assert messages(validator(ref), instance) == []


@pytest.mark.parametrize(
    "ref,instance,error", BAD, ids=["%s-%d" % (r.split("/")[-1], i) for i, (r, _, _) in enumerate(BAD)]
)
def test_a_schema_rejects_a_bad_instance_with_a_useful_message(ref, instance, error):
    found = messages(validator(ref), instance)
    assert any(error in m for m in found), found


def test_every_rule_file_names_its_schema_for_editors():
    for path in RULES.rglob("*.yaml"):
        if path.parts[-2] == "schema":
            continue
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.exists(), path


def test_a_malformed_scenario_file_is_reported_with_file_and_location(tmp_path):
    scenarios = tmp_path / "rules" / "scenarios"
    scenarios.mkdir(parents=True)
    bad = scenarios / "bad.yaml"
    bad.write_text(
        "cases:\n  - case: A case without a date at all\n    answers: purpose=work\n    expect: {question: status}\n"
    )
    with pytest.raises(RuleError) as caught:
        load_cases(bad, SCHEMAS)
    assert str(caught.value) == "rules/scenarios/bad.yaml:2:/cases/0: schema: 'today' is a required property"


def test_a_document_found_valid_once_is_still_refused_after_it_is_edited(tmp_path):
    """The schema check remembers only valid documents, by their content: an edit is checked afresh."""
    from wizard.tooling.ruleset import read

    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules, ignore=shutil.ignore_patterns("scenarios"))
    read(rules)  # every file valid, and remembered as such
    policy = rules / "policies" / "unilateral-30-day.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("kind: policy", "kind: policy\nbogus_key: 1", 1))
    with pytest.raises(RuleError) as caught:
        read(rules)
    assert "bogus_key" in str(caught.value)
