"""The policy diff (python -m wizard.tooling.diff) reports exactly whose advice a rule change
changes: real edits to the dated copy of rules/ (tests/dated_policy.py), checked against an
independent walk of the old rules and the engine's own answers for the new ones; and a real
commit of this repository."""

import datetime as dt
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import pytest
import yaml

from wizard.engine import FALLBACK_OUTCOME, Engine
from wizard.tooling import diff
from wizard.tooling.bundle import compile_rules
from wizard.tooling.diff_report import Report, static_changes
from wizard.tooling.walk import Enumerator
from wizard.tooling.yamlfiles import load

import dated_policy
from shared_rules import TODAY as RULES_TODAY

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
# The old rules are the dated copy (tests/dated_policy.py), asked on its own date: the country that
# leaves is the fixture's, not one of today's list.
TODAY = dated_policy.TODAY
DATE = dt.date.fromisoformat(TODAY)

# A typical rule commit: a country leaves the 30-day list. Spain has no end of its own on the
# fixture list; France shares its memberships (a class the old walk walks through one of them):
# the diff must split Spain off, walk the others through their own representative, and report
# Spain alone.
LEAVER = "ES"
LEAVES = (dated_policy.POLICY_FILE, "  - {country: ES, valid_from: 2030-01-01, sources: [S24]}\n", "")


def _question(qid):
    """Question `qid` of the real rules (rules/questions.yaml), as written today."""
    questions = load(RULES / "questions.yaml", "rules/questions.yaml").data["questions"]
    return next(q for q in questions if q["id"] == qid)


# A question's range shrinks: a transit of more than a third of today's maximum can no longer be answered.
HOURS_MAX = _question("transit_hours")["max"]
HOURS_NEW_MAX = HOURS_MAX // 3
CAPS = (
    "questions.yaml",
    "    max: %d\n    unit: hours\n" % HOURS_MAX,
    "    max: %d\n    unit: hours\n" % HOURS_NEW_MAX,
)


def _first_plain_document(oid):
    """The first document outcome `oid` lists by id alone (not a set, not with conditions)."""
    for loaded in sorted((RULES / "outcomes").glob("*.yaml")):
        outcome = load(loaded, "rules/outcomes/" + loaded.name).data["outcomes"].get(oid)
        if outcome is not None:
            return loaded.name, next(d for d in outcome["documents"] if isinstance(d, str))
    raise AssertionError(oid)


# And a document list change: the Z visa no longer lists one of its documents.
DROPPED_FILE, DROPPED = _first_plain_document("visa_z")
DROPPED_LABEL = "visa_z: -%s" % DROPPED


def rules_copy(target, *patches):
    """The dated copy with `patches` (file, old text, new text) applied, and DROPPED left out of the
    Z visa's documents when "drop" is among them."""
    assert target.name == "rules"
    dated_policy.rules_reviewed_on(dated_policy.rules_with_dated_policy(target.parent), TODAY)
    for patch in patches:
        if patch == "drop":
            path = target / "outcomes" / DROPPED_FILE
            data = load(path, "rules/outcomes/" + DROPPED_FILE).data
            data["outcomes"]["visa_z"]["documents"].remove(DROPPED)
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            continue
        file, old, new = patch
        path = target / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, "the patch no longer applies to rules/%s" % file
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """The dated copy and a copy of it with the three edits, compiled once; the diff of the two."""
    old = Engine(compile_rules(rules_copy(tmp_path_factory.mktemp("old") / "rules"), DATE, deep=False).bundle)
    changed = rules_copy(tmp_path_factory.mktemp("diff") / "rules", LEAVES, "drop", CAPS)
    new = Engine(compile_rules(changed, DATE, deep=False).bundle)
    report = Report(old, new, TODAY)
    return old, new, report, "\n".join(static_changes(old.bundle, new.bundle) + report.lines(3))


@pytest.fixture(scope="module")
def old_walk(edited):
    """An independent walk of the old rules alone: each path's answers, primary outcome, and
    whether it shows the Z visa with the document the edit drops."""
    old = edited[0]
    paths = []
    for leaf in Enumerator(old, TODAY).walk():
        primary = leaf.decision.primary[0].outcome if leaf.decision.primary else FALLBACK_OUTCOME
        paths.append(
            (
                dict(leaf.values),
                primary,
                "visa_z" in leaf.outcomes() and DROPPED in old.checklist("visa_z", leaf.env),
            )
        )
    return paths


