"""Scheduled and final ends on a fixture policy (tests/dated_policy.py): warnings before a
scheduled end, review alarms after one nobody reviewed, and the wizard's answer on either side."""

import datetime as dt

import pytest

from wizard.engine import Engine, add_days
from wizard.tooling.bundle import compile_rules

from dated_policy import END, FIXTURE, REVIEWED, TRIAL_END, rules_with_dated_policy

TOURIST = {
    "purpose": "tourism",
    "status": "outside",
    "stay_days": "20",
    "trip_scope": "mainland",
    "special_status": "none",
    "circumstances": "none",
}


def on(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


def own(problems):
    return [str(p) for p in problems if "unilateral-30-day" in str(p)]


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    return rules_with_dated_policy(tmp_path_factory.mktemp("dated"))


@pytest.fixture(scope="module")
def engine(rules):
    return Engine(compile_rules(rules, on(REVIEWED), deep=False).bundle)


def ask(engine, nationality, travel_date, lang="en", **more):
    answers = {**TOURIST, "nationality": nationality, "travel_date": travel_date, **more}
    today = add_days(travel_date, -10)
    return engine.evaluate(answers, today), engine.step(answers, lang, today)


def test_a_scheduled_end_within_the_warning_window_is_a_warning_with_the_days_left(rules):
    compiled = compile_rules(rules, on(add_days(END, -30)), deep=False)
    assert own(compiled.warnings) == [
        "rules/policies/unilateral-30-day.yaml:4:/valid_to: ends in 30 days (on %s, a scheduled end): "
        "check whether it was extended" % END
    ]
    assert [a for a in own(compiled.alarms) if ":4:/valid_to" in a] == []  # (the IT trial's end has passed)


def test_a_scheduled_end_passed_with_no_review_since_is_a_review_alarm_and_the_rules_still_compile(rules):
    compiled = compile_rules(rules, on(add_days(END, 2)), deep=False)
    alarms = [a.split(": review alarm: ")[0] for a in own(compiled.alarms)]
    assert alarms == [
        "rules/policies/unilateral-30-day.yaml:4:/valid_to",
        "rules/policies/unilateral-30-day.yaml:15:/members/2/valid_to",
    ]
    assert "the scheduled end %s has passed" % END in own(compiled.alarms)[0]


def test_a_scheduled_end_reviewed_after_it_passed_is_no_longer_an_alarm(tmp_path):
    reviewed_later = FIXTURE.replace("reviewed: %s" % REVIEWED, "reviewed: %s" % add_days(TRIAL_END, 5))
    compiled = compile_rules(rules_with_dated_policy(tmp_path, reviewed_later), on(add_days(TRIAL_END, 10)), deep=False)
    assert own(compiled.alarms) == []


def test_an_end_announced_as_final_is_never_an_alarm_or_a_warning(tmp_path):
    final = FIXTURE.replace("valid_to: 2030-12-31\nend: scheduled", "valid_to: 2030-12-31\nend: final").replace(
        "end: scheduled, sources", "end: final, sources"
    )
    for day in (add_days(END, -5), add_days(END, 5)):
        compiled = compile_rules(rules_with_dated_policy(tmp_path / day, final), on(day), deep=False)
        assert own(compiled.alarms) == own(compiled.warnings) == [], day


def test_a_traveller_listed_to_the_scheduled_end_is_visa_free_on_its_last_day(engine):
    ids, _ = ask(engine, "FR", END)
    assert ids["primary"] == "vf_unilateral_30" and "end_not_announced" not in ids["notices"]


def test_past_a_scheduled_end_the_visa_is_the_safe_route_and_the_result_leads_with_the_missing_announcement(engine):
    ids, view = ask(engine, "FR", add_days(END, 1))
    assert ids["primary"] == "visa_l"
    assert ids["notices"] == ["end_not_announced"]
    codes = [n["code"] for n in view["notices"]]
    assert codes[:2] == ["end_not_announced", "extended_before"]
    lead = view["notices"][0]["message"]
    assert "31 December 2030" in lead and "1 June 2030" in lead and "12367" in lead
    assert "1 November 2029" in view["notices"][1]["message"]
    assert view["primary"]["headline"].startswith("Visa-free entry for citizens of France was announced only until")
    assert not view["primary"]["headline"].startswith("You need")


def test_the_chinese_result_past_a_scheduled_end_says_the_same_in_chinese(engine):
    _, view = ask(engine, "FR", add_days(END, 1), lang="zh")
    assert "2030年12月31日" in view["primary"]["headline"] and "法国" in view["primary"]["headline"]
    assert "2030年6月1日" in view["notices"][0]["message"]


def test_a_membership_whose_scheduled_trial_passed_leads_with_it_but_not_with_the_lists_extensions(engine):
    ids, view = ask(engine, "IT", add_days(TRIAL_END, 5))
    assert ids["primary"] == "visa_l" and ids["notices"] == ["end_not_announced"]
    assert [n["code"] for n in view["notices"]][:1] == ["end_not_announced"]
    assert "extended_before" not in [n["code"] for n in view["notices"]]
    assert "30 June 2030" in view["notices"][0]["message"]


def test_a_membership_ended_as_announced_gives_the_visa_with_no_notice(engine):
    ids, view = ask(engine, "DE", add_days(TRIAL_END, 5))
    assert ids["primary"] == "visa_l" and ids["notices"] == []
    assert view["primary"]["headline"].startswith("You need")


def test_a_purpose_the_lapsed_policy_never_covered_is_not_told_about_it(engine):
    ids, _ = ask(engine, "FR", add_days(END, 1), purpose="work", stay_days="200")
    assert ids["primary"] == "visa_z" and "end_not_announced" not in ids["notices"]


def test_a_nationality_never_on_the_list_is_not_told_about_its_end(engine):
    ids, _ = ask(engine, "US", add_days(END, 1))
    assert "end_not_announced" not in ids["notices"]
