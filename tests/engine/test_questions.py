"""Parsing raw answer strings: strict, bounded, and relative to today."""

from wizard.engine import add_days
from wizard.engine.conditions import Env

from shared_rules import TODAY


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


def test_choices_accept_only_the_options_shown_on_this_path(engine):
    assert parse(engine, "relationship", "foster_child", {"purpose": "family_chinese"}) == "foster_child"
    assert parse(engine, "relationship", "foster_child", {"purpose": "family_foreigner"}) is None
    assert parse(engine, "relationship", "Spouse") is None


def test_yes_no_questions_take_yes_or_no(engine):
    assert parse(engine, "talent_letter", "yes") == "yes"
    assert parse(engine, "talent_letter", "true") is None


BUSINESS = {"purpose": "business", "status": "outside"}


def test_tick_all_that_apply_answers_are_boxes_offered_on_this_path_in_option_order(engine):
    assert parse(engine, "circumstances", "none", BUSINESS) == ()
    assert parse(engine, "circumstances", "under_18,urgent", BUSINESS) == ("urgent", "under_18")
    # A spouse's age is known, and a long family stay is no port-visa trip: neither box is offered.
    family = {"purpose": "family_chinese", "status": "outside", "relationship": "spouse", "stay_days": 365}
    assert parse(engine, "circumstances", "under_18", family) is None
    assert parse(engine, "circumstances", "urgent", family) is None
    assert parse(engine, "circumstances", "former_chinese", family) == ("former_chinese",)


def test_tick_all_that_apply_answers_refuse_repeats_unknown_boxes_and_none_with_a_box(engine):
    for raw in ("", "urgent,urgent", "none,urgent", "urgent,", "Urgent", "yes", "urgent;under_18"):
        assert parse(engine, "circumstances", raw, BUSINESS) is None, raw


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
