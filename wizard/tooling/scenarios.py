"""Scenario files (rules/scenarios/*.yaml): dated answers and the result they must give.

A case: a sentence, a `today`, answers as in the URL fragment (over the file's `base`), expectations.
"""

from pathlib import Path
from urllib.parse import parse_qsl

from .errors import Problems, RuleError
from .schemas import Schemas
from .yamlfiles import load


class Case:
    __slots__ = ("name", "file", "line", "today", "lang", "answers", "expect")

    def __init__(self, name, file, line, today, lang, answers, expect):
        self.name, self.file, self.line = name, file, line
        self.today, self.lang, self.answers, self.expect = today, lang, answers, expect


def parse_fragment(text):
    return dict(parse_qsl(text or "", keep_blank_values=True, strict_parsing=bool(text)))


def load_cases(path: Path, schemas: Schemas):
    """The cases of one file; RuleError (file, location, reason) if it is malformed."""
    root = path.parent.parent
    loaded = load(path, "%s/%s" % (root.name, path.relative_to(root).as_posix()))
    problems = Problems()
    if not schemas.check(loaded, "scenarios.schema.json", problems):
        problems.raise_if_any()
    base = parse_fragment(loaded.data.get("base", ""))
    cases = []
    for i, item in enumerate(loaded.data["cases"]):
        try:
            answers = dict(base, **parse_fragment(item["answers"]))
        except ValueError as exc:
            raise RuleError([_problem(loaded, "/cases/%d/answers" % i, "not a URL fragment: %s" % exc)]) from exc
        cases.append(
            Case(
                item["case"],
                loaded.display,
                loaded.line_of("/cases/%d" % i),
                item["today"],
                item.get("lang", "en"),
                answers,
                item["expect"],
            )
        )
    return cases


def _problem(loaded, pointer, reason):
    from .errors import Problem

    return Problem(loaded.display, pointer, reason, loaded.line_of(pointer))


def check_case(engine, case):
    """Mismatches between the engine's answer and the case's expectations (empty = pass)."""
    got = engine.evaluate(case.answers, case.today)
    view = engine.step(case.answers, case.lang, case.today)
    e, bad = case.expect, []
    if view.get("kind") == "error":
        return ["step() returned an error: %r" % view["errors"]]
    if "question" in e:
        if got["kind"] != "question" or got["question"] != e["question"]:
            bad.append("expected question %r, got %s" % (e["question"], _describe(got)))
    elif got["kind"] != "result":
        return ["expected a result, got question %r" % got["question"]]
    if got["kind"] == "result":
        alts = got["alternatives"]
        if "primary" in e and got["primary"] != e["primary"]:
            bad.append("primary: expected %r, got %r" % (e["primary"], got["primary"]))
        if "alternatives" in e and alts != e["alternatives"]:
            bad.append("alternatives: expected %r, got %r" % (e["alternatives"], alts))
        for oid in e.get("alternatives_include", []):
            if oid not in alts:
                bad.append("alternatives should include %r: %r" % (oid, alts))
        for oid in e.get("alternatives_exclude", []):
            if oid in alts or oid == got["primary"]:
                bad.append("%r should not be offered: %r + %r" % (oid, got["primary"], alts))
        detail = got["details"][got["primary"]]
        for key, field in (
            ("reasons_include", "reasons"),
            ("checklist_include", "checklist"),
            ("duties_include", "duties"),
            ("steps_include", "steps"),
        ):
            for item in e.get(key, []):
                if item not in detail[field]:
                    bad.append("%s should include %r: %r" % (field, item, detail[field]))
        for key, field in (
            ("checklist_exclude", "checklist"),
            ("duties_exclude", "duties"),
            ("steps_exclude", "steps"),
        ):
            for item in e.get(key, []):
                if item in detail[field]:
                    bad.append("%s should not include %r" % (field, item))
        if "valid_to" in e and view["primary"].get("valid_to") != e["valid_to"]:
            bad.append("valid_to: expected %s, got %s" % (e["valid_to"], view["primary"].get("valid_to")))
    codes = [n["code"] for n in view["notices"]]
    if "notices" in e and sorted(codes) != sorted(e["notices"]):
        bad.append("notices: expected %r, got %r" % (e["notices"], codes))
    return bad


def _describe(got):
    if got["kind"] == "question":
        return "question %r" % got["question"]
    return "result %r" % got["primary"]
