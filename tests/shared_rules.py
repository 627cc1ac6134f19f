"""The real rules compiled once and walked once per test run, for every test that reads them
without changing them (a test that changes rules deep-copies the bundle and compiles its own)."""

import copy
import functools
from pathlib import Path

from wizard.engine import Engine, Env
from wizard.tooling.bundle import Compiled, compile_rules
from wizard.tooling.rules_date import reviewed_date
from wizard.tooling.walk import Enumerator, Leaf

RULES = Path(__file__).resolve().parents[1] / "rules"
# The tests' one date: the rules' own (rules/index.yaml `reviewed`), the date a build compiles them
# for. Tests read "today" from here, never from the clock, so a commit tests the same on any day.
BUILD_DATE = reviewed_date(RULES)
TODAY = BUILD_DATE.isoformat()


@functools.cache
def compiled() -> Compiled:
    """The real rules as of BUILD_DATE, without the path walk (tests walk them once, below)."""
    return compile_rules(RULES, BUILD_DATE, deep=False)


@functools.cache
def engine() -> Engine:
    return Engine(compiled().bundle)


@functools.cache
def paths() -> tuple[Leaf, ...]:
    """Every path from BUILD_DATE, each leaf with its own copy of the answers (the walk reuses one)."""
    kept = []
    for leaf in Enumerator(engine(), BUILD_DATE.isoformat()).walk():
        own = copy.copy(leaf)
        own.values = dict(leaf.values)
        own.env = Env(own.values, leaf.env.today, leaf.env.ctx)
        kept.append(own)
    return tuple(kept)


def unlisted_nationality(bundle: dict) -> str:
    """A nationality that no policy of `bundle` lists on any date (the first by code), read from
    the rules rather than copied: wherever a list decides, its traveller needs a visa."""
    listed = {code for policy in bundle["policies"].values() for code in policy["members"] or {}}
    return min(set(bundle["countries"]["nationality"]) - listed)


def listed_only_by(bundle: dict, policy_id: str, day: str, besides: tuple[str, ...] = ()) -> str:
    """A nationality (the first by code) that policy `policy_id` lists on `day`, the policy itself in
    force that day, and that no other policy lists on any date (but those named in `besides`, which
    the test's answers keep out of play): read from the rules, so its answers are that policy's."""
    policy = bundle["policies"][policy_id]
    assert (policy.get("valid_from") or day) <= day <= (policy.get("valid_to") or day), (policy_id, day)
    others = {
        code
        for pid, other in bundle["policies"].items()
        if pid != policy_id and pid not in besides
        for code in other["members"] or {}
    }
    return min(
        code
        for code, periods in policy["members"].items()
        if code not in others
        and any(p["valid_from"] <= day and (p["valid_to"] is None or day <= p["valid_to"]) for p in periods)
    )
