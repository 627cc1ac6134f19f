"""A copy of the real rules whose 30-day policy is replaced by a small fixture with dates of its own
(2030), so tests of ends, alarms, warnings and visa-free results pin behaviour, not the live rules'
dates or members. Shared by tests/engine, tests/rules and tests/wizard_web."""

import functools
import json
import shutil
import tempfile
from pathlib import Path

import yaml

from wizard.engine import Engine, add_days
from wizard.tooling import changelog_coverage
from wizard.tooling.bundle import compile_rules
from wizard.tooling.rules_date import reviewed_date

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
    _log_changes(target, text)
    return target


# A fixture change's text in each catalogue language (JSON is YAML); Chinese gets Chinese words so
# the Chinese page checks see Chinese text.
FIXTURE_TEXT = {"zh": "测试变更：%s。"}


def _log_changes(target: Path, text: str) -> None:
    """The fixture's dated changes entered in the copy's changelog, as a maintainer enters them
    (wizard/tooling/changelog_coverage.py); a fixture made to be broken is left as it is."""
    try:
        data = yaml.safe_load(text)
        changes = [(str(dates[0]), what) for _, dates, what in changelog_coverage.dated_changes(data)]
    except (yaml.YAMLError, TypeError, KeyError, AttributeError):
        return
    languages = sorted(path.stem for path in (target / "messages").glob("*.yaml"))
    entries = "".join(
        "  - {date: %s, policy: %s, sources: [S24], text: %s}\n"
        % (day, data.get("id"), json.dumps({lang: FIXTURE_TEXT.get(lang, "Fixture: %s.") % what for lang in languages}))
        for day, what in changes
    )
    changelog = target / "changelog.yaml"
    text = changelog.read_text(encoding="utf-8")
    changelog.write_text(text.replace("\nchanges:\n", "\nchanges:\n" + entries, 1), encoding="utf-8")


def rules_reviewed_on(rules: Path, day: str) -> Path:
    """`rules` with rules/index.yaml `reviewed` set to `day`: the fixture's own review date, so that
    on the fixture's dates the rules are not yet "old" (rules_old_after_days)."""
    index = rules / "index.yaml"
    text = index.read_text(encoding="utf-8")
    old = "reviewed: %s\n" % reviewed_date(RULES).isoformat()
    assert old in text, "rules/index.yaml no longer says %r" % old
    index.write_text(text.replace(old, "reviewed: %s\n" % day, 1), encoding="utf-8")
    return rules


# The dated copy's today: its policy's review, well inside the fixture's dates, with the rules
# themselves reviewed that day. A trip from TODAY + 9 days is inside every fixture membership.
TODAY = REVIEWED
TRAVEL_DATE = add_days(TODAY, 9)

_kept = []  # the temporary folders of the compiled copies, removed when the process ends


@functools.cache
def dated_engine() -> Engine:
    """The engine on the dated copy (reviewed on TODAY), compiled once per test process."""
    folder = tempfile.TemporaryDirectory(prefix="dated-rules-")
    _kept.append(folder)
    rules = rules_reviewed_on(rules_with_dated_policy(Path(folder.name)), TODAY)
    return Engine(compile_rules(rules, reviewed_date(rules), deep=False).bundle)
