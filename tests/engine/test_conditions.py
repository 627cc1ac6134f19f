"""Each condition operator is a small function in a closed table; unanswered leaves are false."""

import pytest

from wizard.engine.conditions import OPERATORS, Context, Env, build
from wizard.engine.policies import Policy

POLICIES = {
    "listed": Policy(
        "listed",
        {
            "valid_from": "2024-01-01",
            "valid_to": "2026-12-31",
            "sources": ["S01"],
            "terms": [
                {
                    "valid_from": "2024-01-01",
                    "valid_to": "2024-06-30",
                    "max_stay": 15,
                    "unit": "days",
                    "purposes": ["tourism"],
                },
                {
                    "valid_from": "2024-07-01",
                    "valid_to": "2026-12-31",
                    "max_stay": 30,
                    "unit": "days",
                    "purposes": ["tourism", "transit"],
                },
            ],
            "members": {
                "FR": [{"valid_from": "2024-01-01", "valid_to": "2026-12-31"}],
                "SE": [{"valid_from": "2025-11-10", "valid_to": "2026-12-31"}],
                "AM": [{"valid_from": "2024-01-01", "valid_to": "2026-12-31", "max_stay": 90}],
            },
        },
    ),
    "open": Policy("open", {"sources": ["S01"], "terms": [{"max_stay": 24, "unit": "hours"}], "members": None}),
}
UNITS = {"stay_days": "days", "hours": "hours"}


def check(condition, values, today="2026-01-01", named=None):
    ctx = Context(POLICIES, UNITS, named or {})
    return build(condition, ctx)(Env(dict(values), today, ctx))


def test_the_operator_table_is_closed_and_small():
    assert set(OPERATORS) == {
        "all",
        "any",
        "not",
        "equals",
        "in",
        "includes",
        "lt",
        "le",
        "gt",
        "ge",
        "same",
        "answered",
        "ref",
        "member",
        "in_force",
        "within_terms",
        "date_matters",
        "since",
        "date_ahead",
    }


def test_an_unknown_operator_is_refused_when_building():
    with pytest.raises(ValueError):
        build({"matches": ["purpose", ".*"]}, Context({}, {}, {}))


def test_a_condition_must_have_exactly_one_operator():
    with pytest.raises(ValueError):
        build({"equals": ["a", "b"], "in": ["a", ["b"]]}, Context({}, {}, {}))


def test_includes_asks_whether_a_box_of_a_tick_all_that_apply_answer_is_ticked():
    assert check({"includes": ["circumstances", "urgent"]}, {"circumstances": ("urgent", "under_18")})
    assert not check({"includes": ["circumstances", "urgent"]}, {"circumstances": ("under_18",)})
    assert not check({"includes": ["circumstances", "urgent"]}, {"circumstances": ()})
    assert not check({"includes": ["circumstances", "urgent"]}, {})


def test_equals_and_in_compare_answers_with_values():
    assert check({"equals": ["purpose", "work"]}, {"purpose": "work"})
    assert not check({"equals": ["purpose", "work"]}, {"purpose": "study"})
    assert check({"in": ["purpose", ["work", "study"]]}, {"purpose": "study"})


def test_an_unanswered_question_makes_every_leaf_false_and_its_negation_true():
    assert not check({"equals": ["purpose", "work"]}, {})
    assert not check({"le": ["stay_days", 30]}, {})
    assert check({"not": {"le": ["stay_days", 30]}}, {})


def test_comparisons_work_on_numbers_and_on_iso_dates():
    assert check({"le": ["stay_days", 180]}, {"stay_days": 180})
    assert not check({"lt": ["stay_days", 180]}, {"stay_days": 180})
    assert check({"gt": ["stay_days", 180]}, {"stay_days": 181})
    assert check({"ge": ["travel_date", "2026-12-31"]}, {"travel_date": "2026-12-31"})
    assert not check({"gt": ["travel_date", "2026-12-31"]}, {"travel_date": "2026-12-31"})


def test_all_any_and_not_combine_conditions():
    values = {"purpose": "work", "stay_days": 10}
    assert check({"all": [{"equals": ["purpose", "work"]}, {"le": ["stay_days", 90]}]}, values)
    assert check({"any": [{"equals": ["purpose", "study"]}, {"le": ["stay_days", 90]}]}, values)
    assert not check({"not": {"equals": ["purpose", "work"]}}, values)


def test_same_compares_two_answers():
    assert check({"same": ["from", "to"]}, {"from": "US", "to": "US"})
    assert not check({"same": ["from", "to"]}, {"from": "US", "to": "JP"})
    assert not check({"same": ["from", "to"]}, {})


def test_ref_uses_a_named_condition():
    named = {"long": {"gt": ["stay_days", 180]}}
    assert check({"ref": "long"}, {"stay_days": 200}, named=named)
    assert not check({"ref": "long"}, {"stay_days": 100}, named=named)


def test_membership_depends_on_the_travel_date():
    cond = {"member": {"policy": "listed", "country": "nationality", "on": "travel_date"}}
    assert not check(cond, {"nationality": "SE", "travel_date": "2025-11-09"})
    assert check(cond, {"nationality": "SE", "travel_date": "2025-11-10"})
    assert check(cond, {"nationality": "SE", "travel_date": "2026-12-31"})
    assert not check(cond, {"nationality": "SE", "travel_date": "2027-01-01"})
    assert not check(cond, {"nationality": "US", "travel_date": "2026-01-01"})


