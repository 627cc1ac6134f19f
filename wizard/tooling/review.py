"""`python -m wizard.tooling.review`: what the rules need a person to review on a date (today by
default: this tool is about the clock; builds and tests are not): review alarms, coming and open
ends. `--strict` (make release) fails on an alarm; CI and `make test` only print them."""

import argparse
import datetime as _dt
import sys

from .arguments import add_date_argument, add_rules_argument
from .bundle import compile_rules
from .errors import RuleError


def review_lines(rules_dir, on_date: _dt.date) -> tuple[list[str], int]:
    """(lines to print, number of alarms) for the rules in rules_dir on on_date."""
    try:
        compiled = compile_rules(rules_dir, on_date, deep=False)
    except RuleError as exc:
        return ["The rules do not compile (python -m wizard.tooling.validate says why):"] + [
            "  %s" % p for p in exc.problems
        ], 0
    ending = [w for w in compiled.warnings if ": ends in " in str(w)]
    open_ends = [w for w in compiled.warnings if "with no word on what follows" in str(w)]
    lines = [
        "Review of the rules on %s: %d alarm(s), %d end(s) coming, %d passed with no word since"
        % (on_date, len(compiled.alarms), len(ending), len(open_ends))
    ]
    lines += ["  ALARM %s" % alarm for alarm in compiled.alarms]
    lines += ["  soon  %s" % warning for warning in ending]
    lines += ["  open  %s" % warning for warning in open_ends]
    return lines, len(compiled.alarms)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m wizard.tooling.review", description=__doc__)
    add_rules_argument(parser)
    add_date_argument(parser, "the day to review the rules for", "today")
    parser.add_argument("--strict", action="store_true", help="exit 1 when there is a review alarm (make release)")
    args = parser.parse_args(argv)
    lines, alarms = review_lines(args.rules, args.date or _dt.date.today())
    print("\n".join(lines))
    if alarms and args.strict:
        print("Not publishing: review the policies above first (docs-dev/decisions/0007).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
