"""Compile a rules folder into ONE JSON-ready bundle for the engine (and the browser).

`python -m wizard.tooling.bundle --out path/bundle.json` writes it.
"""

import argparse
import datetime as _dt
import json
import logging
import sys
from pathlib import Path

from . import catalogues, changelog, changelog_coverage, cldr, countries, coverage, ruleset, scenario_boundaries
from .arguments import add_date_argument, add_rules_argument, date_or_rules_date
from .checks import Compiler
from .errors import Problems, RuleError
from .path_checks import deep_check

log = logging.getLogger("wizard.tooling")
FORMAT = 1


def check_settings(index, questions, rules, problems):
    """The rule-set settings name a language of the rules and questions of the right types."""
    loaded = rules.single["index"]
    if index["officials_language"] not in rules.messages:
        problems.add(loaded, "/officials_language", "%r has no messages/%s.yaml" % ((index["officials_language"],) * 2))
    types = {q["id"]: q["type"] for q in questions}
    for role, wanted in (("country", "country"), ("date", "date")):
        qid = index["policy_questions"][role]
        if types.get(qid) != wanted:
            problems.add(loaded, "/policy_questions/" + role, "%r is not a %s question" % (qid, wanted))


class Compiled:
    """The bundle plus the warnings found while building it, and the review alarms (scheduled ends
    passed on the build date with no review since: `make release` refuses to publish them)."""

    def __init__(self, bundle, warnings, alarms=()):
        self.bundle = bundle
        self.warnings = warnings
        self.alarms = list(alarms)


# Rule-set settings (rules/index.yaml) that the engine reads from the compiled rules.
SETTINGS = ("warn_days_before_expiry", "rules_old_after_days", "officials_language", "policy_questions")


def _add_cldr_meta(lang, loaded, problems):
    """The catalogue's date format, month names and plural rules from CLDR (Babel), never hand-written;
    and a problem for each plural form CLDR's rules use for whole numbers that a unit lacks."""
    meta = loaded.data["meta"]
    if (
        meta.get("date_locale", lang).replace("-", "_").split("_")[0] != lang
    ):  # en.yaml's en_GB copied into a new language
        problems.add(loaded, "/meta/date_locale", "%r is not a locale of %s" % (meta["date_locale"], lang))
        return
    try:
        meta.update(cldr.with_cldr(lang, meta))
    except cldr.NotInCldr as error:
        problems.add(loaded, "/meta", str(error))
        return
    needed = cldr.whole_number_categories(meta["plural"])
    for unit, forms in sorted(meta["units"].items()):
        for tag in sorted(needed - set(forms)):
            problems.add(
                loaded,
                "/meta/units/" + unit,
                "no %r form: CLDR's plural rules for %s use %s for whole numbers"
                % (tag, lang, ", ".join(sorted(needed))),
            )


def compile_rules(rules_dir: Path, build_date: _dt.date, deep=True, docs_root=None, older_settings=None) -> Compiled:
    """Validate and compile. Raises RuleError on any problem; returns bundle and warnings.

    older_settings: for a rule set older than a setting (the policy diff compiles older trees),
    the values to use where its index.yaml has none (they change no one's advice).
    deep=True also walks every path (see path_checks.py and walk.py) to find questions never asked,
    outcomes never reached and answers that lead to no route.
    """
    rules_dir = Path(rules_dir)
    rules = ruleset.read(rules_dir)
    problems, warnings = Problems(), []
    names = {}
    for lang in sorted(rules.messages):
        table = countries.names(lang)
        if table is None:
            problems.add(
                rules.messages[lang], "/meta/language", "CLDR (Babel) has no locale %r for country names" % lang
            )
        else:
            names[lang] = table
        _add_cldr_meta(lang, rules.messages[lang], problems)
    problems.raise_if_any()
    default = rules.single["index"].data["default_language"]
    codes = set.intersection(*(set(t) for t in names.values()))
    sets = countries.country_sets(codes)
    compiler = Compiler(rules, build_date, sets["nationality"], problems, warnings, docs_root)
    data = compiler.compile()
    problems.raise_if_any()
    index = {**(older_settings or {}), **rules.single["index"].data}
    check_settings(index, data["questions"], rules, problems)
    if older_settings is not None:
        catalogues.adopt_engine_notices(rules.messages)
    catalogues.check(data, rules.messages, default, problems)
    catalogues.check_interface(rules.messages, rules.schemas.docs["messages.schema.json"], problems)
    problems.raise_if_any()
    if "changelog" in rules.single:  # after the catalogues: a new language's missing texts show there first
        changelog.check(rules.single["changelog"], data["policies"], data["sources"], rules.messages, problems)
        if older_settings is None:  # an older rule set (the policy diff) was held to the checks of its day
            changelog_coverage.check(compiler.policy_files, rules.single["changelog"], problems)
        problems.raise_if_any()
    if older_settings is None:
        scenario_boundaries.check(rules_dir, compiler.policy_files, problems)
        problems.raise_if_any()
    if "coverage" in rules.single:  # older rule sets (the policy diff compiles them) have none
        coverage.check(
            rules.single["coverage"],
            data["outcomes"],
            rules.messages,
            rules_dir,
            compiler.check_guide,
            problems,
            # an older rule set (the policy diff) kept its letters in the outcome schema's enum
            compiler.outcome_files if older_settings is None else None,
        )
        problems.raise_if_any()
    bundle = {
        "format": FORMAT,
        "reviewed": index["reviewed"],
        "built": build_date.isoformat(),
        "default_language": default,
        "languages": [default] + sorted(lang for lang in rules.messages if lang != default),
    }
    bundle.update({key: index[key] for key in SETTINGS})
    bundle.update(data)
    bundle["countries"] = sets
    texts = {lang: rules.messages[lang].data for lang in bundle["languages"]}
    bundle["messages"] = {lang: {k: v for k, v in texts[lang].items() if k != "interface"} for lang in texts}
    bundle["ui"] = {lang: texts[lang].get("interface", {}) for lang in texts}  # the wizard's own words, for wizard/web
    bundle["country_names"] = {lang: {c: names[lang][c] for c in sets["all"]} for lang in bundle["languages"]}
    bundle["country_order"] = {
        lang: countries.collation_order(lang, bundle["country_names"][lang]) for lang in bundle["languages"]
    }
    if deep:
        deep_check(bundle, build_date, compiler, problems)
        problems.raise_if_any()
    return Compiled(bundle, warnings, compiler.alarms)


def build_bundle(rules_dir: Path, build_date: _dt.date, deep=True) -> dict:
    """The compiled bundle (JSON-serialisable). Raises RuleError; logs warnings. deep: as compile_rules."""
    compiled = compile_rules(rules_dir, build_date, deep=deep)
    for warning in compiled.alarms + compiled.warnings:
        log.warning("%s", warning)
    return compiled.bundle


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m wizard.tooling.bundle", description=__doc__)
    add_rules_argument(parser)
    parser.add_argument("--out", required=True, help="where to write the bundle JSON")
    add_date_argument(parser, "the build date")
    parser.add_argument("--quick", action="store_true", help="skip the exhaustive path walk")
    args = parser.parse_args(argv)
    try:
        compiled = compile_rules(args.rules, date_or_rules_date(args), deep=not args.quick)
    except RuleError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    for alarm in compiled.alarms:
        print("alarm: %s" % alarm, file=sys.stderr)
    for warning in compiled.warnings:
        print("warning: %s" % warning, file=sys.stderr)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(compiled.bundle, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print("wrote %s (%d bytes)" % (out, out.stat().st_size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
