"""`python -m wizard.tooling.validate [--rules rules]`: check the rules, one line per problem.

Exit 0 when valid (warnings are printed but do not fail), 1 when not. Never a traceback.
"""

import argparse
import sys
from pathlib import Path

from .arguments import add_date_argument, add_rules_argument, date_or_rules_date
from .bundle import compile_rules
from .errors import RuleError


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m wizard.tooling.validate", description=__doc__)
    add_rules_argument(parser)
    add_date_argument(parser, "the build date")
    parser.add_argument(
        "--docs", default=None, help="check guide links against this docs language folder, e.g. docs/en"
    )
    parser.add_argument("--quick", action="store_true", help="skip the exhaustive path walk")
    args = parser.parse_args(argv)
    rules = args.rules
    if not rules.is_dir():
        print("%s: no such rules folder" % rules)
        return 1
    try:
        args.date = date_or_rules_date(args)
        compiled = compile_rules(
            rules, args.date, deep=not args.quick, docs_root=Path(args.docs) if args.docs else None
        )
    except RuleError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    except OverflowError:  # date arithmetic near year 9999
        print("--date %s: out of range" % args.date)
        return 2
    except Exception as exc:  # noqa: BLE001 - never a traceback: name the failure in one line
        print("%s: internal error while validating: %s: %s" % (rules, type(exc).__name__, exc))
        return 1
    for alarm in compiled.alarms:
        print("alarm: %s" % alarm)
    for warning in compiled.warnings:
        print("warning: %s" % warning)
    print(
        "%s: valid (%d questions, %d routes, %d outcomes, %d languages)"
        % (
            rules,
            len(compiled.bundle["questions"]),
            len(compiled.bundle["routes"]),
            len(compiled.bundle["outcomes"]),
            len(compiled.bundle["languages"]),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
