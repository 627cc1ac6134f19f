"""Broken rule files fail the build with one line naming file, location and reason."""

import datetime as dt
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import yaml

from wizard.engine import add_days
from wizard.tooling import validate
from wizard.tooling.bundle import compile_rules
from wizard.tooling.errors import RuleError
from wizard.tooling.rules_date import rules_date

from dated_policy import END, rules_with_dated_policy
from shared_rules import BUILD_DATE

HERE = Path(__file__).resolve().parent
RULES = HERE.parents[1] / "rules"
CASES = sorted(p for p in (HERE / "broken").iterdir() if (p / "case.yaml").exists())


def broken_copy(case_dir, tmp_path):
    """A copy of the real rules with the case's files added and its patches applied."""
    target = tmp_path / "rules"
    meta = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    # `scenarios: true` keeps the scenario files, for a case about what they must cover
    shutil.copytree(RULES, target, ignore=None if meta.get("scenarios") else shutil.ignore_patterns("scenarios"))
    files = case_dir / "files"
    if files.is_dir():
        shutil.copytree(files, target, dirs_exist_ok=True)
    if "generate" in meta:
        generate(target, **meta["generate"])
    for patch in meta.get("patch", []):
        path = target / patch["file"]
        text = path.read_text(encoding="utf-8")
        # `pattern` instead of `old`: a regular expression, for a value the live rules change (an end date)
        old = re.search(patch["pattern"], text) if "pattern" in patch else patch["old"] in text and patch["old"]
        assert old, "the patch of %s no longer applies to %s" % (case_dir.name, patch["file"])
        path.write_text(text.replace(old if isinstance(old, str) else old.group(0), patch["new"], 1), encoding="utf-8")
    return target, meta


