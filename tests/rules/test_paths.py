"""Every reachable path, walked once: each ends in a result, and the invariants hold."""

import copy

import pytest
import yaml

from wizard.engine import FALLBACK_OUTCOME, Engine
from wizard.tooling.invariants import Invariants
from wizard.tooling.walk import Enumerator

from shared_rules import RULES, TODAY

# The duty each long-stay visa leads to within 30 days of entry: a residence permit, or for D
# the permanent residence card.
RP_VISAS = {
    "Z": "residence_permit_30_days",
    "X1": "residence_permit_30_days",
    "J1": "residence_permit_30_days",
    "Q1": "residence_permit_30_days",
    "S1": "residence_permit_30_days",
    "D": "pr_card_within_30_days",
}


@pytest.fixture(scope="module")
def walk(engine, rule_paths):
    """Facts gathered from the one shared walk of every path from the build date."""
    bundle = engine.bundle
    outcomes = bundle["outcomes"]
    listed = [p for p in engine.policies.values() if p.members is not None]
    facts = {
        "paths": 0,
        "dead": [],
        "visa_free_unlisted": [],
        "rp_missing": [],
        "reached": set(),
        "asked": set(),
        "visa_free_outside_every_list": set(),
        "checklists_empty": [],
    }
    for leaf in rule_paths:
        facts["paths"] += 1
        values = leaf.values
        facts["asked"].update(values)
        if leaf.decision.primary is None:
            facts["dead"].append(dict(values))
            continue
        day = leaf.env.day("travel_date")
        nationality = values.get("nationality")
        outside_every_list = nationality is not None and not any(p.membership_on(nationality, day) for p in listed)
        for oid in leaf.outcomes():
            facts["reached"].add(oid)
            outcome = outcomes[oid]
            if outcome["kind"] == "visa_free":
                policy = engine.policies[outcome["policy"]]
                if nationality is None or (
                    policy.members is not None and policy.membership_on(nationality, day) is None
                ):
                    facts["visa_free_unlisted"].append((oid, dict(values)))
                if outside_every_list:
                    facts["visa_free_outside_every_list"].add(outcome["policy"])
            if outcome.get("visa") in RP_VISAS and RP_VISAS[outcome["visa"]] not in outcome.get("duties", []):
                facts["rp_missing"].append(oid)
    return facts


def test_there_are_many_paths_and_every_one_ends_in_a_result(walk):
    assert walk["paths"] > 10000
    assert walk["dead"] == []


def test_every_question_is_asked_on_some_path(walk, engine):
    assert {q.id for q in engine.flow.questions} <= walk["asked"]


def test_every_outcome_except_the_hotline_fallback_is_reached(walk, engine):
    assert set(engine.bundle["outcomes"]) - walk["reached"] == {FALLBACK_OUTCOME}


def test_no_visa_free_result_for_a_nationality_outside_the_policys_list_on_that_date(walk):
    assert walk["visa_free_unlisted"] == []


def test_outside_every_list_only_schemes_open_to_all_nationalities_are_offered(walk, engine):
    for pid in walk["visa_free_outside_every_list"]:
        assert engine.policies[pid].open_to_all, pid


def test_every_z_x1_j1_q1_s1_and_d_result_carries_the_residence_permit_duty(walk):
    assert walk["rp_missing"] == []


def test_every_ordinary_category_has_a_visa_outcome_and_no_other_letter_is_used(engine):
    # The categories are the coverage map's visa_category entries (Regulations Art. 6 as amended),
    # so a new category changes the rules, not this test.
    entries = yaml.safe_load((RULES / "coverage.yaml").read_text(encoding="utf-8"))["entries"]
    categories = {e["visa"] for e in entries if e["group"] == "visa_category"}
    visas = {o["visa"] for o in engine.bundle["outcomes"].values() if o["kind"] == "visa"}
    assert visas == categories and len(categories) > 1


def test_every_visa_free_outcome_says_what_it_does_not_allow(engine):
    for oid, outcome in engine.bundle["outcomes"].items():
        if outcome["kind"] == "visa_free":
            assert {"no_work", "no_study"} <= set(outcome["not_allowed"]), oid


def test_every_result_path_renders_in_both_languages_without_unfilled_placeholders(engine, rule_paths):
    """A sample of one path per outcome, rendered fully through step()."""
    seen = {}
    for leaf in rule_paths:
        for oid in leaf.outcomes():
            seen.setdefault(oid, engine.flow.raw_answers(leaf.values))
    for answers in seen.values():
        for lang in ("en", "zh"):
            view = engine.step(answers, lang, TODAY)
            assert view["kind"] == "result"
            for outcome in [view["primary"]] + view["alternatives"]:
                for text in outcome["reasons"] + outcome["duties"] + [outcome["title"], outcome["summary"]]:
                    assert text and "{" not in text and "…" not in text, (answers, text)


def _first_violations(bundle, wanted):
    """Walk the changed rules until a problem `wanted` accepts shows up (or every path is seen)."""
    engine = Engine(bundle)
    invariants = Invariants(engine)
    for leaf in Enumerator(engine, TODAY).walk():
        invariants.observe(leaf)
        if any(wanted(problem) for problem in invariants.problems):
            break
    return invariants


def test_on_every_path_the_advice_invariants_hold(engine, rule_paths):
    invariants = Invariants(engine)
    for leaf in rule_paths:
        invariants.observe(leaf)
    assert invariants.problems == []


def test_the_walk_catches_an_entry_route_without_the_registration_duty(engine):
    bundle = copy.deepcopy(engine.bundle)
    bundle["outcomes"]["visa_l"]["duties"].remove("register_within_24_hours")
    wanted = ("entry route without the register_within_24_hours duty", "visa_l")
    kinds = {(kind, oid) for kind, oid, _ in _first_violations(bundle, lambda p: p[:2] == wanted).problems}
    assert wanted in kinds


def test_the_walk_catches_a_visa_free_result_after_a_visa_application_question(engine):
    bundle = copy.deepcopy(engine.bundle)
    gate = next(q for q in bundle["questions"] if q["id"] == "circumstances")
    gate["ask_if"] = {"ref": "applies_for_visa_abroad"}  # asked of everyone planning a trip
    wanted = "visa-free result after the visa-application"
    problems = _first_violations(bundle, lambda p: p[0].startswith(wanted)).problems
    assert wanted in {kind.split(" question")[0] for kind, _, _ in problems}


def test_the_walk_catches_a_result_citing_a_source_none_of_its_rules_uses(engine):
    bundle = copy.deepcopy(engine.bundle)
    engine_copy = Engine(bundle)
    cite_everything = engine_copy.presenter.sources
    engine_copy.presenter.sources = lambda ids, cat: cite_everything(list(ids) + ["S05"], cat)  # a stray source
    invariants = Invariants(engine_copy)
    for leaf in Enumerator(engine_copy, TODAY).walk():
        invariants.observe(leaf)
        if invariants.problems:
            break
    assert any("cites S05" in kind for kind, _, _ in invariants.problems)
