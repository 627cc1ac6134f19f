"""Compile a rules folder into ONE JSON-ready bundle for the engine (and the browser).

`python -m wizard.tooling.bundle --out path/bundle.json` writes it.
"""
import argparse
import datetime as _dt
import json
import logging
import sys
from pathlib import Path

from . import catalogues, changelog, countries, ruleset
from .checks import Compiler
from .errors import Problems, RuleError

log = logging.getLogger("wizard.tooling")
FORMAT = 1


class Compiled:
    """The bundle plus the warnings found while building it."""

    def __init__(self, bundle, warnings):
        self.bundle = bundle
        self.warnings = warnings


def compile_rules(rules_dir: Path, build_date: _dt.date, deep=True, docs_root=None) -> Compiled:
    """Validate and compile. Raises RuleError on any problem; returns bundle and warnings.

    deep=True also walks every path (see enumerate.py) to find questions never asked,
    outcomes never reached and answers that lead to no route.
    """
    rules_dir = Path(rules_dir)
    rules = ruleset.read(rules_dir)
    problems, warnings = Problems(), []
    names = {}
    for lang in sorted(rules.messages):
        table = countries.names(lang)
        if table is None:
            problems.add(rules.messages[lang], "/meta/language", "CLDR (Babel) has no locale %r for country names" % lang)
        else:
            names[lang] = table
    problems.raise_if_any()
    default = rules.single["index"].data["default_language"]
    codes = set.intersection(*(set(t) for t in names.values()))
    sets = countries.country_sets(codes)
    compiler = Compiler(rules, build_date, sets["nationality"], problems, warnings, docs_root)
    data = compiler.compile()
    problems.raise_if_any()
    catalogues.check(data, rules.messages, default, problems)
    problems.raise_if_any()
    if "changelog" in rules.single:  # after the catalogues: a new language's missing texts show there first
        changelog.check(rules.single["changelog"], data["policies"], data["sources"], rules.messages, problems)
        problems.raise_if_any()
    index = rules.single["index"].data
    bundle = {
        "format": FORMAT,
        "reviewed": index["reviewed"],
        "built": build_date.isoformat(),
        "default_language": default,
        "languages": [default] + sorted(lang for lang in rules.messages if lang != default),
        "warn_days_before_expiry": index.get("warn_days_before_expiry", 60),
    }
    bundle.update(data)
    bundle["countries"] = sets
    bundle["messages"] = {lang: rules.messages[lang].data for lang in bundle["languages"]}
    bundle["country_names"] = {lang: {c: names[lang][c] for c in sets["all"]} for lang in bundle["languages"]}
    bundle["country_order"] = {lang: countries.collation_order(lang, bundle["country_names"][lang]) for lang in bundle["languages"]}
    if deep:
        deep_check(bundle, build_date, compiler, problems)
        problems.raise_if_any()
    return Compiled(bundle, warnings)


def deep_check(bundle, build_date, compiler, problems):
    """Walk every path from the build date: each must end in a route; all must be reachable."""
    from wizard.engine import Engine

    from .enumerate import Enumerator
    from .invariants import Invariants
    try:
        engine = Engine(bundle)
    except Exception as exc:  # noqa: BLE001 - a compile-time bug in the rules the static checks missed
        problems.add(compiler.r.single["routes"], "", "the engine cannot load these rules: %s" % exc)
        return
    asked, reached, dead, checked, unfilled = set(), set(), None, set(), {}
    needs = _reason_placeholders(bundle)
    invariants = Invariants(engine)
    for leaf in Enumerator(engine, build_date.isoformat()).walk():
        invariants.observe(leaf)
        asked.update(leaf.values)
        reached.update(leaf.outcomes())
        if leaf.decision.primary is None and dead is None:
            dead = dict(leaf.values)
        if id(leaf.decision) not in checked:  # decisions are shared between equivalent leaves
            checked.add(id(leaf.decision))
            matches = ([leaf.decision.primary] if leaf.decision.primary else []) + leaf.decision.alternatives
            for _, reasons in matches:
                for rid, _policy in reasons:
                    for lang, qids in needs.get(rid, {}).items():
                        missing = [q for q in qids if q not in leaf.values]
                        if missing and (lang, rid) not in unfilled:
                            unfilled[(lang, rid)] = (missing[0], dict(leaf.values))
    questions = compiler.r.single["questions"]
    if dead is not None:
        last = list(dead)[-1] if dead else ""
        i = next((n for n, q in enumerate(bundle["questions"]) if q["id"] == last), 0)
        path = "&".join("%s=%s" % kv for kv in dead.items())
        problems.add(questions, "/questions/%d" % i, "answers route nowhere (no route matches): %s" % path)
    for (lang, rid), (qid, values) in sorted(unfilled.items()):
        path = "&".join("%s=%s" % kv for kv in values.items())
        problems.add(compiler.r.messages[lang], "/reasons/%s" % rid,
                     "placeholder {%s} is unanswered on a path that shows this reason: %s" % (qid, path))
    reported = set()
    for kind, oid, values in invariants.problems:
        if (kind, oid) in reported:  # one line per broken invariant and outcome
            continue
        reported.add((kind, oid))
        path = "&".join("%s=%s" % kv for kv in values.items())
        problems.add(compiler.outcome_files[oid], "/outcomes/%s" % oid, "%s: %s" % (kind, path))
    for i, q in enumerate(bundle["questions"]):
        if q["id"] not in asked:
            problems.add(questions, "/questions/%d" % i, "unreachable question %r: no path asks it" % q["id"])
    for oid, loaded in compiler.outcome_files.items():
        if oid not in reached and oid != "ask_12367":
            problems.add(loaded, "/outcomes/%s" % oid, "unreachable outcome %r: no path from %s leads to it" % (oid, build_date))


def _reason_placeholders(bundle):
    """reason id -> lang -> question ids its text fills in."""
    import re
    qids = {q["id"] for q in bundle["questions"]}
    out = {}
    for lang, messages in bundle["messages"].items():
        for rid, text in messages["reasons"].items():
            names = [n for n in re.findall(r"\{([a-z_0-9]+)\}", text) if n in qids]
            if names:
                out.setdefault(rid, {})[lang] = names
    return out


def build_bundle(rules_dir: Path, build_date: _dt.date) -> dict:
    """The compiled bundle (JSON-serialisable). Raises RuleError; logs warnings."""
    compiled = compile_rules(rules_dir, build_date)
    for warning in compiled.warnings:
        log.warning("%s", warning)
    return compiled.bundle


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m wizard.tooling.bundle", description=__doc__)
    parser.add_argument("--rules", default="rules")
    parser.add_argument("--out", required=True, help="where to write the bundle JSON")
    parser.add_argument("--date", default=None, help="build date YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    try:
        build_date = _dt.date.fromisoformat(args.date) if args.date else _dt.date.today()
        compiled = compile_rules(Path(args.rules), build_date)
    except RuleError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except ValueError:
        print("--date must be YYYY-MM-DD", file=sys.stderr)
        return 2
    for warning in compiled.warnings:
        print("warning: %s" % warning, file=sys.stderr)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(compiled.bundle, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print("wrote %s (%d bytes)" % (out, out.stat().st_size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
