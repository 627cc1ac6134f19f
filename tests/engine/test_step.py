"""Engine.step: the interface the browser and the CLI build against. Asked of the real rules on
their own date (TODAY), or of the dated copy (tests/dated_policy.py) for a visa-free result by
nationality, a policy's dates and its notices."""

import datetime as dt
import json
import random

from wizard.engine import Engine, add_days
from wizard.tooling.bundle import compile_rules

import dated_policy
from shared_rules import TODAY, unlisted_nationality


def question(bundle, qid):
    """The compiled question `qid` of `bundle` (its options and limits, as the rules give them)."""
    return next(q for q in bundle["questions"] if q["id"] == qid)


def test_with_no_answers_step_asks_the_first_question_with_every_option_of_the_rules_in_their_order(engine):
    view = engine.step({}, "en", TODAY)
    assert view["kind"] == "question"
    q = view["question"]
    first = engine.bundle["questions"][0]
    assert q["id"] == first["id"] == "purpose" and q["type"] == "choice" and q["text"] and q["hint"]
    assert [o["value"] for o in q["options"]] == [o["value"] for o in first["options"]] and len(first["options"]) > 1
    assert view["answered"] == [] and view["notices"] == []


def test_a_result_has_the_documented_shape_and_is_json_serialisable(dated_engine, tourist_fr):
    view = dated_engine.step(tourist_fr, "en", dated_policy.TODAY)
    assert view["kind"] == "result"
    assert view["rules_reviewed"] == dated_policy.TODAY  # the dated copy's rules/index.yaml `reviewed`
    json.dumps(view)
    primary = view["primary"]
    for key in ("id", "title", "summary", "reasons", "checklist", "duties", "not_allowed", "sources", "guide"):
        assert key in primary
    assert (primary["valid_from"], primary["valid_to"]) == ("2030-01-01", dated_policy.END)  # the fixture's term
    for item in primary["checklist"]:
        assert set(item) == {"id", "label", "label_officials", "officials_lang", "detail"}
    for source in primary["sources"]:
        assert (source["url"] is None or source["url"].startswith("http")) and source["publisher"] and source["title"]


def test_answered_lists_the_answers_in_asking_order_with_labels(dated_engine, tourist_fr):
    view = dated_engine.step(dict(reversed(list(tourist_fr.items()))), "en", dated_policy.TODAY)
    ids = [a["id"] for a in view["answered"]]
    assert ids == ["purpose", "status", "nationality", "travel_date", "stay_days"]
    by_id = {a["id"]: a for a in view["answered"]}
    assert by_id["nationality"]["label"] == "France"
    assert by_id["travel_date"]["label"] == "10 June 2030" == format_en(dated_policy.TRAVEL_DATE)
    assert by_id["stay_days"]["label"] == "20 days" and by_id["stay_days"]["value"] == "20"


def format_en(day):
    """`day` (ISO) as the English catalogue writes a date: 10 June 2030."""
    import datetime as dt

    d = dt.date.fromisoformat(day)
    return "%d %s %d" % (d.day, d.strftime("%B"), d.year)


def test_chinese_results_are_in_chinese_with_chinese_country_names_and_dates(dated_engine, tourist_fr):
    view = dated_engine.step(tourist_fr, "zh", dated_policy.TODAY)
    by_id = {a["id"]: a for a in view["answered"]}
    assert by_id["nationality"]["label"] == "法国"
    assert by_id["travel_date"]["label"] == "2030年6月10日"
    title = dated_engine.bundle["messages"]["zh"]["outcomes"][view["primary"]["id"]]["title"]
    assert view["primary"]["title"] == title and "免签" in title