def test_membership_without_a_travel_date_uses_today():
    cond = {"member": {"policy": "listed", "country": "nationality", "on": "travel_date"}}
    assert check(cond, {"nationality": "SE"}, today="2026-01-01")
    assert not check(cond, {"nationality": "SE"}, today="2025-01-01")


def test_ever_membership_ignores_the_date():
    cond = {"member": {"policy": "listed", "country": "nationality", "ever": True}}
    assert check(cond, {"nationality": "SE"}, today="2020-01-01")
    assert not check(cond, {"nationality": "US"})


def test_within_terms_uses_the_terms_in_force_on_the_date():
    cond = {"within_terms": {"policy": "listed", "stay": "stay_days", "on": "travel_date"}}
    assert check(cond, {"stay_days": 15, "travel_date": "2024-06-30"})
    assert not check(cond, {"stay_days": 16, "travel_date": "2024-06-30"})
    assert check(cond, {"stay_days": 30, "travel_date": "2024-07-01"})
    assert not check(cond, {"stay_days": 30, "travel_date": "2027-01-01"})


def test_within_terms_checks_the_purpose_and_a_members_own_limit():
    cond = {
        "within_terms": {
            "policy": "listed",
            "stay": "stay_days",
            "on": "travel_date",
            "purpose": "purpose",
            "country": "nationality",
        }
    }
    base = {"travel_date": "2025-01-01", "nationality": "FR"}
    assert check(cond, dict(base, stay_days=30, purpose="tourism"))
    assert not check(cond, dict(base, stay_days=30, purpose="work"))
    assert not check(cond, dict(base, stay_days=60, purpose="tourism"))
    assert check(cond, dict(base, stay_days=60, purpose="tourism", nationality="AM"))


def test_within_terms_converts_hours_and_days():
    days = {"within_terms": {"policy": "open", "stay": "stay_days"}}
    hours_in_days = {"within_terms": {"policy": "listed", "stay": "hours", "on": "travel_date"}}
    assert check(days, {"stay_days": 1})
    assert not check(days, {"stay_days": 2})
    assert check(hours_in_days, {"hours": 720, "travel_date": "2025-01-01"})
    assert not check(hours_in_days, {"hours": 721, "travel_date": "2025-01-01"})


def test_in_force_follows_the_policy_dates():
    cond = {"in_force": {"policy": "listed", "on": "travel_date"}}
    assert check(cond, {"travel_date": "2026-12-31"})
    assert not check(cond, {"travel_date": "2027-01-01"})


def test_a_travel_date_matters_only_when_a_change_falls_inside_the_dates_it_may_take():
    policy = Policy(
        "p",
        {
            "valid_from": "2020-01-01",
            "valid_to": "2026-12-31",
            "terms": [{"max_stay": 30, "unit": "days"}],
            "members": {"FR": [{"valid_from": "2020-01-01"}]},
        },
    )
    ctx = Context({"p": policy}, {}, {}, {"travel_date": [0, 730]})
    matters = build({"date_matters": {"policy": "p", "country": "nationality", "on": "travel_date"}}, ctx)
    assert matters(Env({"nationality": "FR"}, "2026-11-29", ctx))  # the policy ends within 730 days
    assert not matters(Env({"nationality": "FR"}, "2027-02-01", ctx))  # already over: nothing changes
    assert not matters(Env({"nationality": "US"}, "2026-11-29", ctx))  # never on the list
    assert not matters(Env({}, "2026-11-29", ctx))  # nationality not answered yet


def test_a_former_member_is_not_asked_its_travel_date_for_the_list_s_end():
    policy = Policy(
        "p",
        {
            "valid_from": "2020-01-01",
            "valid_to": "2026-12-31",
            "terms": [{"max_stay": 30, "unit": "days"}],
            "members": {
                "FR": [{"valid_from": "2020-01-01"}],
                "SG": [{"valid_from": "2020-01-01", "valid_to": "2024-02-08"}],
            },
        },
    )
    ctx = Context({"p": policy}, {}, {}, {"travel_date": [0, 730]})
    matters = build({"date_matters": {"policy": "p", "country": "nationality", "on": "travel_date"}}, ctx)
    assert not matters(Env({"nationality": "SG"}, "2026-11-29", ctx))  # left the list in 2024
    assert matters(Env({"nationality": "SG"}, "2023-12-01", ctx))  # its own end lies ahead
    assert matters(Env({"nationality": "FR"}, "2026-11-29", ctx))  # still listed when the list ends


def test_since_holds_from_its_date_on_the_travel_date_or_today_while_unanswered():
    k_visa = {"since": {"date": "2025-10-01", "on": "travel_date"}}
    assert not check(k_visa, {"travel_date": "2025-09-30"})
    assert check(k_visa, {"travel_date": "2025-10-01"})
    assert not check(k_visa, {}, today="2025-09-30")
    assert check(k_visa, {}, today="2025-10-01")


def test_date_ahead_holds_while_the_date_lies_within_the_dates_the_question_may_take():
    ctx = Context(POLICIES, UNITS, {}, {"travel_date": [0, 730]})
    ahead = build({"date_ahead": {"date": "2025-10-01", "on": "travel_date"}}, ctx)
    assert ahead(Env({}, "2025-09-30", ctx))  # the next day starts it: the date can fall either side
    assert not ahead(Env({}, "2025-10-01", ctx))  # every date it may take is on or after the start
    assert not ahead(Env({}, "2023-10-01", ctx))  # 731 days ahead: beyond the last date it takes
    assert ahead(Env({}, "2023-10-02", ctx))
