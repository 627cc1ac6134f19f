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


# "Open-ended, or not sure yet" beside a number (issue 27): the rules say what it stands for.
WORKER = {"status": "outside", "purpose": "work"}


def test_an_open_ended_stay_is_compared_as_the_number_the_rules_assume_and_written_back_as_unknown(engine):
    question = engine.flow.by_id["stay_days"]
    value = question.parse("unknown", Env(dict(WORKER), TODAY, engine.ctx))
    assert value == question.data["unknown_means"] == 181
    assert question.raw(value) == "unknown"
    assert question.plausible("unknown", TODAY)


def test_a_number_whose_rules_say_nothing_of_unknown_refuses_it(engine):
    question = engine.flow.by_id["transit_hours"]
    assert "unknown_means" not in question.data
    assert question.parse("unknown", Env({"status": "outside", "purpose": "transit"}, TODAY, engine.ctx)) is None
    assert not question.plausible("unknown", TODAY)


def test_every_assumed_number_lies_within_its_question_s_limits(bundle):
    assumed = [q for q in bundle["questions"] if "unknown_means" in q]
    assert assumed, "the stay question offers 'not sure'"
    for q in assumed:
        assert q["type"] == "number" and q["min"] <= q["unknown_means"] <= q["max"], q["id"]


def test_an_open_ended_stay_is_labelled_with_the_assumption_and_offered_as_a_box_in_each_language(engine):
    question = engine.flow.by_id["stay_days"]
    value = question.parse("unknown", Env(dict(WORKER), TODAY, engine.ctx))
    for lang in ("en", "zh"):
        cat = engine.catalogues[lang]
        more_than = cat.quantity(180, "days")
        label, said = cat.answer_label(question, value), question.kind.assumption(question, value, cat)
        assert more_than in label and more_than in said and "{" not in label + said, lang
        assert question.kind.assumption(question, 181, cat) is None, "a typed 181 assumes nothing"
        box = question.kind.fields(question, [], TODAY, cat)["unknown"]
        assert box == {"value": "unknown", "label": cat.option("stay_days", "unknown")} and box["label"] != "unknown"