@pytest.fixture(scope="module")
def leaver(edited, old_walk):
    """The leaving country's old paths, each completed by the new engine's own reading of its answers (it asks
    questions the old rules skipped for a visa-free nationality): [(old primary, new primary)],
    the new primary None where the new rules refuse an answer of the path."""
    new = edited[1]
    enumerator = Enumerator(new, TODAY)
    pairs = []
    for answers, old_primary, _ in old_walk:
        if answers.get("nationality") == LEAVER:
            pairs += [(old_primary, primary) for primary in new_primaries(new, enumerator, answers)]
    return pairs


def new_primaries(engine, enumerator, answers):
    raw = engine.flow.raw_answers(answers)  # a ticked-boxes answer back in its fragment form
    evaluation = engine.evaluate_raw(raw, TODAY)
    if evaluation.question is None:
        return [engine.evaluate(raw, TODAY)["primary"]]
    question = evaluation.question
    if question.id in answers:  # the new rules refuse this answer: a path only the old rules have
        return [None]
    return [
        primary
        for value in enumerator.candidates(question, evaluation.env)
        for primary in new_primaries(engine, enumerator, dict(answers, **{question.id: value}))
    ]


@pytest.mark.walk
def test_the_diff_walks_the_old_paths_the_new_questions_and_the_class_split_off(edited, old_walk, leaver):
    report = edited[2]
    leaver_before = sum(1 for answers, _, _ in old_walk if answers.get("nationality") == LEAVER)
    assert len(leaver) > leaver_before  # the leaver is now asked the trip's scope
    # Every old path; the leaver's completed by the new questions; its old class walked as it was.
    assert report.total == len(old_walk) - leaver_before + len(leaver) + leaver_before


@pytest.mark.walk
def test_a_country_leaving_the_30_day_list_changes_exactly_its_own_paths_and_outcomes(edited, leaver):
    report = edited[2]
    expected = Counter("%s -> %s" % pair for pair in leaver if None not in pair and pair[0] != pair[1])
    reported = {label: group.paths for (section, label), group in report.groups.items() if section == "outcome"}
    assert expected and reported == dict(expected)
    assert any(label.startswith("vf_unilateral_30 -> ") for label in reported)
    for (section, label), group in report.groups.items():
        if (section, label) != ("checklist", DROPPED_LABEL) and section != "only":
            assert group.countries == {LEAVER}, (section, label)


@pytest.mark.walk
def test_the_report_names_the_country_that_left_and_its_outcome_change(edited):
    text = edited[3]
    assert "policy unilateral_30: members -%s" % LEAVER in text
    assert "  nationalities: (1) %s" % LEAVER in text
    assert "nationality=%s" % LEAVER in text
    assert "== Primary outcome (OLD -> NEW) ==" in text


@pytest.mark.walk
def test_a_document_dropped_from_an_outcome_is_reported_on_exactly_the_paths_that_listed_it(edited, old_walk):
    report, text = edited[2], edited[3]
    group = report.groups[("checklist", DROPPED_LABEL)]
    # The leaver's paths are walked twice: for it, and for the class it no longer belongs to.
    listed = [answers for answers, _, letter in old_walk if letter]
    assert group.paths == len(listed) + sum(1 for answers in listed if answers.get("nationality") == LEAVER) > 0
    assert "%s: %d paths" % (DROPPED_LABEL, group.paths) in text
    others = [
        group.countries
        for (section, label), group in report.groups.items()
        if section == "checklist" and label != DROPPED_LABEL
    ]
    assert all(countries == {LEAVER} for countries in others)  # the leaver's checklists follow its new outcomes


