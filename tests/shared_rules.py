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
