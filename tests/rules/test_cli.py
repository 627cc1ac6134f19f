"""The command-line wizard: JSON in and out, and the interactive form, on the same engine."""

import builtins
import json
import os
import subprocess
import sys
from pathlib import Path

from wizard.engine import QUESTION_TYPES
from wizard.tooling import cli

RULES = Path(__file__).resolve().parents[2] / "rules"


def test_the_interactive_wizard_knows_how_to_ask_every_question_type_of_the_engine():
    assert set(cli.ANSWER_FORMS) == set(QUESTION_TYPES)


def test_answers_and_a_date_give_the_result_as_json(capsys):
    answers = {
        "purpose": "work",
        "status": "outside",
        "nationality": "FR",
        "travel_date": "2026-12-01",
        "stay_days": 200,
        "circumstances": "none",
    }
    assert cli.main(["--answers", json.dumps(answers), "--date", "2026-11-23", "--lang", "en"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["kind"] == "result" and result["primary"]["id"] == "visa_z"


def test_partial_answers_give_the_next_question(capsys):
    assert cli.main(["--answers", '{"purpose":"study"}', "--date", "2026-11-23", "--lang", "zh"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["question"]["id"] == "status" and "在哪里" in result["question"]["text"]


def test_bad_json_is_an_error_object_not_a_traceback(capsys):
    assert cli.main(["--answers", "{purpose", "--date", "2026-11-23"]) == 2
    assert json.loads(capsys.readouterr().out)["kind"] == "error"


def test_the_interactive_wizard_asks_for_a_language_and_walks_to_a_result(monkeypatch, capsys):
    replies = iter(["2", "1", "2", "6"])  # 中文; purpose tourism; status in China; lost passport
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(replies))
    assert cli.main(["--date", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "在华丢失护照" in out and "护照报失证明" in out


def test_a_past_date_is_answered_by_the_rules_compiled_for_the_real_date(capsys):
    # The Russian trial ended on 2026-09-14: compiling the rules *for* 2026-03-01 would fail
    # ("historical but still in force"); --date is the traveller's today, not the build date.
    answers = {
        "purpose": "tourism",
        "status": "outside",
        "nationality": "RU",
        "travel_date": "2026-03-01",
        "stay_days": "20",
    }
    assert cli.main(["--answers", json.dumps(answers), "--date", "2026-03-01", "--lang", "en"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["kind"] == "result" and view["primary"]["id"] == "vf_unilateral_30"


def one_error_line(capsys):
    captured = capsys.readouterr()
    lines = (captured.err + captured.out).strip().splitlines()
    assert "Traceback" not in captured.err + captured.out
    return lines[-1]


def test_deeply_nested_answers_are_a_bad_json_error_not_a_recursion_traceback(capsys):
    nested = '{"a":' * 100000 + "1" + "}" * 100000
    assert cli.main(["--answers", nested, "--date", "2026-11-23"]) == 2
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
    questions.write_text(questions.read_text("utf-8").replace("    days_from_today: [0, 730]\n", ""), "utf-8")
    assert cli.main(["--rules", str(rules), "--answers", '{"purpose":"work"}', "--date", "9998-06-01"]) == 2
    assert one_error_line(capsys) == "error: --date 9998-06-01: out of range"


def test_a_superscript_digit_typed_in_the_interactive_wizard_is_asked_again(monkeypatch, capsys):
    replies = iter(["²", "²", "q"])  # '²'.isdigit() is True, int('²') fails
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(replies))
    assert cli.main(["--date", "2026-11-23"]) == 0
    assert "?" in capsys.readouterr().out.splitlines()


def test_the_interactive_wizard_takes_ticked_boxes_as_numbers(monkeypatch, capsys):
    # English; business; planning a trip; Nigeria; 20 days; boxes 1 (urgent) and 3 (under 18).
    replies = iter(["1", "2", "1", "NG", "20", "1,3"])
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(replies))
    assert cli.main(["--date", "2026-11-29"]) == 0
    out = capsys.readouterr().out
    assert "0. None of these" in out and "Port visa (arranged in advance" in out


def test_the_interactive_wizard_asks_again_when_none_is_ticked_with_a_box(monkeypatch, capsys):
    replies = iter(["1", "2", "1", "NG", "20", "0,2", "0"])
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(replies))
    assert cli.main(["--date", "2026-11-29"]) == 0
    out = capsys.readouterr().out
    assert "\n?\n" in out and "M visa" in out


def test_a_number_too_long_for_python_typed_in_the_interactive_wizard_is_asked_again(monkeypatch, capsys):
    # int() refuses strings of more than 4,300 digits (ValueError); each prompt that reads numbers
    # must ask again instead of ending the wizard.
    digits = "9" * 5000
    # language (out of range: the first language, as for any other number); purpose; then ticked boxes.
    replies = iter([digits, digits, "2", "1", "NG", "20", "1," + digits, "q"])
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(replies))
    assert cli.main(["--date", "2026-11-29"]) == 0
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