@pytest.mark.walk
def test_answers_the_new_rules_refuse_are_reported_as_paths_only_the_old_rules_have(edited, old_walk):
    report, text = edited[2], edited[3]
    assert "question transit_hours: max %d -> %d" % (HOURS_MAX, HOURS_NEW_MAX) in text
    refused = sorted(
        {answers["transit_hours"] for answers, _, _ in old_walk if answers.get("transit_hours", 0) > HOURS_NEW_MAX}
    )
    assert refused  # the old walk tries hours above the new maximum (its own thresholds)
    only = {label: group for (section, label), group in report.groups.items() if section == "only"}
    assert set(only) == {"only in OLD: NEW does not accept transit_hours=%d" % hours for hours in refused}
    for hours in refused:
        paths = [answers for answers, _, _ in old_walk if answers.get("transit_hours") == hours]
        # The leaver's paths count twice: for it, and for the class it left.
        expected = len(paths) + sum(1 for answers in paths if answers.get("nationality") == LEAVER)
        assert only["only in OLD: NEW does not accept transit_hours=%d" % hours].paths == expected


@pytest.mark.walk
def test_every_example_path_shows_its_change_when_both_engines_answer_it(edited):
    old, new, report, _ = edited
    for (section, label), group in report.groups.items():
        if section != "outcome":
            continue
        for fragment in group.fragments[:20]:
            answers = dict(pair.split("=", 1) for pair in fragment.split("&"))
            before, after = old.evaluate(answers, TODAY), new.evaluate(answers, TODAY)
            assert "%s -> %s" % (before["primary"], after["primary"]) == label, fragment


@pytest.mark.history
def test_a_real_commit_that_rewords_a_duty_reports_no_advice_changes_and_names_the_texts(monkeypatch, capsys, tmp_path):
    commit = "3d979e174fc8ba07502da5e9c5f64cb492a78259"  # PR decision time said the same way everywhere
    if subprocess.run(["git", "cat-file", "-e", commit + "^^{commit}"], cwd=ROOT, capture_output=True).returncode:
        pytest.skip("this clone lacks the history of commit %s" % commit[:7])
    monkeypatch.chdir(ROOT)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    assert diff.main([commit + "^", commit, "--date", RULES_TODAY]) == 0
    out = capsys.readouterr().out
    assert "OLD %s^ (2c4c661) -> NEW %s (3d979e1)" % (commit, commit) in out
    assert "duties.pr_decision_6_months (en, zh)" in out
    assert "outcomes.pr_apply.summary (en, zh)" in out
    assert "no advice changes (" in out
    assert list(scratch.iterdir()) == []  # the extracted rules are removed afterwards


@pytest.mark.history
def test_five_questions_merged_into_one_tick_all_that_apply_question_change_no_one_s_advice(
    monkeypatch, capsys, tmp_path
):
    commit = (
        "06eb89a2ad6a49db1cd2e61bd2df4c2354933c09"  # urgent, applicant_circumstances and 3 details -> circumstances
    )
    if subprocess.run(["git", "cat-file", "-e", commit + "^^{commit}"], cwd=ROOT, capture_output=True).returncode:
        pytest.skip("this clone lacks the history of commit %s" % commit[:7])
    monkeypatch.chdir(ROOT)
    assert diff.main([commit + "^", commit, "--date", RULES_TODAY]) == 0
    out = capsys.readouterr().out
    assert (
        "questions: +circumstances -urgent -applicant_circumstances -apply_in_home_country -under_18 -former_chinese"
        in out
    )
    assert "no advice changes (" in out  # every old path's answers become the new boxes (legacy.translate)


def test_a_rule_set_that_does_not_compile_prints_its_problems_and_exits_1(capsys, tmp_path):
    broken = rules_copy(tmp_path / "rules", ("outcomes/visas.yaml", "    visa: Z\n", "    visa: Z\n    colour: red\n"))
    assert diff.main([str(RULES), str(broken), "--date", TODAY]) == 1
    out = capsys.readouterr().out
    assert "NEW %s does not compile:" % broken in out
    assert "rules/outcomes/visas.yaml:" in out and "colour" in out
    assert "Traceback" not in out


def test_an_argument_that_is_neither_a_rules_folder_nor_a_commit_exits_2(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert diff.main(["no-such-ref-or-folder", str(RULES)]) == 2
    assert "no-such-ref-or-folder is neither a rules folder nor a git commit" in capsys.readouterr().out
