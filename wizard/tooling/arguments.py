"""The command-line arguments the rule tools share: `--rules` and `--date`, parsed and refused in one place."""

import argparse
import datetime as _dt
from pathlib import Path


def iso_date(text: str) -> _dt.date:
    """A YYYY-MM-DD argument as a date; anything else is refused by argparse with this reason."""
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be YYYY-MM-DD, not %r" % text) from None


def add_date_argument(parser: argparse.ArgumentParser, meaning: str) -> None:
    """`--date YYYY-MM-DD`, today when not given; meaning says what the date stands for."""
    parser.add_argument(
        "--date", type=iso_date, default=_dt.date.today(), metavar="YYYY-MM-DD", help=meaning + " (default: today)"
    )


def add_rules_argument(parser: argparse.ArgumentParser) -> None:
    """`--rules FOLDER`, the rules folder, `rules` when not given."""
    parser.add_argument(
        "--rules", type=Path, default=Path("rules"), metavar="FOLDER", help="the rules folder (default: rules)"
    )