def generate(target, file, make, size=0, text=""):
    """The hostile files too big (or too strange) to commit, made at run time."""
    path = target / file
    path.parent.mkdir(parents=True, exist_ok=True)
    if make == "nested":
        path.write_text("[" * size + "]" * size + "\n", encoding="utf-8")
    elif make == "conditions":
        deep = "{not: " * size + "{question: purpose, equals: work}" + "}" * size
        path.write_text("kind: conditions\nconditions:\n  deep: %s\n" % deep, encoding="utf-8")
    elif make == "large":
        with path.open("w", encoding="utf-8") as out:
            out.write("kind: policy\n")
            out.write(("# " + "x" * 1021 + "\n") * ((size - out.tell()) // 1024))
            out.write("#" * (size - out.tell() - 1) + "\n")
        assert path.stat().st_size == size
    elif make == "fifo":
        os.mkfifo(path)
    elif make == "text":  # bytes a text editor would not keep, written from the case's escapes
        path.write_text(text, encoding="utf-8")
    elif make == "digits":
        path.write_text("kind: policy\nid: digits\nterms: %s\n" % ("9" * size), encoding="utf-8")
    elif make == "many":
        for i in range(size + 1):
            path.with_name("%s-%03d.yaml" % (path.stem, i)).write_text("kind: policy\n", encoding="utf-8")
    else:
        raise ValueError(make)


CASES_IN_PROCESS = [c for c in CASES if "generate:" not in (c / "case.yaml").read_text(encoding="utf-8")]
CASES_GENERATED = [c for c in CASES if c not in CASES_IN_PROCESS]


def _walks(case_dir):
    """A case whose check walks every answer path (`deep: true`) takes seconds: the `walk` tier."""
    deep = re.search(r"^deep: true$", (case_dir / "case.yaml").read_text(encoding="utf-8"), re.M)
    return pytest.param(case_dir, id=case_dir.name, marks=[pytest.mark.walk] if deep else [])


@pytest.mark.parametrize("case_dir", [_walks(c) for c in CASES_IN_PROCESS])
def test_a_broken_rule_file_is_reported_as_file_location_and_one_line_reason(case_dir, tmp_path):
    target, meta = broken_copy(case_dir, tmp_path)
    with pytest.raises(RuleError) as caught:
        # `docs: true`: also check the rules' guide links against the real docs (every language)
        docs_root = HERE.parents[1] / "docs" / "en" if meta.get("docs") else None
        compile_rules(target, BUILD_DATE, deep=meta.get("deep", False), docs_root=docs_root)
    assert_reported(str(caught.value), meta["expect"])


@pytest.mark.parametrize("case_dir", CASES_GENERATED, ids=[c.name for c in CASES_GENERATED])
def test_a_hostile_rule_file_makes_validate_print_file_location_and_reason_and_exit_1(
    case_dir, tmp_path, compiled_rules
):
    # compiled_rules: the real rules' files, schema-checked once in this process (schemas.py remembers
    # the valid ones), are not checked again in each child.
    target, meta = broken_copy(case_dir, tmp_path)
    assert_refused(*validate_in_a_child(target, tmp_path), meta["expect"])


def test_the_validate_command_refuses_a_hostile_rule_file_and_exits_1(tmp_path):
    """The command itself, in a fresh interpreter, on a named pipe: opening it would wait forever."""
    target, meta = broken_copy(HERE / "broken" / "fifo-in-rules", tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "wizard.tooling.validate", *validate_arguments(target)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=HERE.parents[1],
    )
    assert_refused(run.returncode, run.stdout, run.stderr, meta["expect"])


def validate_arguments(target):
    return ["--rules", str(target), "--quick", "--date", BUILD_DATE.isoformat()]


def validate_in_a_child(target, tmp_path):
    """(exit code, stdout, stderr) of validate's command line on `target` run in a forked child, so a
    crash (a signal) or a hang fails the test instead of the run; forked rather than a fresh
    interpreter, which took 0.6 s a case to start and import (one test above still starts one)."""
    out, err = tmp_path / "stdout", tmp_path / "stderr"

    def child():
        # Left open: the child flushes them as it exits, after any traceback is written.
        sys.stdout, sys.stderr = out.open("w", encoding="utf-8"), err.open("w", encoding="utf-8")
        os.dup2(sys.stdout.fileno(), 1)
        os.dup2(sys.stderr.fileno(), 2)
        sys.exit(validate.main(validate_arguments(target)))

    process = multiprocessing.get_context("fork").Process(target=child)
    with warnings.catch_warnings():
        # Python warns that a thread may hold a lock the child then waits for: an xdist worker has
        # execnet's I/O thread, whose locks the child never takes; a child stuck anyway fails at the
        # timeout below, never passes.
        warnings.filterwarnings("ignore", r"This process .* is multi-threaded", DeprecationWarning)
        process.start()
    process.join(timeout=60)
    if process.is_alive():
        process.kill()
        process.join()
        pytest.fail("validate still running after 60 s")
    return process.exitcode, out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")


def assert_refused(returncode, stdout, stderr, expect):
    """Exit code 1 (not a signal's), nothing on stderr, and only lines naming a rule file, the first
    the expected one."""
    assert returncode == 1, (returncode, stdout[-2000:], stderr[-2000:])
    assert stderr == "" and "internal error" not in stdout, stdout[-2000:] + stderr[-2000:]
    lines = stdout.splitlines()
    assert lines and all(line.startswith("rules") for line in lines), stdout[-2000:]
    assert_reported(lines[0], expect)


def assert_reported(message, expect):
    assert "\n" not in message and "Traceback" not in message
    file, _, rest = message.partition(":")
    location, _, reason = rest.partition(": ")
    assert file == expect["file"], message
    assert expect["location"] in location, message
    assert expect["reason"] in reason, message


def test_the_broken_set_covers_every_kind_of_check():
    assert len(CASES) >= 20
    assert {
        "billion-laughs",
        "recursive-alias",
        "nested-50000-deep",
        "conditions-3000-deep",
        "file-of-30-mb",
        "fifo-in-rules",
        "too-many-files",
    } <= {c.name for c in CASES}


def test_validate_prints_one_line_per_problem_and_exits_1(tmp_path, capsys):
    target, _ = broken_copy(HERE / "broken" / "uk-is-not-iso", tmp_path)
    assert validate.main(["--rules", str(target), "--date", "2026-11-23", "--quick"]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out and all(line.startswith("rules/") for line in out)
    assert any("did you mean GB?" in line for line in out)


@pytest.mark.walk
def test_validate_exits_0_on_the_real_rules_checked_against_the_guides(capsys):
    assert validate.main(["--rules", str(RULES), "--docs", str(RULES.parent / "docs" / "en")]) == 0
    assert ": valid (" in capsys.readouterr().out.strip().splitlines()[-1]


def test_validate_prints_warnings_and_review_alarms_and_still_exits_0(tmp_path, capsys):
    rules = rules_with_dated_policy(tmp_path)
    assert validate.main(["--rules", str(rules), "--date", add_days(END, 2), "--quick"]) == 0
    out = capsys.readouterr().out
    assert "alarm: rules/policies/unilateral-30-day.yaml:4:/valid_to: review alarm: the scheduled end %s" % END in out
    assert ": valid (" in out.strip().splitlines()[-1]


def test_validate_says_a_date_past_the_calendar_is_out_of_range_not_an_internal_error(capsys):
    assert validate.main(["--rules", str(RULES), "--date", "9999-12-31", "--quick"]) == 2
    assert capsys.readouterr().out.strip() == "--date 9999-12-31: out of range"


def test_validate_names_a_missing_rules_folder_without_a_traceback(tmp_path, capsys):
    assert validate.main(["--rules", str(tmp_path / "nowhere")]) == 1
    assert "no such rules folder" in capsys.readouterr().out


def test_the_real_rules_compile_on_any_later_day_with_their_passed_ends_as_alarms_not_errors():
    later = rules_date(RULES) + dt.timedelta(days=3 * 365)
    compiled = compile_rules(RULES, later, deep=False)
    assert all("review alarm" in str(alarm) for alarm in compiled.alarms)


def test_a_file_still_being_read_when_the_time_budget_is_spent_is_refused_with_its_line(tmp_path):
    from wizard.tooling.yamlfiles import load

    path = tmp_path / "slow.yaml"
    path.write_text("kind: policy\nitems:\n" + "".join("  - %d\n" % i for i in range(10000)), encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load(path, "rules/slow.yaml", deadline=0)  # a deadline already past
    assert str(caught.value).startswith("rules/slow.yaml:")
    assert "still reading after" in str(caught.value)
