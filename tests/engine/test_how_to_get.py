"""Every result says how to get it: a one-sentence headline from the catalogues, then the steps
of rules/how-to-get.yaml in order, each with its topic's label, its text and its sources."""

import pytest

from wizard.engine import add_days
from wizard.engine.conditions import Env

import dated_policy
from shared_rules import TODAY, compiled, unlisted_nationality

OUTSIDE = {"status": "outside", "circumstances": "none", "travel_date": add_days(TODAY, 17), "trip_scope": "mainland"}
# A nationality no list of the rules names (read from them): its tourist and its business
# traveller need a visa.
NO_LIST = unlisted_nationality(compiled().bundle)
# The five newcomers of issue 14: a tourist who needs a visa, a Korean student, a Nigerian engineer
# with a job offer, the elderly parent of a Chinese citizen, and (in Chinese) an embassy clerk's case.
# Each is told at least where to apply, the fee and the time (issue 14); the other steps are the rules'.
PERSONAS = {
    "tourist": (
        "en",
        {
            **OUTSIDE,
            "purpose": "tourism",
            "nationality": NO_LIST,
            "stay_days": "14",
            "trip_scope": "mainland",
            "special_status": "none",
        },
        "visa_l",
    ),
    "korean_student": (
        "en",
        {**OUTSIDE, "purpose": "study", "nationality": "KR", "stay_days": "300"},
        "visa_x1",
    ),
    "nigerian_engineer": (
        "en",
        {**OUTSIDE, "purpose": "work", "nationality": "NG", "stay_days": "365"},
        "visa_z",
    ),
    "parent_of_a_citizen": (
        "en",
        {
            **OUTSIDE,
            "purpose": "family_chinese",
            "nationality": NO_LIST,
            "relationship": "parent",
            "stay_days": "90",
            "special_status": "none",
        },
        "visa_q2",
    ),
    "clerk_in_chinese": (
        "zh",
        {
            **OUTSIDE,
            "purpose": "business",
            "nationality": NO_LIST,
            "stay_days": "30",
            "special_status": "none",
            "stem_talent": "no",
        },
        "visa_m",
    ),
}


def _finish(engine, answers, lang, today=TODAY):
    """Answer whatever the path asks from `answers` (the order of questions may change)."""
    given = {}
    for _ in range(30):
        view = engine.step(given, lang, today)
        if view["kind"] != "question":
            return view
        qid = view["question"]["id"]
        assert qid in answers, f"the path asked {qid!r}, which this case does not answer"
        given[qid] = answers[qid]
    raise AssertionError("no result")


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_newcomer_is_told_where_to_apply_the_fee_and_the_time(engine, persona):
    lang, answers, outcome = PERSONAS[persona]
    view = _finish(engine, answers, lang)
    primary = view["primary"]
    assert primary["id"] == outcome
    assert {"where", "fee", "time"} <= {step["topic"] for step in primary["how_to_get"]}
    assert [step["id"] for step in primary["how_to_get"]] == engine.bundle["how_to_get"]["outcomes"][outcome]
    texts = engine.bundle["messages"][lang]["how_to_get"]
    for step in primary["how_to_get"]:
        assert step["text"] == texts["steps"][step["id"]] and step["label"] == texts["topics"][step["topic"]]
        assert step["text"] and step["label"]
    cited = {source["id"] for source in primary["sources"]}
    assert fee_sources(engine.bundle, outcome) <= cited  # the fee table the fee step cites is among them


def fee_sources(bundle, outcome):
    """The sources the rules give the fee steps of `outcome` (rules/how-to-get.yaml); never empty."""
    how = bundle["how_to_get"]
    sources = {
        s
        for step in how["outcomes"][outcome]
        if how["steps"][step]["topic"] == "fee"
        for s in how["steps"][step]["sources"]
    }
    assert sources, outcome
    return sources


def test_the_headline_is_one_plain_sentence_naming_the_visa(engine):
    view = _finish(engine, PERSONAS["tourist"][1], "en")
    outcome = view["primary"]["id"]
    headline = view["primary"]["headline"]
    assert headline == engine.bundle["messages"]["en"]["how_to_get"]["headlines"][outcome]
    assert "%s visa" % engine.bundle["outcomes"][outcome]["visa"] in headline
    assert headline.endswith(".") and headline.count(".") == 1 and "{" not in headline


