"""A copy of the real rules whose 30-day policy is replaced by a small fixture with dates of its own
(2030), so tests of ends, alarms and warnings pin behaviour, not the live rules' dates."""

import shutil
from pathlib import Path

RULES = Path(__file__).resolve().parents[1] / "rules"
POLICY_FILE = "policies/unilateral-30-day.yaml"
POLICY_ID = "unilateral_30"  # the routes use this id; the fixture keeps it and replaces the dates

# FR: listed to the policy's scheduled end. DE: left the list on 2030-06-30 (announced, final).
# IT: a trial to 2030-06-30 with no word on what follows (scheduled). ES: no end of its own.
FIXTURE = """\
kind: policy
id: unilateral_30
valid_from: 2030-01-01
valid_to: 2030-12-31
end: scheduled
reviewed: 2030-06-01
last_extended: {date: 2029-11-01, sources: [S24]}
sources: [S24]
terms:
  - {max_stay: 30, unit: days, purposes: [tourism, business, exchange, family_chinese, family_foreigner, transit],
     sources: [S24]}
members:
  - {country: FR, valid_from: 2030-01-01, sources: [S24]}
  - {country: DE, valid_from: 2030-01-01, valid_to: 2030-06-30, end: final, sources: [S24]}
  - {country: IT, valid_from: 2030-01-01, valid_to: 2030-06-30, end: scheduled, sources: [S24]}
  - {country: ES, valid_from: 2030-01-01, sources: [S24]}
"""
END = "2030-12-31"
TRIAL_END = "2030-06-30"
REVIEWED = "2030-06-01"
LAST_EXTENDED = "2029-11-01"


def rules_with_dated_policy(tmp_path: Path, text: str = FIXTURE) -> Path:
    """The real rules (without their scenarios) with the 30-day policy replaced by `text`."""
    target = tmp_path / "rules"
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("scenarios"))
    (target / POLICY_FILE).write_text(text, encoding="utf-8")
    return target
