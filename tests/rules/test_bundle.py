"""build_bundle: one JSON-serialisable bundle with rules, catalogues, country names and dates."""

import datetime as dt
import json
import logging
from pathlib import Path

from wizard.engine import Engine
from wizard.tooling import bundle as bundle_module
from wizard.tooling.bundle import build_bundle, compile_rules

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
    assert bundle["reviewed"] == "2026-11-23" and bundle["built"] == "2026-11-23"
    assert set(bundle["messages"]) == set(bundle["ui"]) == set(bundle["country_names"]) == {"en", "zh"}


def test_a_policy_ending_soon_is_a_warning_not_a_failure(caplog):
    with caplog.at_level(logging.WARNING, logger="wizard.tooling"):
        result = build_bundle(RULES, dt.date(2026, 11, 23))
    assert result["policies"]["unilateral_30"]["valid_to"] == "2026-12-31"
    assert any("ends on 2026-12-31" in r.getMessage() for r in caplog.records)


def test_warnings_are_returned_by_compile_rules():
    compiled = compile_rules(RULES, dt.date(2026, 11, 23), deep=False)
    assert [str(w).split(": ", 1)[0] for w in compiled.warnings] == [
        "rules/policies/unilateral-30-day.yaml:8:/valid_to",
        "rules/policies/unilateral-30-day.yaml:13:/terms/1/valid_to",
    ]


def test_ended_memberships_marked_historical_still_answer_past_travel_dates(bundle):
    russia = bundle["policies"]["unilateral_30"]["members"]["RU"]
    assert russia == [
        {"valid_from": "2025-09-15", "valid_to": "2026-09-14", "sources": ["S27"], "continuation": "unknown"}
    ]
    engine = Engine(bundle)
    answers = {
        "purpose": "tourism",
        "status": "outside",
        "nationality": "RU",
        "travel_date": "2026-01-10",
        "stay_days": "10",
        "trip_scope": "mainland",
        "circumstances": "none",
    }
    assert engine.evaluate(answers, "2026-01-01")["primary"] == "vf_unilateral_30"


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


def test_the_bundle_command_writes_the_file(tmp_path, capsys):
    out = tmp_path / "wizard" / "bundle.json"
    assert bundle_module.main(["--rules", str(RULES), "--out", str(out), "--date", "2026-11-23"]) == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["reviewed"] == "2026-11-23"
