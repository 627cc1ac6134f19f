"""The closed set of condition operators, one entry each in OPERATORS: its builder and the shape
of its argument. A condition is a one-key mapping such as {"equals": ["purpose", "work"]}.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .dates import add_days
from .policies import Policy
from .question_types import DEFAULT_DAYS, QUESTION_TYPES
from .shapes import Json, Value

# Building turns a condition into a function of an Env. A leaf whose question is unanswered
# is false (so `not` of it is true).


class Env:
    """What conditions see: parsed answers by question id, today, and the rule context."""

    __slots__ = ("values", "today", "ctx")

    def __init__(self, values: dict[str, Value], today: str, ctx: "Context") -> None:
        self.values = values
        self.today = today
        self.ctx = ctx

    def day(self, qid: str | None) -> str:
        """The date a condition is about: the answer to `qid` if given, else today."""
        if qid is not None:
            value = self.values.get(qid)
            if isinstance(value, str):  # a date answer (a number never names a day)
                return value
        return self.today


class Context:
    """Compile-time context: policies, question units, named conditions (built lazily)."""

    def __init__(
        self,
        policies: dict[str, Policy],
        units: dict[str, str | None],
        named: Json,
        windows: dict[str, list[int]] | None = None,
    ) -> None:
        self.policies = policies
        self.units = units
        self.windows = windows or {}  # date question id -> [first, last] days from today
        self.named_src = named
        self.named: dict[str, Predicate] = {}
        self._building: set[str] = set()

    def ref(self, name: str) -> "Predicate":
        if name in self.named:
            return self.named[name]
        if name in self._building:
            raise ValueError("condition %r refers to itself" % name)
        self._building.add(name)
        built = build(self.named_src[name], self)
        self._building.discard(name)
        self.named[name] = built
        return built


Predicate = Callable[[Env], bool]
# The argument of an operator, as the rule JSON gives it: a list, a mapping or a question id.
Builder = Callable[[Any, Context], Predicate]


def _all(arg: list[Json], ctx: Context) -> Predicate:
    parts = tuple(build(c, ctx) for c in arg)
    return lambda env: all(p(env) for p in parts)


def _any(arg: list[Json], ctx: Context) -> Predicate:
    parts = tuple(build(c, ctx) for c in arg)
    return lambda env: any(p(env) for p in parts)


def _not(arg: Json, ctx: Context) -> Predicate:
    inner = build(arg, ctx)
    return lambda env: not inner(env)


def _equals(arg: list[Any], ctx: Context) -> Predicate:
    qid, want = arg
    return lambda env: env.values.get(qid) == want


def _in(arg: list[Any], ctx: Context) -> Predicate:
    qid, allowed = arg
    allowed = frozenset(allowed)
    return lambda env: env.values.get(qid) in allowed


def _includes(arg: list[Any], ctx: Context) -> Predicate:
    # A ticked box of a `multi` question (its value is a tuple of the ticked options).
    qid, want = arg

    def check(env: Env) -> bool:
        value = env.values.get(qid)
        return isinstance(value, tuple) and want in value

    return check


def _compare(test: Callable[[Any, Any], bool]) -> Builder:
    def builder(arg: list[Any], ctx: Context) -> Predicate:
        qid, limit = arg

        def check(env: Env) -> bool:
            value = env.values.get(qid)
            return value is not None and test(value, limit)

        return check

    return builder


def _same(arg: list[str], ctx: Context) -> Predicate:
    a, b = arg

    def check(env: Env) -> bool:
        va = env.values.get(a)
        return va is not None and va == env.values.get(b)

    return check


def _answered(arg: str, ctx: Context) -> Predicate:
    return lambda env: arg in env.values


def _ref(arg: str, ctx: Context) -> Predicate:
    # Late binding so that named conditions may be defined in any order.
    holder: list[Predicate] = []

    def check(env: Env) -> bool:
        if not holder:
            holder.append(ctx.ref(arg))
        return holder[0](env)

    return check


def _member(arg: Json, ctx: Context) -> Predicate:
    policy = ctx.policies[arg["policy"]]
    country_q, on_q, ever = arg["country"], arg.get("on"), arg.get("ever", False)

    def check(env: Env) -> bool:
        country = env.values.get(country_q)
        if not isinstance(country, str):  # unanswered (a country answer is a code)
            return False
        if ever:
            return policy.ever_member(country)
        return policy.membership_on(country, env.day(on_q)) is not None

    return check


def _in_force(arg: Json, ctx: Context) -> Predicate:
    policy, on_q = ctx.policies[arg["policy"]], arg.get("on")
    return lambda env: policy.in_force(env.day(on_q))


def _within_terms(arg: Json, ctx: Context) -> Predicate:
    policy = ctx.policies[arg["policy"]]
    stay_q, on_q = arg["stay"], arg.get("on")
    purpose_q, country_q = arg.get("purpose"), arg.get("country")
    unit = ctx.units[stay_q]
    if unit is None:  # refused when the rules load, not on every answer
        raise ValueError("within_terms: the stay question %r has no unit" % stay_q)

    def check(env: Env) -> bool:
        stay = env.values.get(stay_q)
        if not isinstance(stay, int):  # unanswered (a stay is a number)
            return False
        purpose = _text(env, purpose_q)
        country = _text(env, country_q)
        return policy.within(stay, unit, env.day(on_q), purpose, country)

    return check


def _text(env: Env, qid: str | None) -> str | None:
    """The answer to a choice or country question `qid`, or None (no such question, unanswered)."""
    value = env.values.get(qid) if qid else None
    return value if isinstance(value, str) else None


def _date_matters(arg: Json, ctx: Context) -> Predicate:
    # Whether the answer to the date question `on` can change anything for this policy (and
    # this nationality): some change falls inside the dates that question accepts.
    policy, country_q = ctx.policies[arg["policy"]], arg.get("country")
    first, last = ctx.windows.get(arg["on"], DEFAULT_DAYS)

    def check(env: Env) -> bool:
        country = _text(env, country_q)
        if country_q and country is None:
            return False
        return policy.changes_between(country, add_days(env.today, first), add_days(env.today, last))

    return check


def _since(arg: Json, ctx: Context) -> Predicate:
    # A rule in force from a fixed date (the K visa from 2025-10-01): the answer to the date
    # question `on`, or today while it is unanswered, is that date or later.
    start, on = arg["date"], arg["on"]
    return lambda env: env.day(on) >= start


def _date_ahead(arg: Json, ctx: Context) -> Predicate:
    # Whether the answer to the date question `on` can fall on both sides of `date`: the date
    # comes after the first day that question accepts and by its last (date_matters for a
    # rule that is no policy, such as `since`).
    start, on = arg["date"], arg["on"]
    first, last = ctx.windows.get(on, DEFAULT_DAYS)
    return lambda env: add_days(env.today, first) < start <= add_days(env.today, last)


@dataclass(frozen=True)
class QuestionArg:
    """A place in an operator's argument that names a question, and the types it accepts there."""

    at: int | str | None  # an index of a list argument, a key of a mapping one; None: the argument itself
    types: tuple[str, ...] = ()  # question types accepted (question_types.QUESTION_TYPES); () any
    # The condition reads the answer, so the question must be asked before it. date_matters's `on`
    # names its date question only for the dates it accepts, and may come later.
    reads: bool = True

    def question(self, arg: Any) -> str | None:
        """The question id at this place of `arg`, or None where an optional key is left out."""
        if self.at is None:
            return str(arg)
        if isinstance(self.at, int):
            return str(arg[self.at])
        found = arg.get(self.at)
        return None if found is None else str(found)

    @property
    def pointer(self) -> str:
        """This place as a JSON pointer suffix of the operator's argument."""
        return "" if self.at is None else "/%s" % self.at


