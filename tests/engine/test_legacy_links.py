"""Links made before the onward question (from_country, onward_destination, onward_ticket) and before
the circumstances question (urgent, applicant_circumstances and three yes/no details) still work."""

from shared_rules import TODAY, compiled, listed_only_by, unlisted_nationality

# A nationality the 240-hour transit list names today and no other list but Hainan's (a transit
# never goes there), read from the rules: an old transit link to a third country is that transit.
TRANSIT_NATIONALITY = listed_only_by(compiled().bundle, "transit_240", TODAY, besides=("hainan_30",))
OLD_TRANSIT = {
    "purpose": "transit",
    "status": "outside",
    "nationality": TRANSIT_NATIONALITY,
    "transit_hours": "100",
    "from_country": TRANSIT_NATIONALITY,
    "onward_destination": "JP" if TRANSIT_NATIONALITY != "JP" else "KR",
    "onward_ticket": "yes",
}
NEW_TRANSIT = {k: v for k, v in OLD_TRANSIT.items() if k not in ("from_country", "onward_destination", "onward_ticket")}


def advice(evaluation):
    """What an evaluation advises (primary, alternatives, their reasons, checklists and duties),
    without the answers it was given."""
    return {key: evaluation[key] for key in ("kind", "primary", "alternatives", "details")}


def test_an_old_transit_link_to_a_third_country_gives_visa_free_transit_without_notices(engine):
    view = engine.step(OLD_TRANSIT, "en", TODAY)
    assert view["kind"] == "result" and view["notices"] == []
    new = engine.step({**NEW_TRANSIT, "onward": "third_country"}, "en", TODAY)
    assert view == new
    assert engine.bundle["outcomes"][view["primary"]["id"]].get("policy") == "transit_240"


def test_an_old_round_trip_link_is_a_visit_and_an_old_link_without_a_ticket_keeps_the_reason(engine):
    tail = {"apply_in_home_country": "yes", "under_18": "no", "former_chinese": "no"}
    circumstances = {"circumstances": "none"}
    back = engine.evaluate({**OLD_TRANSIT, **tail, "onward_destination": TRANSIT_NATIONALITY}, TODAY)
    assert advice(back) == advice(engine.evaluate({**NEW_TRANSIT, **circumstances, "onward": "same_country"}, TODAY))
    no_ticket = engine.evaluate({**OLD_TRANSIT, **tail, "onward_ticket": "no"}, TODAY)
    new = engine.evaluate({**NEW_TRANSIT, **circumstances, "onward": "third_country_no_ticket"}, TODAY)
    assert advice(no_ticket) == advice(new)
    transit = engine.evaluate({**NEW_TRANSIT, **circumstances, "onward": "third_country"}, TODAY)["primary"]
    assert back["primary"] != transit and no_ticket["primary"] != transit  # neither is the visa-free transit
    assert "transit_no_onward_ticket" in no_ticket["details"][no_ticket["primary"]]["reasons"]


def test_the_onward_answer_wins_over_old_ids_which_are_then_reported_as_unknown_once(engine):
    view = engine.step({**OLD_TRANSIT, "onward": "same_country"}, "en", TODAY)
    transit = engine.evaluate({**NEW_TRANSIT, "onward": "third_country"}, TODAY)["primary"]
    assert view["kind"] == "question" or view["primary"]["id"] != transit
    unknown = [n["question_id"] for n in view["notices"] if n["code"] == "unknown_question"]
    assert len(unknown) == 1 and unknown[0] in ("from_country", "onward_destination", "onward_ticket")


# A worker of a nationality no list names (read from the rules): no list's dates make the travel
# date matter, so the old links reach a result without it.
WORKER = {
    "purpose": "work",
    "status": "outside",
    "nationality": unlisted_nationality(compiled().bundle),
    "stay_days": "365",
    "urgent": "no",
}


def test_the_usual_checklist_answers_mean_none_of_the_circumstances_and_are_not_reported(engine):
    view = engine.step(
        {**WORKER, "apply_in_home_country": "yes", "under_18": "no", "former_chinese": "no"}, "en", TODAY
    )
    assert view["kind"] == "result" and view["notices"] == []
    assert view["answered"][-1]["id"] == "circumstances" and view["answered"][-1]["value"] == "none"


def test_one_unusual_checklist_answer_ticks_its_box_and_its_document_is_listed(engine):
    got = engine.evaluate({**WORKER, "apply_in_home_country": "no", "under_18": "no", "former_chinese": "no"}, TODAY)
    assert got["kind"] == "result"
    assert "proof_of_legal_stay" in got["details"]["visa_z"]["checklist"]


def test_an_old_no_to_the_circumstances_question_means_none_of_them(engine):
    got = engine.evaluate({**WORKER, "applicant_circumstances": "no"}, TODAY)
    assert got["kind"] == "result" and got["answered"][-1] == "circumstances"
    assert "proof_of_legal_stay" not in got["details"]["visa_z"]["checklist"]


def test_an_old_urgent_trip_link_still_gives_the_port_visa(engine):
    got = engine.evaluate({**WORKER, "stay_days": "10", "urgent": "yes"}, TODAY)
    assert got["kind"] == "result" and got["primary"] == "port_visa"


def test_an_old_link_that_stops_before_the_details_asks_the_new_question(engine):
    view = engine.step({**WORKER, "applicant_circumstances": "yes"}, "en", TODAY)
    assert view["kind"] == "question" and view["question"]["id"] == "circumstances"
