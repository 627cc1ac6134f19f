"""Each question type is one class in one table; the schema, the operators and the engine read it."""

import json
from pathlib import Path

import pytest

from wizard.engine import OPERATORS, QUESTION_TYPES, add_days
from wizard.engine.conditions import Env

from shared_rules import TODAY

SCHEMA = Path(__file__).resolve().parents[2] / "rules" / "schema"


def schema(name):
    return json.loads((SCHEMA / name).read_text(encoding="utf-8"))


def test_the_schema_allows_exactly_the_question_types_of_the_table():
    item = schema("questions.schema.json")["properties"]["questions"]["items"]
    assert item["properties"]["type"]["enum"] == list(QUESTION_TYPES)


def test_the_schema_allows_exactly_the_operators_of_the_table():
    condition = schema("common.schema.json")["$defs"]["condition"]
    assert set(condition["properties"]) == set(OPERATORS)


def test_every_type_is_tested_only_by_operators_of_the_table():
    for kind in QUESTION_TYPES.values():
        for op in kind.operators:
            assert OPERATORS[op].compares is not None, (kind.name, op)


def test_a_value_operator_takes_the_question_types_that_name_it():
    assert OPERATORS["equals"].questions[0].types == ("choice", "yesno")
    assert OPERATORS["includes"].questions[0].types == ("multi",)
    assert OPERATORS["lt"].questions[0].types == ("number", "date")


def test_every_place_an_operator_names_a_question_expects_types_of_the_table():
    for name, operator in OPERATORS.items():
        for place in operator.questions:
            assert set(place.types) <= set(QUESTION_TYPES), name


# One raw answer per type on a path that asks it (on TODAY, the rules' own date), and the value it parses into.
ANSWERS = {
    "choice": ("purpose", "study", {}, "study"),
    "yesno": ("talent_letter", "no", {"purpose": "talent"}, "no"),
    "multi": ("circumstances", "urgent,under_18", {"purpose": "business", "status": "outside"}, ("urgent", "under_18")),
    "country": ("nationality", "FR", {}, "FR"),
    "number": ("stay_days", "30", {}, 30),
    "date": ("travel_date", add_days(TODAY, 8), {}, add_days(TODAY, 8)),
}


def test_every_type_has_an_example_here():
    assert set(ANSWERS) == set(QUESTION_TYPES)


@pytest.mark.parametrize("kind", sorted(QUESTION_TYPES))
def test_every_type_writes_back_the_fragment_form_it_reads(engine, kind):
    qid, raw, values, parsed = ANSWERS[kind]
    question = engine.flow.by_id[qid]
    assert question.type == kind
    value = question.parse(raw, Env(dict(values), TODAY, engine.ctx))
    assert value == parsed
    assert question.raw(value) == raw
    assert question.plausible(raw, TODAY)


@pytest.mark.parametrize("kind", sorted(QUESTION_TYPES))
def test_every_type_labels_its_answer_in_words(engine, kind):
    qid, raw, values, parsed = ANSWERS[kind]
    label = engine.catalogues["en"].answer_label(engine.flow.by_id[qid], parsed)
    assert label not in ("", raw, str(parsed))


def test_a_tick_all_that_apply_answer_is_labelled_by_its_boxes_in_each_language(engine):
    question = engine.flow.by_id["circumstances"]
    for lang in ("en", "zh"):
        cat = engine.catalogues[lang]
        urgent, under_18 = cat.option("circumstances", "urgent"), cat.option("circumstances", "under_18")
        assert cat.answer_label(question, ("urgent", "under_18")) == urgent + cat.list_separator + under_18
        assert cat.answer_label(question, ()) == cat.option("circumstances", "none")


def _schema_rule(then_key):
    """The question types an `allOf` rule of the questions schema applies `then_key` to."""
    item = schema("questions.schema.json")["properties"]["questions"]["items"]
    for rule in item["allOf"]:
        if then_key in rule["then"]:
            kinds = rule["if"]["properties"]["type"]
            yield set(kinds.get("enum", [kinds.get("const")]))


def test_the_schema_asks_for_options_exactly_where_a_type_answers_with_options_listed_in_the_rules():
    listed = {name for name, kind in QUESTION_TYPES.items() if kind.literal_is_option and not kind.fixed_options}
    required = [kinds for kinds in _schema_rule("required") if kinds & listed]
    (forbidden,) = _schema_rule("not")
    assert required == [listed]
    assert forbidden == set(QUESTION_TYPES) - listed
