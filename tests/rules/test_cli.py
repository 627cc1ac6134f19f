"""The command-line wizard: JSON in and out, and the interactive form, on the same engine."""
import builtins
import json

from wizard.tooling import cli


def test_answers_and_a_date_give_the_result_as_json(capsys):
    answers = {"purpose": "work", "status": "outside", "nationality": "FR", "travel_date": "2026-12-01",
               "stay_days": 200, "urgent": "no", "apply_in_home_country": "yes", "under_18": "no", "former_chinese": "no"}
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
    answers = {"purpose": "tourism", "status": "outside", "nationality": "RU", "travel_date": "2026-03-01",
               "stay_days": "20"}
    assert cli.main(["--answers", json.dumps(answers), "--date", "2026-03-01", "--lang", "en"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["kind"] == "result" and view["primary"]["id"] == "vf_unilateral_30"