def test_a_visa_free_headline_gives_the_policy_s_length_of_stay(dated_engine, tourist_fr):
    view = dated_engine.step(tourist_fr, "en", dated_policy.TODAY)
    assert view["primary"]["id"] == "vf_unilateral_30"
    template = dated_engine.bundle["messages"]["en"]["how_to_get"]["headlines"]["vf_unilateral_30"]
    assert "{max_stay}" in template
    assert view["primary"]["headline"] == template.replace("{max_stay}", "30 days")  # the fixture's stay


def test_the_ends_soon_notice_names_the_end_date(dated_engine, tourist_fr):
    trip = dict(tourist_fr, travel_date=add_days(dated_policy.END, -20))
    view = dated_engine.step(trip, "en", dated_policy.TODAY)
    notices = [n["message"] for n in view["notices"] if n["code"] == "policy_ends_soon"]
    template = dated_engine.bundle["messages"]["en"]["notices"]["policy_ends_soon"]
    assert "{valid_to}" in template
    assert notices == [template.replace("{valid_to}", "31 December 2030")]  # the fixture's END


def test_every_outcome_has_steps_and_every_text_in_every_language(bundle):
    how = bundle["how_to_get"]
    assert set(how["outcomes"]) == set(bundle["outcomes"])
    for lang, messages in bundle["messages"].items():
        texts = messages["how_to_get"]
        assert set(texts["headlines"]) == set(bundle["outcomes"]), lang
        assert set(texts["steps"]) == set(how["steps"]), lang


