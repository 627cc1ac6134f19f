"""Deep links: answers to questions the path has not reached yet wait for them (presets), and a
preset that could never be valid is dropped with a notice at once."""

from wizard.engine import add_days

import dated_policy
from shared_rules import TODAY, listed_only_by


def test_a_preset_for_a_later_question_is_kept_and_the_first_unanswered_question_is_asked(engine):
    view = engine.step({"nationality": "FR", "purpose": "study"}, "en", TODAY)
    assert view["question"]["id"] == "status"
    assert view["presets"] == [{"id": "nationality", "value": "FR"}]
    assert view["notices"] == []


def test_presets_are_used_when_the_path_reaches_them(dated_engine):
    # On the dated copy FR's place on the fixture list ends within the dates a trip may take:
    # the travel date is asked.
    view = dated_engine.step({"purpose": "study", "status": "outside", "nationality": "FR"}, "en", dated_policy.TODAY)
    assert view["question"]["id"] == "travel_date"
    assert [a["id"] for a in view["answered"]] == ["purpose", "status", "nationality"]
    assert view["presets"] == []


def test_presets_come_back_in_asking_order(engine):
    view = engine.step(
        {"stay_days": "200", "relationship": "spouse", "nationality": "US", "purpose": "family_chinese"},
        "en",
        TODAY,
    )
    assert [p["id"] for p in view["presets"]] == ["nationality", "relationship", "stay_days"]


def test_a_preset_that_could_never_be_valid_is_dropped_with_a_notice(engine):
    answers = {
        "nationality": "<script>",
        "stay_days": "99999",
        "purpose": "study",
        "relationship": "x" * 100,
        "travel_date": "2001-01-01",
    }
    view = engine.step(answers, "en", TODAY)
    assert view["question"]["id"] == "status" and view["presets"] == []
    assert sorted(n["question_id"] for n in view["notices"] if n["code"] == "invalid_value") == [
        "nationality",
        "relationship",
        "stay_days",
        "travel_date",
    ]
    assert all("<script>" not in n["message"] for n in view["notices"])


def test_a_plausible_preset_that_does_not_fit_the_path_is_asked_again_when_reached(engine):
    # A cruise group is a tourism option only: for business it is refused when trip_scope is asked,
    # here of a nationality Hainan's list names (the trip's scope may then decide) and no list
    # but the transit one, read from the rules.
    answers = {
        "purpose": "business",
        "status": "outside",
        "nationality": listed_only_by(engine.bundle, "hainan_30", TODAY, besides=("transit_240",)),
        "travel_date": add_days(TODAY, 8),
        "stay_days": "10",
        "trip_scope": "cruise_group",
    }
    view = engine.step(answers, "en", TODAY)
    assert view["question"]["id"] == "trip_scope"
    assert [n["code"] for n in view["notices"]] == ["invalid_value"]


def test_a_preset_off_the_final_path_is_set_aside_at_the_result(dated_engine, tourist_fr):
    view = dated_engine.step({**tourist_fr, "relationship": "spouse"}, "en", dated_policy.TODAY)
    assert view["kind"] == "result"
    assert [n["question_id"] for n in view["notices"] if n["code"] == "not_on_path"] == ["relationship"]
