"""Every membership boundary of a policy (a member's first or last day) has a scenario on each side:
a case of a country sharing it, dated (travel date, else today) on the day and on the day beyond.
Checked when the rules folder has its scenarios/ (copies made for other checks leave them out)."""

import datetime as _dt
from pathlib import Path
from urllib.parse import parse_qsl

from .changelog_coverage import KEPT_FROM
from .errors import RuleError
from .yamlfiles import load

SCENARIOS = "scenarios"


def _day(text):
    try:
        return _dt.date.fromisoformat(str(text))
    except ValueError:
        return None  # an impossible date of an engine-behaviour case: not a trip date


def trips(rules_dir: Path) -> set[tuple[str, _dt.date]]:
    """(nationality, trip date) of every scenario case."""
    found = set()
    for path in sorted((rules_dir / SCENARIOS).glob("*.yaml")):
        data = load(path, "rules/%s/%s" % (SCENARIOS, path.name)).data
        base = dict(parse_qsl(data.get("base", "") or ""))
        for case in data.get("cases", []):
            answers = dict(base, **dict(parse_qsl(case.get("answers", "") or "")))
            day = _day(answers.get("travel_date") or case.get("today"))
            if "nationality" in answers and day:
                found.add((answers["nationality"], day))
    return found


def boundaries(data):
    """(pointer, inside day, outside day, countries sharing it) per boundary of a policy file's data.
    A first day that is not confirmed is no boundary to pin; history before KEPT_FROM is not pinned."""
    shared = {}
    for i, member in enumerate(data.get("members") or []):
        first = _day(member["valid_from"])
        if member.get("start_confirmed") is not False and str(member["valid_from"]) >= KEPT_FROM:
            key = (first, first - _dt.timedelta(days=1))
            shared.setdefault(key, ["/members/%d/valid_from" % i, set()])[1].add(member["country"])
        if member.get("valid_to"):
            last = _day(member["valid_to"])
            key = (last, last + _dt.timedelta(days=1))
            shared.setdefault(key, ["/members/%d/valid_to" % i, set()])[1].add(member["country"])
    for (inside, outside), (pointer, codes) in sorted(shared.items(), key=lambda item: item[1][0]):
        yield pointer, inside, outside, codes


def check(rules_dir: Path, policy_files, problems):
    """policy_files: {policy id: LoadedFile}; one problem per boundary without a case on each side."""
    if not (rules_dir / SCENARIOS).is_dir():
        return
    try:
        cases = trips(rules_dir)
    except RuleError:
        return  # a malformed scenario file is reported, with its place, by the scenario run
    for _, loaded in sorted(policy_files.items()):
        for pointer, inside, outside, codes in boundaries(loaded.data):
            for side, day in (("inside", inside), ("just outside", outside)):
                if not any((code, day) in cases for code in codes):
                    problems.add(
                        loaded,
                        pointer,
                        "no scenario (rules/scenarios/) for %s travelling on %s, %s this membership"
                        % (" or ".join(sorted(codes)), day.isoformat(), side),
                    )
