"""Answers past a scheduled end: what the rules would give had every such end been extended. The
engine compares that with its answer, so a list that lapses with no word leads with "no extension
announced" and the safe route, instead of silently switching to "you need a visa"."""

from collections.abc import Callable
from typing import NamedTuple

from .conditions import Context, Env
from .policies import Policy
from .questions import Flow
from .routes import Decision, Route, decide
from .shapes import Json

# The notice (and, with "_headline", the headline) of a result past an unannounced scheduled end.
END_NOT_ANNOUNCED = "end_not_announced"


class Unannounced(NamedTuple):
    """A visa-free answer the travel date lost because a scheduled end passed unannounced."""

    policy: str  # the policy whose scheduled end passed
    end: str  # that end (ISO date): the last day the policy covered the traveller
    outcome: str  # the visa-free outcome it gave up to then


class Continuation:
    """The rules with every scheduled end opened (Policy.continued), built on first use: most
    answers are for dates before every scheduled end and never need it."""

    def __init__(
        self,
        policies: dict[str, Policy],
        outcomes: Json,
        build: Callable[[dict[str, Policy]], tuple[Context, Flow, list[Route]]],
        questions: tuple[str, str],
    ) -> None:
        self.policies = policies
        self.outcomes = outcomes
        self.build = build
        self.country_question, self.date_question = questions
        ends = [end for p in policies.values() for end in p.scheduled_ends()]
        self.earliest = min(ends) if ends else None
        self._rules: tuple[Context, Flow, list[Route]] | None = None

    def check(self, raw: dict[str, str], env: Env, decision: Decision | None) -> Unannounced | None:
        """The visa-free answer lost to an unannounced end for these answers, or None."""
        day = env.day(self.date_question)
        if decision is None or self.earliest is None or day <= self.earliest:
            return None
        country = env.values.get(self.country_question)
        country = country if isinstance(country, str) else None
        if not any(p.unannounced_end(country, day) for p in self.policies.values()):
            return None  # no policy lapsed for this traveller: nothing to compare (most answers)
        if self._rules is None:
            self._rules = self.build({pid: p.continued() for pid, p in self.policies.items()})
        ctx, flow, routes = self._rules
        continued_env = Env({}, env.today, ctx)
        if flow.walk(raw, continued_env)[1] is not None:
            return None  # the continued rules would ask more: no answer to compare
        continued = decide(routes, continued_env)
        if continued.primary is None:
            return None
        outcome = continued.primary[0].outcome
        actual = decision.primary[0].outcome if decision.primary else None
        pid = self.outcomes[outcome].get("policy")
        if outcome == actual or pid is None:
            return None
        end = self.policies[pid].unannounced_end(country, day)
        return Unannounced(pid, end, outcome) if end else None
