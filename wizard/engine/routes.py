"""Routes: which outcomes match the answers; the first is primary, the rest alternatives."""
from .conditions import always, build


class Route:
    __slots__ = ("id", "when", "outcome", "alternative_only", "reasons")

    def __init__(self, data, ctx):
        self.id = data["id"]
        self.when = build(data["when"], ctx)
        self.outcome = data["outcome"]
        self.alternative_only = bool(data.get("alternative_only", False))
        # (reason id, policy id or None, predicate)
        self.reasons = [
            (r["id"], r.get("policy"), build(r["when"], ctx) if "when" in r else always)
            for r in data.get("reasons", [])
        ]

    def reasons_for(self, env):
        return [(rid, policy) for rid, policy, pred in self.reasons if pred(env)]


class Decision:
    """Primary and alternative matches: lists of (route, [(reason id, policy id)])."""

    __slots__ = ("primary", "alternatives")

    def __init__(self, primary, alternatives):
        self.primary = primary
        self.alternatives = alternatives


def decide(routes, env):
    """Match routes in order. Returns a Decision; primary is None when nothing matched."""
    primary, alternatives, seen = None, [], set()
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