@dataclass(frozen=True)
class Operator:
    """One condition operator: its builder and the shape of its argument."""

    build: Builder
    questions: tuple[QuestionArg, ...] = ()  # where its argument names questions
    compares: int | None = None  # where it holds the literal(s) an answer is compared with
    nests: str = ""  # "list": its argument is a list of conditions; "one": it is one condition
    policy: bool = False  # its argument names a policy ({"policy": id, ...})
    # An ordering test (lt, le, gt, ge): the answer nearest its literal on the other side of the
    # test is the literal plus this (the path walk tries both sides).
    boundary: int | None = None


def _value_operator(name: str, builder: Builder, boundary: int | None = None) -> Operator:
    """{name: [question, literal]}: the question types that accept it say so in their table."""
    types = tuple(kind for kind, qtype in QUESTION_TYPES.items() if name in qtype.operators)
    return Operator(builder, (QuestionArg(0, types),), compares=1, boundary=boundary)


_POLICY_QUESTIONS = {
    "country": QuestionArg("country", ("country",)),
    "on": QuestionArg("on", ("date",)),
    "stay": QuestionArg("stay", ("number",)),
    "purpose": QuestionArg("purpose", ("choice",)),
}


def _policy_operator(builder: Builder, *keys: str) -> Operator:
    return Operator(builder, tuple(_POLICY_QUESTIONS[key] for key in keys), policy=True)


OPERATORS: dict[str, Operator] = {
    "all": Operator(_all, nests="list"),
    "any": Operator(_any, nests="list"),
    "not": Operator(_not, nests="one"),
    "equals": _value_operator("equals", _equals),
    "in": _value_operator("in", _in),
    "includes": _value_operator("includes", _includes),
    "lt": _value_operator("lt", _compare(lambda v, x: v < x), boundary=0),
    "le": _value_operator("le", _compare(lambda v, x: v <= x), boundary=1),
    "gt": _value_operator("gt", _compare(lambda v, x: v > x), boundary=1),
    "ge": _value_operator("ge", _compare(lambda v, x: v >= x), boundary=0),
    "same": Operator(_same, (QuestionArg(0), QuestionArg(1))),
    "answered": Operator(_answered, (QuestionArg(None),)),
    "ref": Operator(_ref),
    "member": _policy_operator(_member, "country", "on"),
    "in_force": _policy_operator(_in_force, "on"),
    "within_terms": _policy_operator(_within_terms, "stay", "on", "purpose", "country"),
    "date_matters": Operator(
        _date_matters,
        (_POLICY_QUESTIONS["country"], QuestionArg("on", ("date",), reads=False)),
        policy=True,
    ),
    "since": Operator(_since, (QuestionArg("on", ("date",)),)),
    "date_ahead": Operator(_date_ahead, (QuestionArg("on", ("date",), reads=False),)),
}


def build(condition: Any, ctx: Context) -> Predicate:
    """Turn one condition mapping into a function Env -> bool."""
    if not isinstance(condition, dict) or len(condition) != 1:
        raise ValueError("a condition is a mapping with exactly one operator")
    ((name, arg),) = condition.items()
    operator = OPERATORS.get(name)
    if operator is None:
        raise ValueError("unknown operator %r" % name)
    return operator.build(arg, ctx)


def always(env: Env) -> bool:
    return True
