"""build_bundle: one JSON-serialisable bundle with rules, catalogues, country names and dates."""

import datetime as dt
import json
import logging
from pathlib import Path

import yaml

from wizard.engine import Engine
from wizard.tooling import bundle as bundle_module
from wizard.tooling.bundle import build_bundle, compile_rules
from wizard.tooling.rules_date import reviewed_date

from dated_policy import END, TRIAL_END, rules_with_dated_policy
from shared_rules import BUILD_DATE

RULES = Path(__file__).resolve().parents[2] / "rules"


def test_the_bundle_is_json_with_everything_the_browser_needs(bundle):
    text = json.dumps(bundle, ensure_ascii=False)
    assert len(text) < 600_000
    for key in (
        "format",
        "reviewed",
        "built",
        "languages",
        "questions",
        "conditions",
        "policies",
        "routes",
        "outcomes",
        "documents",
        "duties",
        "restrictions",
        "sources",
        "countries",
        "messages",
        "ui",
        "country_names",
    ):
        assert key in bundle, key
    assert bundle["reviewed"] == bundle["built"] == BUILD_DATE.isoformat()  # compiled for the rules' own date
    assert set(bundle["messages"]) == set(bundle["ui"]) == set(bundle["country_names"]) == set(bundle["languages"])
    assert {"en", "zh"} <= set(bundle["languages"])


def test_a_policy_ending_soon_is_logged_as_a_warning_and_the_bundle_is_still_built(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="wizard.tooling"):
        # deep=False: the warning comes from the policy checks, not from the path walk (its own tests)
        result = build_bundle(
            rules_with_dated_policy(tmp_path), dt.date.fromisoformat(END) - dt.timedelta(days=10), deep=False
        )
    assert result["policies"]["unilateral_30"]["valid_to"] == END
    assert any("ends in 10 days (on %s" % END in r.getMessage() for r in caplog.records)


def test_a_membership_that_ended_keeps_its_end_and_its_kind_and_still_answers_past_travel_dates(tmp_path):
    bundle = compile_rules(rules_with_dated_policy(tmp_path), dt.date.fromisoformat(END), deep=False).bundle
    assert bundle["policies"]["unilateral_30"]["members"]["DE"] == [
        {"valid_from": "2030-01-01", "valid_to": TRIAL_END, "end": "final", "sources": ["S24"]}
    ]
    answers = {
        "purpose": "tourism",
        "status": "outside",
        "nationality": "DE",
        "travel_date": TRIAL_END,
        "stay_days": "10",
        "trip_scope": "mainland",
        "circumstances": "none",
    }
    assert Engine(bundle).evaluate(answers, TRIAL_END)["primary"] == "vf_unilateral_30"


def test_every_membership_cites_a_source_and_every_source_has_a_date_or_says_undated(bundle):
    for pid, policy in bundle["policies"].items():
        assert policy["sources"], pid
        for code, periods in (policy["members"] or {}).items():
            for period in periods:
                assert period["sources"] and period["valid_from"], (pid, code)
    for sid, source in bundle["sources"].items():
        # No url means the original page was not found (the schema then requires a note, kept out
        # of the bundle with read_at, which users never see).
        assert "date" in source and ("url" not in source or source["url"].startswith("http")), sid
        assert "read_at" not in source and "note" not in source, sid


def test_the_bundle_command_writes_the_file_compiled_for_the_rules_own_date(tmp_path, capsys):
    out = tmp_path / "wizard" / "bundle.json"
    # --quick: the path walk is the same with or without the command (tests/rules/test_paths.py)
    assert bundle_module.main(["--rules", str(RULES), "--out", str(out), "--quick"]) == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["built"] == written["reviewed"] == reviewed_date(RULES).isoformat()


def _groups():
    questions = yaml.safe_load((Path(__file__).parents[2] / "rules" / "questions.yaml").read_text(encoding="utf-8"))
    return next(q for q in questions["questions"] if q["id"] == "purpose")["groups"]


def test_a_purpose_group_reaches_the_engine_as_its_purposes_in_policies_and_conditions(bundle):
    """Groups are named once in questions.yaml; the engine knows no groups, only purposes."""
    groups = _groups()
    purpose = next(q for q in bundle["questions"] if q["id"] == "purpose")
    assert "groups" not in purpose
    assert bundle["conditions"]["residence_purpose"] == {"in": ["purpose", groups["residence_purposes"]]}
    hainan_now = bundle["policies"]["hainan_30"]["terms"][-1]["purposes"]
    assert hainan_now == groups["visit_purposes"]
    mutual = bundle["policies"]["mutual_exemption"]["terms"][0]["purposes"]
    assert mutual == [*groups["visit_purposes"], "transit"]
    assert "visit_purposes" not in json.dumps(bundle)