def test_checklist_items_carry_the_other_language_s_label_for_printing(dated_engine, tourist_fr):
    # 45 days is beyond the fixture's visa-free stay of 30: a visa, whose checklist questions are answered.
    answers = dict(tourist_fr, stay_days="45", special_status="none", circumstances="none")
    view = dated_engine.step(answers, "en", dated_policy.TODAY)
    assert view["primary"]["id"] != "vf_unilateral_30"
    passport = next(i for i in view["primary"]["checklist"] if i["id"] == "passport")
    documents = {lang: m["documents"]["passport"]["label"] for lang, m in dated_engine.bundle["messages"].items()}
    assert passport["officials_lang"] == dated_engine.bundle["officials_language"] == "zh"
    for lang in set(dated_engine.bundle["languages"]) - {"zh"}:  # every reader's language: the Chinese name beside
        checklist = dated_engine.step(answers, lang, dated_policy.TODAY)["primary"]["checklist"]
        passport = next(i for i in checklist if i["id"] == "passport")
        assert passport["label"] == documents[lang] and passport["label_officials"] == documents["zh"], lang
        assert passport["officials_lang"] == "zh", lang
    # A Chinese printout names them in English too, so both languages' names go on every printout.
    chinese = dated_engine.step(answers, "zh", dated_policy.TODAY)["primary"]["checklist"]
    passport = next(i for i in chinese if i["id"] == "passport")
    assert passport["label"] == documents["zh"] and passport["label_officials"] == documents["en"]
    assert passport["officials_lang"] == "en"


def test_a_date_question_offers_today_as_default_and_limits_counted_from_today(dated_engine):
    # FR is on the fixture list, so its travel date is asked; its limits are days from today.
    answers = {"purpose": "tourism", "status": "outside", "nationality": "FR"}
    first, last = question(dated_engine.bundle, "travel_date")["days_from_today"]
    for today in (dated_policy.TODAY, add_days(dated_policy.TODAY, 1)):
        q = dated_engine.step(answers, "en", today)["question"]
        assert q["id"] == "travel_date" and q["type"] == "date"
        assert q["default"] == today == q["min"] == add_days(today, first)
        assert q["max"] == add_days(today, last)


def test_a_number_question_gives_its_bounds(dated_engine, tourist_fr):
    answers = {k: v for k, v in tourist_fr.items() if k != "stay_days"}
    q = dated_engine.step(answers, "en", dated_policy.TODAY)["question"]
    rules = question(dated_engine.bundle, "stay_days")
    assert (q["id"], q["type"], q["min"], q["max"]) == ("stay_days", "number", rules["min"], rules["max"])


def test_a_country_question_lists_countries_by_name_without_china(engine):
    view = engine.step({"purpose": "tourism", "status": "outside"}, "en", TODAY)
    options = view["question"]["options"]
    values = [o["value"] for o in options]
    assert "FR" in values and "GB" in values and "CN" not in values and "HK" not in values
    labels = [o["label"] for o in options]
    # English collation puts accented letters with their base letter, not after Z.
    assert labels.index("Åland Islands") < labels.index("Albania") < labels.index("Zimbabwe")


def test_the_nationality_list_holds_only_places_with_people_who_hold_passports(engine):
    view = engine.step({"purpose": "tourism", "status": "outside"}, "en", TODAY)
    values = {o["value"] for o in view["question"]["options"]}
    assert {"AQ", "BV", "CP", "HM"}.isdisjoint(values)
    assert {"US", "NG", "KR", "VA", "NR"} <= values


def test_the_chinese_country_list_is_in_pinyin_order(engine):
    view = engine.step({"purpose": "tourism", "status": "outside"}, "zh", TODAY)
    labels = [o["label"] for o in view["question"]["options"]]
    # Pinyin: A (阿富汗 Afuhan) before M (美国 Meiguo) before Z (赞比亚 Zanbiya); code-point order put 美国 first.
    assert labels.index("阿富汗") < labels.index("美国") < labels.index("赞比亚")
    assert labels[0].startswith("阿")


def test_changing_an_earlier_answer_keeps_later_answers_that_still_apply(dated_engine, tourist_fr):
    changed = dict(tourist_fr, purpose="business", circumstances="none")
    view = dated_engine.step(changed, "en", dated_policy.TODAY)
    assert view["kind"] == "result" and view["primary"]["id"] == "vf_unilateral_30"
    assert [a["id"] for a in view["answered"]][:5] == ["purpose", "status", "nationality", "travel_date", "stay_days"]


def test_changing_an_earlier_answer_drops_answers_off_the_new_path_with_a_notice(dated_engine, tourist_fr):
    changed = dict(tourist_fr, status="in_china", china_task="register")
    view = dated_engine.step(changed, "en", dated_policy.TODAY)
    on_path = {k: changed[k] for k in ("purpose", "status", "china_task")}
    assert (
        view["primary"] == dated_engine.step(on_path, "en", dated_policy.TODAY)["primary"]
    )  # the dropped answers weigh nothing
    dropped = sorted(n["question_id"] for n in view["notices"] if n["code"] == "not_on_path")
    assert dropped == sorted(["nationality", "travel_date", "stay_days"])


