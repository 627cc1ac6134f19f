"""Which of an outcome's duties and how-to-get steps a reader is shown: those whose `when` holds
for the answers (a residence-permit deadline is not shown to a reader abroad)."""

from .conditions import Context, Env, Predicate, build
from .shapes import Json


class Applies:
    """The `when` conditions of duties and steps, built once; the ids that apply to an Env."""

    def __init__(self, bundle: Json, ctx: Context) -> None:
        self.outcomes: Json = bundle["outcomes"]
        how_to_get: Json = bundle.get("how_to_get", {"steps": {}, "outcomes": {}})
        self.step_lists: dict[str, list[str]] = how_to_get["outcomes"]
        self.step_data: Json = how_to_get["steps"]
        self.duty_when = _whens(bundle["duties"], ctx)
        self.step_when = _whens(self.step_data, ctx)

    def duties(self, outcome_id: str, env: Env) -> list[str]:
        """The outcome's duties shown for these answers, in the outcome's order."""
        return [d for d in self.outcomes[outcome_id].get("duties", []) if _holds(self.duty_when.get(d), env)]

    def steps(self, outcome_id: str, env: Env, nationality: str | None) -> list[str]:
        """The outcome's steps shown for these answers, in order; a step that differs for the
        reader's nationality (a reciprocal fee) is replaced by that one, whose `when` decides."""
        out = []
        for listed in self.step_lists.get(outcome_id, []):
            step = self.step_data[listed].get("for_nationality", {}).get(nationality or "", listed)
            if _holds(self.step_when.get(step), env):
                out.append(step)
        return out


def _whens(table: Json, ctx: Context) -> dict[str, Predicate]:
    return {key: build(item["when"], ctx) for key, item in table.items() if "when" in item}


def _holds(pred: Predicate | None, env: Env) -> bool:
    return pred is None or pred(env)
