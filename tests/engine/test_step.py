"""Engine.step: the interface the browser and the CLI build against."""

import json
import random


def test_with_no_answers_step_asks_the_purpose_with_all_twelve_fixed_values(engine):
    view = engine.step({}, "en", "2026-11-23")
    assert view["kind"] == "question"
    q = view["question"]
    assert q["id"] == "purpose" and q["type"] == "choice" and q["text"] and q["hint"]
    assert [o["value"] for o in q["options"]] == [
        "tourism",
        "business",
        "exchange",
        "work",
        "talent",
        "study",
        "family_chinese",
        "family_foreigner",
        "journalism",
        "transit",
        "crew",
        "settle",
    ]
    assert view["answered"] == [] and view["notices"] == []


def test_a_result_has_the_documented_shape_and_is_json_serialisable(engine, tourist_fr):
    view = engine.step(tourist_fr, "en", "2026-11-23")
    assert view["kind"] == "result"
    assert view["rules_reviewed"] == "2026-11-23"
    json.dumps(view)
    primary = view["primary"]
    for key in ("id", "title", "summary", "reasons", "checklist", "duties", "not_allowed", "sources", "guide"):
        assert key in primary
    assert primary["valid_from"] == "2024-11-30" and primary["valid_to"] == "2026-12-31"
    for item in primary["checklist"]:
        assert set(item) == {"id", "label", "label_officials", "officials_lang", "detail"}
    for source in primary["sources"]:
        assert (source["url"] is None or source["url"].startswith("http")) and source["publisher"] and source["title"]


def test_answered_lists_the_answers_in_asking_order_with_labels(engine, tourist_fr):
    view = engine.step(dict(reversed(list(tourist_fr.items()))), "en", "2026-11-23")
    ids = [a["id"] for a in view["answered"]]
    assert ids == ["purpose", "status", "nationality", "travel_date", "stay_days"]
    by_id = {a["id"]: a for a in view["answered"]}
    assert by_id["nationality"]["label"] == "France"
    assert by_id["travel_date"]["label"] == "1 December 2026"
    assert by_id["stay_days"]["label"] == "20 days" and by_id["stay_days"]["value"] == "20"


def test_chinese_results_are_in_chinese_with_chinese_country_names_and_dates(engine, tourist_fr):
    view = engine.step(tourist_fr, "zh", "2026-11-23")
    by_id = {a["id"]: a for a in view["answered"]}
    assert by_id["nationality"]["label"] == "法国"
    assert by_id["travel_date"]["label"] == "2026年12月1日"
    assert "免签" in view["primary"]["title"]


def test_checklist_items_carry_the_chinese_label_for_printing(engine, tourist_fr):
    # 45 days is beyond the visa-free stay: an L visa, whose checklist questions are answered.
    answers = dict(tourist_fr, stay_days="45", circumstances="none")
    view = engine.step(answers, "en", "2026-11-23")
    passport = next(i for i in view["primary"]["checklist"] if i["id"] == "passport")
    assert passport["label"] == "Passport" and passport["label_officials"] == "护照"
    assert passport["officials_lang"] == "zh"
    chinese = engine.step(answers, "zh", "2026-11-23")["primary"]["checklist"]
    assert all("label_officials" not in item for item in chinese)  # a Chinese page names them once


def test_a_date_question_offers_today_as_default_and_limits(engine):
    view = engine.step({"purpose": "tourism", "status": "outside", "nationality": "FR"}, "en", "2026-11-23")
    q = view["question"]
    assert q["id"] == "travel_date" and q["type"] == "date"
    assert q["default"] == "2026-11-23" and q["min"] == "2026-11-23" and q["max"] == "2028-11-22"


def test_a_number_question_gives_its_bounds(engine):
    view = engine.step(
        {"purpose": "tourism", "status": "outside", "nationality": "FR", "travel_date": "2026-12-01"},
        "en",
        "2026-11-23",
    )
    q = view["question"]
    assert (q["id"], q["type"], q["min"], q["max"]) == ("stay_days", "number", 1, 3650)


def test_a_country_question_lists_countries_by_name_without_china(engine):
    view = engine.step({"purpose": "tourism", "status": "outside"}, "en", "2026-11-23")
    options = view["question"]["options"]
    values = [o["value"] for o in options]
    assert "FR" in values and "GB" in values and "CN" not in values and "HK" not in values
    labels = [o["label"] for o in options]
    # English collation puts accented letters with their base letter, not after Z.
    assert labels.index("Åland Islands") < labels.index("Albania") < labels.index("Zimbabwe")


def test_the_nationality_list_holds_only_places_with_people_who_hold_passports(engine):
    view = engine.step({"purpose": "tourism", "status": "outside"}, "en", "2026-11-23")
    values = {o["value"] for o in view["question"]["options"]}
    assert {"AQ", "BV", "CP", "HM"}.isdisjoint(values)
    assert {"US", "NG", "KR", "VA", "NR"} <= values


def test_the_chinese_country_list_is_in_pinyin_order(engine):
    view = engine.step({"purpose": "tourism", "status": "outside"}, "zh", "2026-11-23")
    labels = [o["label"] for o in view["question"]["options"]]
    # Pinyin: A (阿富汗 Afuhan) before M (美国 Meiguo) before Z (赞比亚 Zanbiya); code-point order put 美国 first.
    assert labels.index("阿富汗") < labels.index("美国") < labels.index("赞比亚")
    assert labels[0].startswith("阿")


def test_changing_an_earlier_answer_keeps_later_answers_that_still_apply(engine, tourist_fr):
    changed = dict(tourist_fr, purpose="business", circumstances="none")
    view = engine.step(changed, "en", "2026-11-23")
    assert view["kind"] == "result" and view["primary"]["id"] == "vf_unilateral_30"
    assert [a["id"] for a in view["answered"]][:5] == ["purpose", "status", "nationality", "travel_date", "stay_days"]


