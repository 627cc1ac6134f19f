"""The command-line wizard: JSON in and out, and the interactive form, on the same engine."""

import builtins
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.engine import QUESTION_TYPES, add_days
from wizard.tooling import cli

import dated_policy
import shared_rules
from shared_rules import TODAY

RULES = Path(__file__).resolve().parents[2] / "rules"


@pytest.fixture(scope="module")
def from_bundle(compiled_rules, tmp_path_factory):
    """The arguments that hand the command the shared compiled rules as a bundle file: for the tests of
    what it does with answers and replies, so that each does not compile the rules again (0.2 s a
    run). The tests of what it does without --bundle, on the rules' own date, keep compiling."""
    path = tmp_path_factory.mktemp("bundle") / "bundle.json"
    path.write_text(json.dumps(compiled_rules.bundle), encoding="utf-8")
    return ["--bundle", str(path)]


def test_the_interactive_wizard_knows_how_to_ask_every_question_type_of_the_engine():
    assert set(cli.ANSWER_FORMS) == set(QUESTION_TYPES)


def test_answers_and_a_date_give_the_result_as_json(capsys):
    answers = {
        "purpose": "work",
        "status": "outside",
        "nationality": "FR",
        "travel_date": add_days(TODAY, 8),
        "stay_days": 200,
        "circumstances": "none",
    }
    assert cli.main(["--answers", json.dumps(answers), "--date", TODAY, "--lang", "en"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["kind"] == "result" and result["primary"]["id"] == "visa_z"


def test_partial_answers_give_the_next_question(from_bundle, capsys):
    assert cli.main([*from_bundle, "--answers", '{"purpose":"study"}', "--date", TODAY, "--lang", "zh"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["question"]["id"] == "status" and "在哪里" in result["question"]["text"]


def test_bad_json_is_an_error_object_not_a_traceback(from_bundle, capsys):
    assert cli.main([*from_bundle, "--answers", "{purpose", "--date", TODAY]) == 2
    assert json.loads(capsys.readouterr().out)["kind"] == "error"


def typed_replies(lang, answers):
    """What a person types into the interactive wizard to give `answers` in `lang`, read from the
    engine's own questions on the real rules (so no option's number is copied here): the
    language's number, then per question asked the number of the option shown (ticked boxes
    joined by commas, 0 for none) or the answer itself. And the result the engine gives."""
    engine = shared_rules.engine()
    replies, given = [str(engine.languages.index(lang) + 1)], {}
    for _ in range(30):
        view = engine.step(given, lang, TODAY)
        if view["kind"] != "question":
            return replies, view
        q = view["question"]
        value, shown = answers[q["id"]], [o["value"] for o in q.get("options", [])]
        if q["type"] == "multi":
            typed = "0" if value == q["none"]["value"] else ",".join(str(shown.index(v) + 1) for v in value.split(","))
        elif q["type"] in ("choice", "yesno"):
            typed = str(shown.index(value) + 1)
        else:
            typed = value
        replies.append(typed)
        given[q["id"]] = value
    raise AssertionError("no result for %r" % answers)


def test_the_interactive_wizard_asks_for_a_language_and_walks_to_a_result(from_bundle, monkeypatch, capsys):
    lost = {"purpose": "tourism", "status": "in_china", "china_task": "lost_passport"}
    typed, result = typed_replies("zh", lost)
    replies = iter(typed)
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(replies))
    assert cli.main([*from_bundle, "--date", TODAY]) == 0
    out = capsys.readouterr().out
    assert typed[0] != "1" and result["kind"] == "result"  # Chinese is not the first language
    assert result["primary"]["title"] in out and result["primary"]["checklist"]
    assert all(item["label"] in out for item in result["primary"]["checklist"])


def test_a_past_date_is_answered_by_the_rules_compiled_for_their_own_date(tmp_path, capsys):
    # --date is the traveller's today, not the date the rules are compiled for (rules_date.py): the
    # dated copy, reviewed after DE left its list (TRIAL_END), answers a day DE was on it with the
    # list's answer, and a day after with a visa.
    reviewed = add_days(dated_policy.TRIAL_END, 30)
    rules = dated_policy.rules_reviewed_on(dated_policy.rules_with_dated_policy(tmp_path), reviewed)

    def primary(today):
        """The primary outcome the CLI gives a German tourist travelling 10 days after `today`."""
        answers = {
            "purpose": "tourism",
            "status": "outside",
            "nationality": "DE",
            "travel_date": add_days(today, 10),
            "stay_days": "20",
            "trip_scope": "mainland",
            "special_status": "none",
            "circumstances": "none",
        }
        arguments = ["--rules", str(rules), "--answers", json.dumps(answers), "--date", today, "--lang", "en"]
        assert cli.main(arguments) == 0
        view = json.loads(capsys.readouterr().out)
        assert view["kind"] == "result" and view["rules_reviewed"] == reviewed
        return view["primary"]["id"]

    assert primary(add_days(dated_policy.TRIAL_END, -40)) == "vf_unilateral_30"
    assert primary(dated_policy.TRIAL_END) != "vf_unilateral_30"


def test_the_same_answers_give_the_same_result_whatever_the_machine_clock_says():
    # The rules are compiled for their own date, never the clock's: faketime moves the clock of
    # the whole process (make's setup installs Debian's faketime, as it installs chromium).
    # A run of these tests under faketime passes its clock on: each process here starts without it.
    nationality = shared_rules.unlisted_nationality(shared_rules.compiled().bundle)  # no travel date asked
    answers = json.dumps(
        {"purpose": "work", "status": "outside", "nationality": nationality, "stay_days": 200, "circumstances": "none"}
    )
    command = [sys.executable, "-m", "wizard.cli", "--answers", answers, "--date", TODAY, "--lang", "en"]
    env = without_faketime()
    now = subprocess.run(command, capture_output=True, text=True, cwd=RULES.parent, check=True, env=env).stdout
    later_day = add_days(TODAY, 365)
    later = subprocess.run(
        ["faketime", later_day + " 12:00:00", *command],
        capture_output=True,
        text=True,
        cwd=RULES.parent,
        check=True,
        env=env,
    ).stdout
    assert json.loads(later) == json.loads(now) and json.loads(now)["kind"] == "result"
    faked = subprocess.run(["faketime", later_day, "date", "+%F"], capture_output=True, text=True, env=env).stdout
    assert faked == later_day + "\n"


def without_faketime():
    """This process's environment without libfaketime's variables: faketime run inside a faked
    process computes its offset from the faked clock and so leaves the clock where it was."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAKETIME")}
    preload = [lib for lib in env.get("LD_PRELOAD", "").split() if "faketime" not in lib]
    env["LD_PRELOAD"] = " ".join(preload)
    return env


def one_error_line(capsys):
    captured = capsys.readouterr()
    lines = (captured.err + captured.out).strip().splitlines()
    assert "Traceback" not in captured.err + captured.out
    return lines[-1]


def test_deeply_nested_answers_are_a_bad_json_error_not_a_recursion_traceback(from_bundle, capsys):
    nested = '{"a":' * 100000 + "1" + "}" * 100000
    assert cli.main([*from_bundle, "--answers", nested, "--date", TODAY]) == 2
    error = json.loads(capsys.readouterr().out)
    assert error["errors"][0] == {"code": "bad_json", "message": "nested too deeply"}


def test_a_file_that_is_not_a_bundle_is_named_in_one_line_with_exit_2(tmp_path, capsys):
    for text in ("{}", "[]", '{"languages": 5}', "[" * 100000):
        bundle = tmp_path / "bundle.json"
        bundle.write_text(text, encoding="utf-8")
        assert cli.main(["--bundle", str(bundle), "--answers", "{}"]) == 2, text
        line = one_error_line(capsys)
        assert line.startswith("error: %s: not " % bundle), line


def test_a_date_past_the_calendar_is_an_error_line_not_an_overflow(capsys):
    assert cli.main(["--answers", '{"purpose":"work"}', "--date", "9999-12-31"]) == 2
    assert one_error_line(capsys) == "error: --date 9999-12-31: out of range"


def test_a_date_question_without_its_own_limits_is_looked_ahead_as_far_as_the_engine_does(tmp_path, capsys):
    # The engine's default window (DEFAULT_DAYS) reaches past the calendar from mid-9998 on.
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    questions = rules / "questions.yaml"
    text, found = re.subn(r"^    days_from_today: .*\n", "", questions.read_text("utf-8"), count=1, flags=re.M)
    assert found == 1
    questions.write_text(text, "utf-8")
    assert cli.main(["--rules", str(rules), "--answers", '{"purpose":"work"}', "--date", "9998-06-01"]) == 2
    assert one_error_line(capsys) == "error: --date 9998-06-01: out of range"


def test_a_superscript_digit_typed_in_the_interactive_wizard_is_asked_again(from_bundle, monkeypatch, capsys):
    replies = iter(["²", "²", "q"])  # '²'.isdigit() is True, int('²') fails
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(replies))
    assert cli.main([*from_bundle, "--date", TODAY]) == 0
    assert "?" in capsys.readouterr().out.splitlines()


# A short business trip of a nationality no list names (read from the rules): the circumstances
# question is asked, and two of its boxes change the answer.
BUSINESS = {
    "purpose": "business",
    "status": "outside",
    "nationality": shared_rules.unlisted_nationality(shared_rules.compiled().bundle),
    "stay_days": "20",
    "special_status": "none",
    "stem_talent": "no",
}


def test_the_interactive_wizard_takes_ticked_boxes_as_numbers(from_bundle, monkeypatch, capsys):
    typed, result = typed_replies("en", dict(BUSINESS, circumstances="urgent,under_18"))
    _, unticked = typed_replies("en", dict(BUSINESS, circumstances="none"))
    assert "," in typed[-1] and result["primary"]["title"] != unticked["primary"]["title"]
    replies = iter(typed)
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(replies))
    assert cli.main([*from_bundle, "--date", TODAY]) == 0
    out = capsys.readouterr().out
    none = shared_rules.engine().bundle["messages"]["en"]["options"]["circumstances"]["none"]
    assert "0. %s" % none in out and result["primary"]["title"] in out


def test_the_interactive_wizard_asks_again_when_none_is_ticked_with_a_box(from_bundle, monkeypatch, capsys):
    typed, result = typed_replies("en", dict(BUSINESS, circumstances="none"))
    assert typed[-1] == "0"
    replies = iter(typed[:-1] + ["0,1", "0"])
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(replies))
    assert cli.main([*from_bundle, "--date", TODAY]) == 0
    out = capsys.readouterr().out
    assert "\n?\n" in out and result["primary"]["title"] in out


def test_a_number_too_long_for_python_typed_in_the_interactive_wizard_is_asked_again(from_bundle, monkeypatch, capsys):
    # int() refuses strings of more than 4,300 digits (ValueError); each prompt that reads numbers
    # must ask again instead of ending the wizard.
    digits = "9" * 5000
    # language (out of range: the first language, as for any other number); purpose; then ticked boxes.
    replies = iter([digits, digits, "2", "1", "NG", "20", "1," + digits, "q"])
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(replies))
    assert cli.main([*from_bundle, "--date", TODAY]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out.count("?") == 2, out[-5:]


def run_cli(*args):
    """The command line in a child process, so a hang fails the test instead of the run."""
    return subprocess.run(
        [sys.executable, "-m", "wizard.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=RULES.parent,
    )


def test_a_bundle_that_is_not_a_regular_file_is_refused_without_reading_it(tmp_path):
    fifo = tmp_path / "bundle.json"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    for path in (fifo, Path("/dev/zero")):  # reading /dev/zero never ends
        run = run_cli("--bundle", str(path), "--answers", "{}")
        assert run.returncode == 2 and run.stdout == "", run
        assert run.stderr == "error: %s: not a regular file; a bundle is a JSON file\n" % path


def test_a_bundle_larger_than_any_real_one_is_refused_by_its_size(tmp_path, capsys):
    bundle = tmp_path / "bundle.json"
    with bundle.open("wb") as out:
        out.truncate(2**33)  # 8 GiB, sparse: nothing is written, and reading it would exhaust memory
    assert cli.main(["--bundle", str(bundle), "--answers", "{}"]) == 2
    line = one_error_line(capsys)
    assert line.startswith("error: %s: the file is 8589934592 bytes; a bundle may have at most " % bundle), line


def test_the_interactive_wizard_says_how_to_answer_an_open_ended_stay_and_takes_it(from_bundle, monkeypatch, capsys):
    typed, result = typed_replies("en", dict(BUSINESS, stay_days="unknown", circumstances="none"))
    assert "unknown" in typed
    replies = iter(typed)
    prompts = []
    monkeypatch.setattr(builtins, "input", lambda prompt="": prompts.append(prompt) or next(replies))
    assert cli.main([*from_bundle, "--date", TODAY]) == 0
    box = shared_rules.engine().bundle["messages"]["en"]["options"]["stay_days"]["unknown"]
    assert any("or unknown (%s)" % box in p for p in prompts), prompts
    assert result["primary"]["reasons"][0] in capsys.readouterr().out
