"""A duty or a how-to-get step with a `when` is shown only to the readers it applies to: in the
result, its guide links and its sources, and in the ids the tools read."""

import copy

from wizard.engine import Engine

from shared_rules import TODAY

IN_CHINA = {"purpose": "work", "status": "in_china", "china_task": "renew_permit", "stay_ended": "no"}


def _engine_with(bundle, duty_when=None, step_when=None):
    """The real rules with a `when` added to the renewal's duty and its deadline step."""
    changed = copy.deepcopy(bundle)
    if duty_when is not None:
        changed["duties"]["rp_extend_30_days_before"]["when"] = duty_when
    if step_when is not None:
        changed["how_to_get"]["steps"]["rp_renewal_deadline"]["when"] = step_when
    return Engine(changed)


def test_a_duty_whose_condition_fails_is_left_out_with_its_guide_and_sources(bundle):
    engine = _engine_with(bundle, duty_when={"equals": ["purpose", "study"]})
    view = engine.step(IN_CHINA, "en", TODAY)["primary"]
    assert view["id"] == "rp_renewal"
    assert engine.bundle["messages"]["en"]["duties"]["rp_extend_30_days_before"] not in view["duties"]
    assert len(view["duty_guides"]) == len(view["duties"])
    assert engine.evaluate(IN_CHINA, TODAY)["details"]["rp_renewal"]["duties"] == []


def test_a_duty_whose_condition_holds_is_shown(bundle):
    engine = _engine_with(bundle, duty_when={"equals": ["purpose", "work"]})
    view = engine.step(IN_CHINA, "en", TODAY)["primary"]
    assert view["duties"] == [engine.bundle["messages"]["en"]["duties"]["rp_extend_30_days_before"]]
    assert engine.evaluate(IN_CHINA, TODAY)["details"]["rp_renewal"]["duties"] == ["rp_extend_30_days_before"]


def test_a_step_whose_condition_fails_is_left_out_and_its_sources_are_not_cited(bundle):
    only_step_source = "S999"
    changed = copy.deepcopy(bundle)
    changed["sources"][only_step_source] = dict(changed["sources"]["S08"])
    changed["how_to_get"]["steps"]["rp_renewal_deadline"]["sources"] = [only_step_source]
    shown = _engine_with(changed, step_when={"equals": ["purpose", "work"]})
    hidden = _engine_with(changed, step_when={"equals": ["purpose", "study"]})
    shown_view = shown.step(IN_CHINA, "en", TODAY)["primary"]
    hidden_view = hidden.step(IN_CHINA, "en", TODAY)["primary"]
    assert "rp_renewal_deadline" in [s["id"] for s in shown_view["how_to_get"]]
    assert only_step_source in [s["id"] for s in shown_view["sources"]]
    assert "rp_renewal_deadline" not in [s["id"] for s in hidden_view["how_to_get"]]
    assert only_step_source not in [s["id"] for s in hidden_view["sources"]]
    assert "rp_renewal_deadline" not in hidden.evaluate(IN_CHINA, TODAY)["details"]["rp_renewal"]["steps"]


def test_the_first_thing_to_do_is_the_first_step_shown(bundle):
    engine = _engine_with(bundle, step_when={"equals": ["purpose", "study"]})
    view = engine.step(IN_CHINA, "en", TODAY)["primary"]
    assert view["next"]["id"] == view["how_to_get"][0]["id"] != "rp_renewal_deadline"
