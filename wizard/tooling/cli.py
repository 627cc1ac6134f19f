"""The wizard in a terminal, on the same engine: interactive, or answers (JSON) in, result JSON out.
Exit 0 with a result or question, 2 on any error: one line each, never a traceback.
"""

import argparse
import datetime as _dt
import json
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from wizard.engine import DEFAULT_DAYS, MULTI_SEPARATOR, QUESTION_TYPES, Engine

from .arguments import add_date_argument, add_rules_argument
from .rules_date import rules_date

USAGE = """examples:
  python -m wizard.cli                       # interactive, asks for a language first
  python -m wizard.cli --answers '{"purpose":"work","status":"outside"}' --date 2026-12-01 --lang en
"""


class CliError(Exception):
    """A problem to tell the person in one line (exit 2)."""


# The compiled rules are about 220 KB; a file far larger is not a bundle, and reading it whole
# (/dev/zero, a sparse file) would exhaust memory first.
MAX_BUNDLE_BYTES = 16 * 1024 * 1024


def read_bundle_file(path):
    """The text of a bundle file, refused in one line unless it is a regular file of sane size.

    stat() comes before open(): opening a FIFO would wait for a writer forever."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise CliError("%s: not a regular file; a bundle is a JSON file" % path)
    if info.st_size > MAX_BUNDLE_BYTES:
        raise CliError(
            "%s: the file is %d bytes; a bundle may have at most %d" % (path, info.st_size, MAX_BUNDLE_BYTES)
        )
    with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as handle:
        data = handle.read(MAX_BUNDLE_BYTES + 1)
    if len(data) > MAX_BUNDLE_BYTES:  # it grew since stat()
        raise CliError("%s: the file is over %d bytes; a bundle may have at most that" % (path, MAX_BUNDLE_BYTES))
    return data.decode("utf-8")


def load_engine(args):
    """The rules compiled for the date the commit fixes (rules_date.py), like the site's bundle:
    `--date` is the traveller's today, which those rules answer for, past or future."""
    if args.bundle:
        try:
            bundle = json.loads(read_bundle_file(Path(args.bundle)))
        except RecursionError:
            raise CliError("%s: not a wizard bundle (nested too deeply)" % args.bundle) from None
        except ValueError as exc:
            raise CliError("%s: not JSON (%s)" % (args.bundle, exc)) from exc
        try:
            return Engine(bundle)
        except (KeyError, TypeError, AttributeError, IndexError, ValueError) as exc:
            raise CliError("%s: not a wizard bundle (%s: %s)" % (args.bundle, type(exc).__name__, exc)) from exc
    from .bundle import compile_rules

    bundle = compile_rules(args.rules, rules_date(args.rules), deep=False).bundle
    _check_date_in_range(args.date, bundle)
    return Engine(bundle)


def _check_date_in_range(date, bundle):
    """The engine looks as far ahead as the rules' date questions allow; past year 9999 it cannot."""
    ahead = max(
        (
            q.get("days_from_today", DEFAULT_DAYS)[1]
            for q in bundle["questions"]
            if QUESTION_TYPES[q["type"]].answers_a_day
        ),
        default=0,
    )
    try:
        date + _dt.timedelta(days=ahead)
    except OverflowError:
        raise CliError("--date %s: out of range" % date) from None


def main(argv=None):
    """Run the wizard; whatever goes wrong is reported in one line with exit code 2."""
    try:
        return _main(argv)
    except CliError as exc:
        print("error: %s" % exc, file=sys.stderr)
    except KeyboardInterrupt:
        print(file=sys.stderr)
    except (OSError, UnicodeError) as exc:
        print("error: %s" % exc, file=sys.stderr)
    except (RecursionError, MemoryError, OverflowError, ValueError, KeyError, TypeError) as exc:
        print(
            "error: the wizard could not go on (%s: %s)" % (type(exc).__name__, " ".join(str(exc).split())[:200]),
            file=sys.stderr,
        )
    return 2


