"""`python -m wizard.tooling.review`: alarms, coming and open ends for a date; --strict (make
release) fails on an alarm, and nothing else does (on the fixture policy of tests/dated_policy.py)."""

import pytest

from wizard.engine import add_days
from wizard.tooling import review

from dated_policy import END, FIXTURE, REVIEWED, TRIAL_END, rules_with_dated_policy


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    return rules_with_dated_policy(tmp_path_factory.mktemp("review"))


def run(rules, day, *flags):
    return review.main(["--rules", str(rules), "--date", day, *flags])


def test_an_end_coming_within_the_window_is_listed_and_never_fails(tmp_path, capsys):
    without_trial = "\n".join(line for line in FIXTURE.splitlines() if "country: IT" not in line) + "\n"
    assert run(rules_with_dated_policy(tmp_path, without_trial), add_days(END, -20), "--strict") == 0
    out = capsys.readouterr().out
    assert "0 alarm(s), 1 end(s) coming" in out and "ends in 20 days (on %s" % END in out


def test_a_passed_scheduled_end_with_no_review_since_fails_the_strict_review_naming_the_file(rules, capsys):
    assert run(rules, add_days(END, 1), "--strict") == 1
    out = capsys.readouterr().out
    assert "ALARM rules/policies/unilateral-30-day.yaml:4:/valid_to: review alarm" in out


def test_without_strict_the_review_reports_the_alarm_and_succeeds(rules, capsys):
    assert run(rules, add_days(END, 1)) == 0
    assert "ALARM rules/policies/unilateral-30-day.yaml:4:/valid_to" in capsys.readouterr().out


def test_an_end_passed_and_reviewed_since_is_listed_as_open_not_as_an_alarm(tmp_path, capsys):
    reviewed_later = FIXTURE.replace("reviewed: %s" % REVIEWED, "reviewed: %s" % add_days(TRIAL_END, 3))
    rules = rules_with_dated_policy(tmp_path, reviewed_later)
    assert run(rules, add_days(TRIAL_END, 10), "--strict") == 0
    out = capsys.readouterr().out
    assert "0 alarm(s)" in out and "open  rules/policies/unilateral-30-day.yaml:15:/members/2/valid_to" in out