def test_changing_an_earlier_answer_drops_answers_off_the_new_path_with_a_notice(engine, tourist_fr):
    changed = dict(tourist_fr, status="in_china", china_task="register")
    view = engine.step(changed, "en", "2026-11-23")
    assert view["primary"]["id"] == "register_stay"  # a tourist registers the stay; no residence permit
    dropped = sorted(n["question_id"] for n in view["notices"] if n["code"] == "not_on_path")
    assert dropped == sorted(["nationality", "travel_date", "stay_days"])


def test_unknown_ids_and_bad_values_become_localized_notices(engine):
    view = engine.step({"purpose": "holiday", "colour": "red"}, "zh", "2026-11-23")
    assert view["kind"] == "question" and view["question"]["id"] == "purpose"
    codes = {n["code"]: n for n in view["notices"]}
    assert codes["unknown_question"]["question_id"] == "colour"
    assert codes["invalid_value"]["question_id"] == "purpose"
    assert "忽略" in codes["invalid_value"]["message"]


def test_many_unknown_ids_give_one_notice_not_one_each(engine):
    # A link with 5,000 unknown keys reaches the engine as the fragment's first 40 pairs.
    answers = {"<b>%d</b>" % i: "1" for i in range(20)}
    answers.update({"x%d" % i: "1" for i in range(20)})
    view = engine.step(answers, "en", "2026-11-23")
    unknown = [n for n in view["notices"] if n["code"] == "unknown_question"]
    assert len(unknown) == 1 and unknown[0]["question_id"] == "x0"


def test_hostile_keys_and_values_are_never_echoed(engine):
    payload = "<img src=x onerror=alert(1)>"
    view = engine.step({payload: payload, "purpose": payload}, "en", "2026-11-23")
    assert payload not in json.dumps(view)
    assert all(n["question_id"] in (None, "purpose") for n in view["notices"])


def test_a_malformed_call_gives_an_error_object(engine):
    for answers, lang, today in [
        ([], "en", "2026-11-23"),
        ({"purpose": 3}, "en", "2026-11-23"),
        ({}, "xx", "2026-11-23"),
        ({}, "en", "23/11/2026"),
        (None, None, None),
    ]:
        view = engine.step(answers, lang, today)
        assert view["kind"] == "error" and view["errors"]
        assert all(e["code"] and e["message"] for e in view["errors"])


def test_step_never_raises_on_random_input(engine):
    rng = random.Random(7)
    ids = [q["id"] for q in engine.bundle["questions"]] + ["x", "__proto__", ""]
    values = [
        "yes",
        "no",
        "FR",
        "US",
        "200",
        "180",
        "-1",
        "2026-12-01",
        "9999-99-99",
        "tourism",
        "work",
        "transit",
        "\u0000",
        "a" * 500,
        "",
        "1e9",
        "0x10",
        " 30",
    ]
    for _ in range(300):
        answers = {rng.choice(ids): rng.choice(values) for _ in range(rng.randint(0, 12))}
        view = engine.step(answers, rng.choice(["en", "zh"]), "2026-11-23")
        assert view["kind"] in ("question", "result")
        json.dumps(view)


def test_an_internal_failure_is_reported_not_raised(engine):
    class Broken(dict):
        def items(self):
            raise RuntimeError("boom")

    view = engine.step(Broken(purpose="work"), "en", "2026-11-23")
    assert view["kind"] == "error" and view["errors"][0]["code"] == "internal"


def test_a_policy_ending_within_the_warning_window_adds_a_notice(engine, tourist_fr):
    view = engine.step(tourist_fr, "en", "2026-11-23")
    assert "policy_ends_soon" in [n["code"] for n in view["notices"]]


def test_old_rules_add_a_notice(engine):
    view = engine.step({}, "en", "2027-06-01")
    assert [n["code"] for n in view["notices"]] == ["rules_old"]


def test_next_steps_speak_to_the_reader_of_each_visa_and_the_tourist_is_told_why(engine):
    worker = {"purpose": "work", "status": "outside", "nationality": "NG", "stay_days": "365", "circumstances": "none"}
    view = engine.step(worker, "en", "2026-11-29")
    assert view["primary"]["id"] == "visa_z"
    assert not any("D visa" in duty or "permanent residence card" in duty for duty in view["primary"]["duties"])
    tourist = {
        "purpose": "tourism",
        "status": "outside",
        "nationality": "US",
        "stay_days": "7",
        "trip_scope": "mainland",
        "circumstances": "none",
    }
    reasons = engine.step(tourist, "en", "2026-11-29")["primary"]["reasons"]
    assert len(reasons) >= 2 and "United States" in " ".join(reasons)


def test_a_result_is_dated_from_the_terms_it_rests_on_and_its_reason_from_the_listing(engine):
    transit = {
        "purpose": "tourism",
        "status": "outside",
        "nationality": "US",
        "stay_days": "7",
        "trip_scope": "onward_third_country",
    }
    view = engine.step(transit, "en", "2026-11-29")
    assert view["primary"]["id"] == "vf_transit_240"
    assert view["primary"]["valid_from"] == "2024-12-17"  # the 240 hours began then, not the 2019 listing
    france = {
        "purpose": "tourism",
        "status": "outside",
        "nationality": "FR",
        "travel_date": "2026-12-10",
        "stay_days": "7",
    }
    view = engine.step(france, "en", "2026-11-29")
    assert (view["primary"]["valid_from"], view["primary"]["valid_to"]) == ("2024-11-30", "2026-12-31")
    assert "from 1 December 2023" in view["primary"]["reasons"][0]
