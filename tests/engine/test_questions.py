"""Parsing raw answer strings: strict, bounded, and relative to today."""

from wizard.engine import add_days
from wizard.engine.conditions import Env

from shared_rules import TODAY, compiled, engine as compiled_engine, unlisted_nationality


def parse(engine, qid, raw, values=None, today=TODAY):
    env = Env(dict(values or {}), today, engine.ctx)
    return engine.flow.by_id[qid].parse(raw, env)


def limits(engine, qid):
    """The compiled question `qid` of the rules: its min and max, or its days_from_today."""
    return next(q for q in engine.bundle["questions"] if q["id"] == qid)


def test_numbers_are_plain_digits_within_bounds(engine):
    stay = limits(engine, "stay_days")
    assert parse(engine, "stay_days", "180") == 180
    assert parse(engine, "stay_days", str(stay["min"])) == stay["min"]
    assert parse(engine, "stay_days", str(stay["max"])) == stay["max"]
    assert stay["min"] == 1  # so "0" below is out of range, as are max + 1 and the signed forms
    for raw in ("0", str(stay["max"] + 1), "-1", "+5", "1.5", " 30", "30 ", "1e3", "٣٠", "", "30\n", "²"):
        assert parse(engine, "stay_days", raw) is None, raw


def test_dates_must_be_real_and_between_today_and_the_last_day_the_rules_look_ahead(engine):
    first, last = limits(engine, "travel_date")["days_from_today"]
    earliest, latest = add_days(TODAY, first), add_days(TODAY, last)
    assert parse(engine, "travel_date", earliest) == earliest
    assert parse(engine, "travel_date", latest) == latest
    for raw in (add_days(earliest, -1), add_days(latest, 1), "2026-02-30", "2026-1-5", "20261201", "tomorrow"):
        assert parse(engine, "travel_date", raw) is None, raw


NO_LIST = unlisted_nationality(compiled().bundle)  # a nationality no list of the rules names


def shown(engine, answers, qid):
    """The option values the engine shows when `answers` (fragment strings) lead to question `qid`."""
    view = engine.step(answers, "en", TODAY)
    assert view["kind"] == "question" and view["question"]["id"] == qid, view.get("question", {}).get("id")
    return [o["value"] for o in view["question"]["options"]]


def test_choices_accept_exactly_the_options_shown_on_this_path(engine):
    every = [o["value"] for o in limits(engine, "relationship")["options"]]
    hidden_somewhere = set()
    for purpose in ("family_chinese", "family_foreigner"):
        answers = {"purpose": purpose, "status": "outside", "nationality": NO_LIST}
        offered = shown(engine, answers, "relationship")
        hidden_somewhere |= set(every) - set(offered)
        for value in every:
            assert (parse(engine, "relationship", value, answers) == value) == (value in offered), (purpose, value)
    assert hidden_somewhere  # one of these paths leaves an option out, so the test can fail
    assert parse(engine, "relationship", "Spouse") is None


def test_yes_no_questions_take_yes_or_no(engine):
    assert parse(engine, "talent_letter", "yes") == "yes"
    assert parse(engine, "talent_letter", "true") is None


# A short business trip of a nationality no list names (read from the rules): the circumstances
# question is asked; BUSINESS_BOXES are the boxes the engine shows it, in option order.
BUSINESS = {
    "purpose": "business",
    "status": "outside",
    "nationality": NO_LIST,
    "stay_days": "20",
    "special_status": "none",
    "stem_talent": "no",
}
BUSINESS_BOXES = shown(compiled_engine(), BUSINESS, "circumstances")
BUSINESS_VALUES = dict(BUSINESS, stay_days=20)  # the answers as parsed, as parse() reads them


def test_tick_all_that_apply_answers_are_boxes_offered_on_this_path_in_option_order(engine):
    first, second = BUSINESS_BOXES[:2]
    assert parse(engine, "circumstances", "none", BUSINESS_VALUES) == ()
    assert parse(engine, "circumstances", "%s,%s" % (second, first), BUSINESS_VALUES) == (first, second)
    # A long family stay of a spouse: the engine shows fewer boxes, and only those are accepted.
    family = {"purpose": "family_chinese", "status": "outside", "nationality": NO_LIST, "relationship": "spouse"}
    family["stay_days"] = "365"
    offered = shown(engine, family, "circumstances")
    every = [o["value"] for o in limits(engine, "circumstances")["options"]]
    assert set(every) - set(offered)  # some box is not offered here, so the test can fail
    for box in every:
        assert (parse(engine, "circumstances", box, dict(family, stay_days=365)) == (box,)) == (box in offered), box


def test_tick_all_that_apply_answers_refuse_repeats_unknown_boxes_and_none_with_a_box(engine):
    a, b = BUSINESS_BOXES[:2]
    for raw in ("", "%s,%s" % (a, a), "none,%s" % a, "%s," % a, a.upper(), "yes", "%s;%s" % (a, b)):
        assert parse(engine, "circumstances", raw, BUSINESS_VALUES) is None, raw


def test_a_tick_all_that_apply_answer_goes_back_into_a_link_unchanged(engine):
    question = engine.flow.by_id["circumstances"]
    assert question.raw(("urgent", "former_chinese")) == "urgent,former_chinese"
    assert question.raw(()) == "none"


def test_countries_are_iso_codes_from_the_right_set(engine):
    assert parse(engine, "nationality", "FR") == "FR"
    assert parse(engine, "nationality", "fr") is None
    assert parse(engine, "nationality", "UK") is None
    assert parse(engine, "nationality", "HK") is None
    assert parse(engine, "trip_scope", "HK") is None


def test_overlong_answers_are_refused_before_parsing(engine):
    assert parse(engine, "purpose", "work" * 100) is None