def _main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m wizard.cli",
        description=__doc__,
        epilog=USAGE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--answers", help="answers as a JSON object of question id -> value")
    add_date_argument(parser, "the traveller's today (the rules are compiled for their own date)", "today")
    parser.add_argument("--lang", default=None, help="language (en, zh, ...)")
    add_rules_argument(parser)
    parser.add_argument("--bundle", default=None, help="a compiled bundle JSON instead of --rules")
    args = parser.parse_args(argv)
    if args.date is None:  # the person's today: the one place the clock enters, as in the browser
        args.date = _dt.date.today()
    from .errors import RuleError

    try:
        engine = load_engine(args)
    except RuleError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    except (OSError, UnicodeError) as exc:
        print("error: cannot load the rules: %s" % exc, file=sys.stderr)
        return 2
    if args.answers is not None:
        try:
            answers = json.loads(args.answers)
        except (ValueError, RecursionError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            print(json.dumps({"kind": "error", "errors": [{"code": "bad_json", "message": reason}]}))
            return 2
        if isinstance(answers, dict):  # convenience: 200 and "200" mean the same on the command line
            answers = {
                k: str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for k, v in answers.items()
            }
        result = engine.step(answers, args.lang or engine.default_language, args.date.isoformat())
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0 if result["kind"] != "error" else 2
    return interactive(engine, args.lang, args.date.isoformat())


def _ask(prompt):
    try:
        return input(prompt).strip()
    except EOFError:
        return None


def interactive(engine, lang, today):
    languages = engine.languages
    if lang not in languages:
        for i, code in enumerate(languages, 1):
            print("%d. %s" % (i, engine.bundle["messages"][code]["meta"]["name"]))
        choice = _ask("Language / 语言 [1]: ")
        if choice is None:
            return 0
        number = _listed_number(choice, len(languages))
        lang = languages[number - 1] if number else languages[0]
    answers, order = {}, []
    while True:
        view = engine.step(answers, lang, today)
        for notice in view.get("notices", []):
            print("! " + notice["message"])
        if view["kind"] == "error":
            for error in view["errors"]:
                print("error: " + error["message"])
            return 2
        if view["kind"] == "result":
            print_result(view)
            return 0
        q = view["question"]
        print("\n" + q["text"])
        if q["hint"]:
            print("  (" + q["hint"] + ")")
        form = ANSWER_FORMS[q["type"]]
        if form.numbered:
            for i, option in enumerate(q["options"], 1):
                print("  %d. %s" % (i, option["label"]))
            if "none" in q:  # a tick-all-that-apply question's own box
                print("  0. %s" % q["none"]["label"])
        hint = form.hint(q)
        raw = _ask("> [%s; b = back, q = quit] " % hint)
        if raw is None or raw == "q":
            return 0
        if raw == "b":
            if order:
                answers.pop(order.pop(), None)
            continue
        value = form.read(q, raw)
        if value is None:
            print("?")
            continue
        answers[q["id"]] = value
        order.append(q["id"])


def _listed_number(raw, count):
    """The number typed for one of `count` listed items (1..count; 0 for a "none" entry), or None.

    isdigit() lets "²" through to int(), and int() raises on more than 4,300 digits: both are
    answers to ask again, not errors that end the wizard."""
    if not raw.isdecimal() or len(raw) > len(str(count)) + 3:  # leading zeros, within reason
        return None
    number = int(raw)
    return number if number <= count else None


def _picked(q, raw):
    """An option by its number or its value."""
    options = q["options"]
    number = _listed_number(raw, len(options))
    if number:
        return options[number - 1]["value"]
    return raw if any(o["value"] == raw for o in options) else None


def _ticked(q, raw):
    """The fragment value for ticked option numbers ("1,3"; "0" for none), or None."""
    picks = [part for part in raw.replace(" ", ",").split(",") if part]
    if not picks or not all(_listed_number(p, len(q["options"])) is not None for p in picks):
        return None
    if picks == ["0"]:
        return q["none"]["value"]
    if "0" in picks:
        return None
    chosen = {int(p) - 1 for p in picks}
    return MULTI_SEPARATOR.join(o["value"] for i, o in enumerate(q["options"]) if i in chosen)


def _country(q, raw):
    """A country by its code, or by the one name that contains what was typed (else a list of them)."""
    options = q["options"]
    upper = raw.upper()
    if any(o["value"] == upper for o in options):
        return upper
    found = [o for o in options if raw.lower() in o["label"].lower()]
    if len(found) == 1:
        return found[0]["value"]
    for o in found[:15]:
        print("  %s  %s" % (o["value"], o["label"]))
    return None


def _typed(q, raw):
    return raw or None


def _unknown_hint(q):
    """The word that answers "not sure" where the rules give a number question one."""
    box = q.get("unknown")
    return ", or %s (%s)" % (box["value"], box["label"]) if box else ""


def _day(q, raw):
    return q.get("default") if raw == "" else raw


class AnswerForm(NamedTuple):
    """How the terminal asks one type of question."""

    numbered: bool  # its options are listed with numbers to type
    hint: Callable  # question view -> what to type, shown in the prompt
    read: Callable  # (question view, typed line) -> the answer's fragment form, or None to ask again


# One entry per question type of the engine (wizard.engine.QUESTION_TYPES; a test compares).
ANSWER_FORMS = {
    "choice": AnswerForm(True, lambda q: "number", _picked),
    "yesno": AnswerForm(True, lambda q: "number", _picked),
    "multi": AnswerForm(True, lambda q: "numbers, e.g. 1,3; 0 for none", _ticked),
    "country": AnswerForm(False, lambda q: "country code or part of its name", _country),
    "number": AnswerForm(False, lambda q: "%s-%s%s" % (q.get("min"), q.get("max"), _unknown_hint(q)), _typed),
    "date": AnswerForm(False, lambda q: "YYYY-MM-DD, Enter for %s" % q.get("default"), _day),
}


def print_result(view):
    def outcome(o, heading):
        print("\n== %s: %s ==" % (heading, o.get("headline") or o["title"]))
        print("%s. %s" % (o["title"], o["summary"]))
        for step in o.get("how_to_get", []):
            print("  * %s: %s" % (step["label"], step["text"]))
        if o.get("valid_to"):
            print("  (%s .. %s)" % (o.get("valid_from", ""), o["valid_to"]))
        for reason in o["reasons"]:
            print("  - " + reason)
        for item in o["checklist"]:
            print("  [ ] %s — %s" % (item["label"], item["detail"]))
        for duty in o["duties"]:
            print("  -> " + duty)
        for item in o["not_allowed"]:
            print("  x " + item)
        for s in o["sources"]:
            print(
                "  [%s] %s, %s (%s) %s"
                % (
                    s["id"],
                    s["publisher"],
                    s["title"],
                    s["date"] or "undated",
                    s["url"] or "(no link: original not found)",
                )
            )

    outcome(view["primary"], "1")
    for i, alt in enumerate(view["alternatives"], 2):
        outcome(alt, str(i))
    print("\nrules reviewed: %s" % view["rules_reviewed"])


if __name__ == "__main__":
    sys.exit(main())
