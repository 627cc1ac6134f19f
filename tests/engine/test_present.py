"""What the engine fills into a reason's text (wizard/engine/present.py): a listed policy's size
comes from the rules on the travel date, so no catalogue writes it by hand."""

import copy

from wizard.engine import Engine

from shared_rules import TODAY

HAINAN_TOURIST = {
    "purpose": "tourism",
    "status": "outside",
    "trip_scope": "hainan_only",
    "circumstances": "none",
    "nationality": "US",
    "travel_date": TODAY,
    "stay_days": "30",
}


def _listed_on(policy, day):
    return sum(
        any(p["valid_from"] <= day and (p["valid_to"] is None or day <= p["valid_to"]) for p in periods)
        for periods in policy["members"].values()
    )


def _hainan_reason(engine, lang):
    """The result's reasons, in one string."""
    view = engine.step(HAINAN_TOURIST, lang, TODAY)["primary"]
    assert view["id"] == "vf_hainan"
    return "\n".join(view["reasons"])


def test_the_hainan_reason_says_how_many_countries_the_rules_list_on_the_travel_date(bundle):
    listed = _listed_on(bundle["policies"]["hainan_30"], TODAY)
    assert "one of the %d countries" % listed in _hainan_reason(Engine(bundle), "en")
    assert "%d个国家之一" % listed in _hainan_reason(Engine(bundle), "zh")


def test_a_country_leaving_the_hainan_list_changes_the_count_in_the_reason(bundle):
    fewer = copy.deepcopy(bundle)
    members = fewer["policies"]["hainan_30"]["members"]
    del members[next(code for code in members if code != "US")]
    listed = _listed_on(bundle["policies"]["hainan_30"], TODAY)
    assert "one of the %d countries" % (listed - 1) in _hainan_reason(Engine(fewer), "en")