def test_every_scenario_s_result_has_a_complete_headline_and_steps_in_both_languages(engine):
    """The scenario files reach every outcome but the fallback: no headline is left with an unfilled
    placeholder ('…') and no result lacks its steps."""
    from pathlib import Path
    from urllib.parse import parse_qsl

    import yaml

    reached, incomplete, expected = set(), [], set()
    for path in sorted((Path(__file__).resolve().parents[2] / "rules" / "scenarios").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        base = dict(parse_qsl(data.get("base", "")))
        for case in data["cases"]:
            expected |= {case["expect"].get("primary"), *case["expect"].get("alternatives", [])} - {None}
            answers = {**base, **dict(parse_qsl(case.get("answers", "")))}
            for lang in ("en", "zh"):
                view = engine.step(answers, lang, str(case["today"]))
                if view["kind"] != "result":
                    continue
                for outcome in [view["primary"], *view["alternatives"]]:
                    reached.add(outcome["id"])
                    if "…" in outcome["headline"] or not outcome["how_to_get"]:
                        incomplete.append((outcome["id"], lang, outcome["headline"]))
    assert incomplete == []
    assert expected and expected <= reached  # every outcome a scenario names was checked here


def test_a_us_citizen_is_shown_the_reciprocal_fee_with_its_table_s_date_and_anyone_else_the_mission_s_fee(engine):
    tourist = {**PERSONAS["tourist"][1]}
    others = _finish(engine, tourist, "en")["primary"]
    americans = _finish(engine, {**tourist, "nationality": "US"}, "en")["primary"]
    assert americans["id"] == others["id"] == "visa_l"
    assert "US$185" in americans["fee"]["text"] and "28 February 2015" in americans["fee"]["text"]
    # Never one consulate's old table as everyone's answer: the others are told the mission sets it.
    assert "US$" not in others["fee"]["text"] and "Chicago" not in others["fee"]["text"]
    assert "Chicago" not in others["time"]["text"]
    cited = {source["id"] for source in americans["sources"]}
    assert set(engine.bundle["how_to_get"]["steps"]["visa_fee_reciprocal_us"]["sources"]) <= cited


def test_the_first_screen_names_the_first_step_the_fee_the_time_and_where_to_act_officially(engine):
    for persona, (lang, answers, outcome) in PERSONAS.items():
        primary = _finish(engine, answers, lang)["primary"]
        assert primary["next"]["topic"] not in ("fee", "time", "validity"), persona
        assert primary["next"] is primary["how_to_get"][0] or primary["how_to_get"][0]["topic"] == "fee"
        assert primary["fee"]["topic"] == "fee" and primary["time"]["topic"] == "time", persona
        links = primary["links"]
        assert [link["id"] for link in links] == engine.bundle["official_links"]["outcomes"][outcome], persona
        assert all(link["label"] and (link["url"] or link["phone"]) for link in links), persona
        cited = {source["id"] for source in primary["sources"]}
        assert {engine.bundle["official_links"]["links"][link["id"]]["source"] for link in links} <= cited


def test_a_work_result_says_the_permit_takes_weeks_before_the_visa(engine):
    primary = _finish(engine, PERSONAS["nigerian_engineer"][1], "en")["primary"]
    assert primary["time"]["id"] == "work_weeks" and "Weeks" in primary["time"]["text"]
    assert primary["next"]["id"] == "work_order"


def test_a_reader_from_the_us_gets_the_embassy_s_own_guide_to_the_online_form(engine):
    american = _finish(engine, {**PERSONAS["tourist"][1], "nationality": "US"}, "en")["primary"]
    other = _finish(engine, PERSONAS["tourist"][1], "en")["primary"]
    assert [link["id"] for link in american["links"]][0] == "cova_us"
    assert [link["id"] for link in other["links"]][0] == "cova"
    assert "us.china-embassy.gov.cn" in american["links"][0]["url"]


def test_a_shared_step_cites_on_each_route_only_the_sources_about_it_there(engine):
    # "No visa fee" is one step of every visa-free route; a transit result cited the article on the
    # 30-day unilateral list for it, and a Q2 result the S1 checklist (issue 27).
    steps = compiled().bundle["how_to_get"]["steps"]
    abroad = Env({"status": "outside"}, TODAY, engine.ctx)

    def how_to_get(outcome):
        return engine.presenter.how_to_get(outcome, engine.catalogues["en"], None, abroad)

    transit, sources_of_transit = how_to_get("vf_transit_240")
    by_route = steps["visa_free_no_fee"]["sources_by_outcome"]
    assert "visa_free_no_fee" in [step["id"] for step in transit]
    assert set(by_route["vf_transit_240"]) <= set(sources_of_transit)
    assert not set(steps["visa_free_no_fee"]["sources"]) & set(sources_of_transit)
    _, sources_of_q2 = how_to_get("visa_q2")
    _, sources_of_s2 = how_to_get("visa_s2")
    s_only = set(steps["visa_prepare_family_invitation"]["sources_by_outcome"]["visa_s2"])
    assert s_only <= set(sources_of_s2) and not s_only & set(sources_of_q2)


# Each result cites what supports it (issue 27): a source another route's duty, document or step
# shares must not follow it onto a result it says nothing about.
OVER_BROAD = {
    # The 30-day list's "counted from the next day" duty also named the Hainan announcement.
    "30-day list, not Hainan": (
        {"purpose": "tourism", "status": "outside", "nationality": "FR", "stay_days": "20"},
        "vf_unilateral_30",
        {"S34"},
    ),
    # The renewal's work permit named the Z visa's FAQ; its accommodation registration the
    # lost-passport page.
    "renewal, not the Z FAQ or the lost passport": (
        {"purpose": "work", "status": "in_china", "china_task": "renew_permit", "stay_ended": "no"},
        "rp_renewal",
        {"S10", "S41"},
    ),
    # A mutual agreement's "no fee", "decided at the border" and passport cited the 30-day list.
    "mutual agreement, not the 30-day list": (
        {"purpose": "tourism", "status": "outside", "nationality": "TH", "stay_days": "20"},
        "vf_mutual_exemption",
        {"S24", "S25"},
    ),
}


@pytest.mark.parametrize("case", OVER_BROAD)
def test_a_result_does_not_cite_the_sources_of_other_routes(dated_engine, case):
    answers, outcome, not_about_it = OVER_BROAD[case]
    answers = dict(answers, travel_date=dated_policy.TRAVEL_DATE, trip_scope="mainland", circumstances="none")
    view = dated_engine.step(answers, "en", dated_policy.TODAY)
    assert view["primary"]["id"] == outcome, view.get("question")
    cited = {source["id"] for source in view["primary"]["sources"]}
    assert cited and not cited & not_about_it
