"""The date a commit's rules are compiled for: `SOURCE_DATE_EPOCH` when set (reproducible builds),
else the rules' own `reviewed` date (rules/index.yaml). Never the wall clock, so the same commit
builds and tests the same on any day."""

import datetime as _dt
import os
from pathlib import Path

import yaml

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"


def reviewed_date(rules_dir: Path) -> _dt.date:
    """The `reviewed` date of rules_dir/index.yaml (the day the rules were last checked)."""
    index = yaml.safe_load((Path(rules_dir) / "index.yaml").read_text(encoding="utf-8"))
    reviewed = index["reviewed"]
    return reviewed if isinstance(reviewed, _dt.date) else _dt.date.fromisoformat(str(reviewed))


def rules_date(rules_dir: Path) -> _dt.date:
    """SOURCE_DATE_EPOCH's day (UTC) when it is set, else the rules' reviewed date."""
    epoch = os.environ.get(EPOCH_VARIABLE)
    if epoch:
        return _dt.datetime.fromtimestamp(int(epoch), _dt.UTC).date()
    return reviewed_date(rules_dir)
