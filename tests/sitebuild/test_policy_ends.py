"""The end notice of a dated policy on guide pages, rendered from the compiled rules in each language
(a fixture policy with 2030 dates: tests/dated_policy.py)."""

import datetime as dt

import pytest

from sitebuild.policy_ends import render
from wizard.tooling.bundle import compile_rules

from dated_policy import END, FIXTURE, REVIEWED, rules_with_dated_policy

MARK = "<!-- policy-end: unilateral_30 -->"


def bundle_of(tmp_path, text=FIXTURE):
    return compile_rules(rules_with_dated_policy(tmp_path, text), dt.date.fromisoformat(REVIEWED), deep=False).bundle


def test_a_scheduled_end_is_shown_with_the_day_checked_the_last_extension_and_the_members_whose_trial_passed(
    tmp_path,
):
    page = render("Intro\n\n" + MARK + "\n\nMore", bundle_of(tmp_path), "en")
    assert page.startswith('Intro\n\n!!! warning "Dated policy: announced until 31 December 2030"')
    assert "no extension had been announced" in page and "1 June 2030" in page
    assert "the last extension was announced on 1 November 2029" in page
    assert "**Italy**: announced until 30 June 2030" in page  # a scheduled trial end before the list's
    assert "Germany" not in page  # its end was announced as final
    assert page.endswith("\n\nMore")


def test_the_notice_is_in_the_pages_language_with_its_dates(tmp_path):
    page = render(MARK, bundle_of(tmp_path), "zh")
    assert "公布实施至2030年12月31日" in page and "2030年6月1日" in page and "**意大利**" in page


def test_a_changed_end_in_the_rules_changes_the_page(tmp_path):
    later = FIXTURE.replace("valid_to: 2030-12-31\nend: scheduled", "valid_to: 2031-06-30\nend: scheduled")
    assert "30 June 2031" in render(MARK, bundle_of(tmp_path, later), "en")
    assert END not in render(MARK, bundle_of(tmp_path / "again", later), "en")


def test_an_end_announced_as_final_says_so_and_nothing_about_extensions(tmp_path):
    final = FIXTURE.replace("valid_to: 2030-12-31\nend: scheduled", "valid_to: 2030-12-31\nend: final")
    page = render(MARK, bundle_of(tmp_path, final), "en")
    assert "ends on **31 December 2030**, as announced" in page and "extension" not in page.split("Italy")[0]


def test_a_marker_naming_an_unknown_policy_is_an_error(tmp_path):
    with pytest.raises(KeyError):
        render("<!-- policy-end: no_such_policy -->", bundle_of(tmp_path), "en")