def test_unknown_ids_and_bad_values_become_localized_notices(engine):
    view = engine.step({"purpose": "holiday", "colour": "red"}, "zh", TODAY)
    assert view["kind"] == "question" and view["question"]["id"] == "purpose"
    codes = {n["code"]: n for n in view["notices"]}
    assert codes["unknown_question"]["question_id"] == "colour"
    assert codes["invalid_value"]["question_id"] == "purpose"
    assert "忽略" in codes["invalid_value"]["message"]


def test_many_unknown_ids_give_one_notice_not_one_each(engine):
    # A link with 5,000 unknown keys reaches the engine as the fragment's first 40 pairs.
    answers = {"<b>%d</b>" % i: "1" for i in range(20)}
    answers.update({"x%d" % i: "1" for i in range(20)})
    view = engine.step(answers, "en", TODAY)
    unknown = [n for n in view["notices"] if n["code"] == "unknown_question"]
    assert len(unknown) == 1 and unknown[0]["question_id"] == "x0"


def test_hostile_keys_and_values_are_never_echoed(engine):
    payload = "<img src=x onerror=alert(1)>"
    view = engine.step({payload: payload, "purpose": payload}, "en", TODAY)
    assert payload not in json.dumps(view)
    assert all(n["question_id"] in (None, "purpose") for n in view["notices"])


