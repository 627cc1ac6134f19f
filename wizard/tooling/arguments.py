"""The command-line arguments the rule tools share: `--rules` and `--date`, parsed and refused in one place."""

import argparse
import datetime as _dt
from pathlib import Path

from .rules_date import rules_date


def iso_date(text: str) -> _dt.date:
    """A YYYY-MM-DD argument as a date; anything else is refused by argparse with this reason."""
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be YYYY-MM-DD, not %r" % text) from None


def add_date_argument(parser: argparse.ArgumentParser, meaning: str, default: str = "the rules' date") -> None:
    """`--date YYYY-MM-DD`; meaning says what the date stands for. Not given, it is None: the tool
    fills in its default (usually `rules_date`, so that a commit answers the same on any day)."""
    parser.add_argument(
        "--date", type=iso_date, default=None, metavar="YYYY-MM-DD", help=f"{meaning} (default: {default})"
    )


def date_or_rules_date(args: argparse.Namespace) -> _dt.date:
    """args.date, or else the date the rules in args.rules are compiled for (rules_date.py)."""
    return args.date if args.date is not None else rules_date(args.rules)


def add_rules_argument(parser: argparse.ArgumentParser) -> None:
    """`--rules FOLDER`, the rules folder, `rules` when not given."""
    parser.add_argument(
        "--rules", type=Path, default=Path("rules"), metavar="FOLDER", help="the rules folder (default: rules)"
    )
