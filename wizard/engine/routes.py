"""Routes: which outcomes match the answers; the first is primary, the rest alternatives."""

from .conditions import Context, Env, Predicate, always, build
from .shapes import Json

Reasons = list[tuple[str, str | None]]  # (reason id, policy id or None)


class Route:
    __slots__ = ("id", "when", "outcome", "alternative_only", "reasons")

    def __init__(self, data: Json, ctx: Context) -> None:
        self.id = data["id"]
        self.when = build(data["when"], ctx)
        self.outcome: str = data["outcome"]
        self.alternative_only = bool(data.get("alternative_only", False))
        # (reason id, policy id or None, predicate)
        self.reasons: list[tuple[str, str | None, Predicate]] = [
            (r["id"], r.get("policy"), build(r["when"], ctx) if "when" in r else always)
            for r in data.get("reasons", [])
        ]

    def reasons_for(self, env: Env) -> Reasons:
        return [(rid, policy) for rid, policy, pred in self.reasons if pred(env)]


class Decision:
    """Primary and alternative matches: lists of (route, [(reason id, policy id)])."""

    __slots__ = ("primary", "alternatives")

    def __init__(self, primary: tuple[Route, Reasons] | None, alternatives: list[tuple[Route, Reasons]]) -> None:
        self.primary = primary
        self.alternatives = alternatives


def decide(routes: list[Route], env: Env) -> Decision:
    """Match routes in order. Returns a Decision; primary is None when nothing matched."""
    primary: tuple[Route, Reasons] | None = None
    alternatives: list[tuple[Route, Reasons]] = []
    seen: set[str] = set()
    for route in routes:
        if route.outcome in seen or not route.when(env):
            continue
        if primary is None and not route.alternative_only:
            primary = (route, route.reasons_for(env))
            seen.add(route.outcome)
        elif primary is not None or route.alternative_only:
            alternatives.append((route, route.reasons_for(env)))
            seen.add(route.outcome)
    # An alternative-only route that matched before the primary stays an alternative.
    return Decision(primary, alternatives)