def test_a_malformed_call_gives_an_error_object(engine):
    for answers, lang, today in [
        ([], "en", TODAY),
        ({"purpose": 3}, "en", TODAY),
        ({}, "xx", TODAY),
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
        add_days(TODAY, 8),
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
        view = engine.step(answers, rng.choice(["en", "zh"]), TODAY)
        assert view["kind"] in ("question", "result")
        json.dumps(view)


def test_an_internal_failure_is_reported_not_raised(engine):
    class Broken(dict):
        def items(self):
            raise RuntimeError("boom")

    view = engine.step(Broken(purpose="work"), "en", TODAY)
    assert view["kind"] == "error" and view["errors"][0]["code"] == "internal"


def test_a_policy_ending_within_the_warning_window_of_the_travel_date_adds_a_notice(dated_engine, tourist_fr):
    warn_days = dated_engine.bundle["warn_days_before_expiry"]
    first_warned_trip = add_days(dated_policy.END, -warn_days)

    def codes(travel_date):
        """The primary outcome and the notice codes for the French tourist travelling on `travel_date`."""
        view = dated_engine.step(dict(tourist_fr, travel_date=travel_date), "en", dated_policy.TODAY)
        return view["primary"]["id"], [n["code"] for n in view["notices"]]

    assert codes(first_warned_trip) == ("vf_unilateral_30", ["policy_ends_soon"])
    assert codes(dated_policy.END) == ("vf_unilateral_30", ["policy_ends_soon"])
    assert codes(add_days(first_warned_trip, -1)) == ("vf_unilateral_30", [])


def test_old_rules_add_a_notice_the_day_after_they_are_old(engine):
    last_fresh_day = add_days(engine.bundle["reviewed"], engine.bundle["rules_old_after_days"])
    assert engine.step({}, "en", last_fresh_day)["notices"] == []
    view = engine.step({}, "en", add_days(last_fresh_day, 1))
    assert [n["code"] for n in view["notices"]] == ["rules_old"]


def test_next_steps_speak_to_the_reader_of_each_visa_and_the_tourist_is_told_why(engine):
    nationality = unlisted_nationality(engine.bundle)  # no list of the rules names it: a visa, and why
    worker = {"purpose": "work", "status": "outside", "nationality": nationality, "stay_days": "365"}
    view = engine.step(dict(worker, circumstances="none"), "en", TODAY)
    assert view["primary"]["id"] == "visa_z"
    assert not any("D visa" in duty or "permanent residence card" in duty for duty in view["primary"]["duties"])
    tourist = {
        "purpose": "tourism",
        "status": "outside",
        "nationality": nationality,
        "stay_days": "7",
        "trip_scope": "mainland",
        "special_status": "none",
        "circumstances": "none",
    }
    reasons = engine.step(tourist, "en", TODAY)["primary"]["reasons"]
    assert len(reasons) >= 2 and engine.bundle["country_names"]["en"][nationality] in " ".join(reasons)


# The fixture list with two terms: 15 days to the end of March 2030, then 30 days; FR listed since
# 2030-01-01, before the term a June trip rests on began.
TWO_TERMS = dated_policy.FIXTURE.replace(
    """terms:
  - {max_stay: 30, unit: days,""",
    """terms:
  - {valid_from: 2030-01-01, valid_to: 2030-03-31, end: final, max_stay: 15, unit: days,
     purposes: [tourism], sources: [S24]}
  - {valid_from: 2030-04-01, max_stay: 30, unit: days,""",
)


def test_a_result_is_dated_from_the_terms_it_rests_on_and_its_reason_from_the_listing(tmp_path):
    assert TWO_TERMS != dated_policy.FIXTURE
    rules = dated_policy.rules_reviewed_on(
        dated_policy.rules_with_dated_policy(tmp_path, TWO_TERMS), dated_policy.TODAY
    )
    engine = Engine(compile_rules(rules, dt.date.fromisoformat(dated_policy.TODAY), deep=False).bundle)
    view = engine.step(
        {
            "purpose": "tourism",
            "status": "outside",
            "nationality": "FR",
            "travel_date": dated_policy.TRAVEL_DATE,
            "stay_days": "7",
        },
        "en",
        dated_policy.TODAY,
    )
    assert view["primary"]["id"] == "vf_unilateral_30"
    assert (view["primary"]["valid_from"], view["primary"]["valid_to"]) == ("2030-04-01", dated_policy.END)
    assert format_en("2030-01-01") in view["primary"]["reasons"][0]  # listed since then
    assert format_en("2030-04-01") not in view["primary"]["reasons"][0]


def test_a_result_for_an_open_ended_stay_says_first_what_the_rules_assumed_and_a_number_says_nothing(engine):
    base = {"status": "outside", "nationality": "US", "travel_date": TODAY, "circumstances": "none"}
    for lang in ("en", "zh"):
        cat = engine.catalogues[lang]
        assumed = cat.option("stay_days", "unknown_reason").replace("{more_than}", cat.quantity(180, "days"))
        for purpose in ("work", "study", "tourism"):
            open_ended = engine.step({**base, "purpose": purpose, "stay_days": "unknown"}, lang, TODAY)
            typed = engine.step({**base, "purpose": purpose, "stay_days": "181"}, lang, TODAY)
            assert open_ended["primary"]["id"] == typed["primary"]["id"], (lang, purpose)
            assert open_ended["primary"]["reasons"][0] == assumed, (lang, purpose)
            assert len(open_ended["primary"]["reasons"]) == len(typed["primary"]["reasons"]) + 1
            assert assumed not in typed["primary"]["reasons"]
            answered = {a["id"]: a for a in open_ended["answered"]}["stay_days"]
            assert answered["value"] == "unknown" and "180" in answered["label"]


def test_the_other_reasons_of_an_open_ended_stay_name_only_the_assumption_not_the_summary_words(engine):
    # "Your stay of an open-ended or unknown length, taken as more than 180 days is longer than …"
    # read badly: inside a sentence the answer is just "more than 180 days".
    base = {"status": "outside", "nationality": "FR", "travel_date": TODAY, "circumstances": "none"}
    for lang in ("en", "zh"):
        cat = engine.catalogues[lang]
        summary = cat.option("stay_days", "unknown_answer").replace("{more_than}", cat.quantity(180, "days"))
        in_sentence = cat.option("stay_days", "unknown_in_sentence").replace("{more_than}", cat.quantity(180, "days"))
        for purpose in ("tourism", "work", "study"):
            view = engine.step({**base, "purpose": purpose, "stay_days": "unknown"}, lang, TODAY)
            later = view["primary"]["reasons"][1:]
            assert any(in_sentence in reason for reason in later), (lang, purpose, later)
            assert not any(summary in reason for reason in later), (lang, purpose, later)
            answered = {a["id"]: a for a in view["answered"]}["stay_days"]
            assert answered["label"] == summary
