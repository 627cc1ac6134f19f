"""The path walk: every reachable path of the wizard, numbers and dates cut at their thresholds,
nationality by policy-group signature (`python -m wizard.tooling.enumerate` reports on it).
"""

import time

from wizard.engine import HOURS_PER, OPERATORS, QUESTION_TYPES, Env, add_days, decide

from .conditions_walk import all_conditions, boxes_tested, iter_nodes, questions_used


class Leaf:
    """One complete path: the answers (id -> value, in asking order) and the decision."""

    __slots__ = ("values", "decision", "env")

    def __init__(self, values, decision, env):
        self.values, self.decision, self.env = values, decision, env

    def outcomes(self):
        d = self.decision
        first = [d.primary[0].outcome] if d.primary else []
        return first + [route.outcome for route, _ in d.alternatives]


class Enumerator:
    """Precomputes the representative answers of each question, then walks depth-first."""

    def __init__(self, engine, today):
        self.engine = engine
        self.today = today
        bundle = engine.bundle
        self.units = {q["id"]: q.get("unit") for q in bundle["questions"]}
        self.cuts = {}
        self.member_questions = set()
        self.same_pairs = {}
        types = {q["id"]: QUESTION_TYPES[q["type"]] for q in bundle["questions"]}
        for _, cond in all_conditions(bundle):
            for op, arg, _ in iter_nodes(cond):
                operator = OPERATORS[op]
                if operator.boundary is not None:
                    self.cuts.setdefault(arg[0], set()).add(_bump(arg[1], operator.boundary))
                elif op == "since":  # a rule from a fixed date: try the day before and the day
                    self.cuts.setdefault(arg["on"], set()).add(arg["date"])
                elif op == "same":
                    self.same_pairs.setdefault(arg[1], set()).add(arg[0])
                    self.same_pairs.setdefault(arg[0], set()).add(arg[1])
                elif operator.policy:
                    for place in operator.questions:
                        qid = place.question(arg)
                        if qid in types and types[qid].from_country_list:
                            self.member_questions.add(qid)
                    self._policy_cuts(arg)
        # An ordered question (a number, a date) is tried at its lowest answer and at every cut.
        self.reps = {}
        for q in engine.flow.questions:
            bounds = q.kind.bounds(q, today)
            if bounds is not None:
                low, high = bounds
                self.reps[q.id] = [low] + sorted(c for c in self.cuts.get(q.id, ()) if low < c <= high)
        self.day_questions = frozenset(q.id for q in engine.flow.questions if q.kind.answers_a_day)
        self.nationality_reps = self._nationality_classes()
        # Questions the routes read: leaves that differ only elsewhere share one decision.
        named = bundle["conditions"]
        read, boxes = set(), {}
        for route in bundle["routes"]:
            conditions = [route["when"]] + [reason["when"] for reason in route["reasons"] if "when" in reason]
            for cond in conditions:
                read |= questions_used(cond, named)
                for qid, values in boxes_tested(cond, named).items():
                    boxes.setdefault(qid, set()).update(values)
        self.route_questions = tuple(q.id for q in engine.flow.questions if q.id in read)
        # Of a tick-all-that-apply answer, only the boxes the routes test tell decisions apart.
        self.route_boxes = {qid: frozenset(values) for qid, values in boxes.items()}
        self._decisions = {}

    def decide(self, env):
        values, boxes = env.values, self.route_boxes
        key = tuple(
            tuple(v for v in values.get(q, ()) if v in boxes[q]) if q in boxes else values.get(q)
            for q in self.route_questions
        )
        decision = self._decisions.get(key)
        if decision is None:
            decision = self._decisions[key] = decide(self.engine.routes, env)
        return decision

    def _policy_cuts(self, arg):
        policy = self.engine.policies[arg["policy"]]
        on = arg.get("on")
        if on:
            bounds = [(policy.valid_from, policy.valid_to)]
            bounds += [(t.get("valid_from"), t.get("valid_to")) for t in policy.terms]
            for periods in (policy.members or {}).values():
                bounds += [(p.get("valid_from"), p.get("valid_to")) for p in periods]
            cuts = self.cuts.setdefault(on, set())
            for start, end in bounds:
                if start:
                    cuts.add(start)
                if end:
                    cuts.add(add_days(end, 1))
        stay = arg.get("stay")
        if stay:
            unit = self.units[stay]
            limits = [(t["max_stay"], t["unit"]) for t in policy.terms]
            for periods in (policy.members or {}).values():
                limits += [(p["max_stay"], policy.terms[0]["unit"]) for p in periods if p.get("max_stay")]
            for limit, limit_unit in limits:
                # stay * HOURS_PER[unit] <= limit * HOURS_PER[limit_unit]
                self.cuts.setdefault(stay, set()).add(limit * HOURS_PER[limit_unit] // HOURS_PER[unit] + 1)

    def _nationality_classes(self):
        """One representative country per distinct membership signature over the dates."""
        dates = self.days_tried()
        codes = self.engine.bundle["countries"]["nationality"]
        policies = [p for p in self.engine.policies.values() if p.members is not None]
        reps = {}
        for code in codes:
            signature = tuple(
                (p.ever_member(code),) + tuple(period_key(p.membership_on(code, d)) for d in dates) for p in policies
            )
            reps.setdefault(signature, code)
        return sorted(reps.values())

    def days_tried(self):
        """Every day the walk answers a date question with, and today, in order."""
        return sorted({d for qid in self.day_questions for d in self.reps.get(qid, ())} | {self.today})

    def candidates(self, question, env):
        kind = question.kind
        every = kind.every_answer(question.option_values(env))
        if every is not None:
            return every
        reps = self.reps.get(question.id)
        if reps is not None:
            return reps
        if question.id in self.member_questions:
            return [c for c in self.nationality_reps if c in question.country_set]
        partners = [env.values[p] for p in self.same_pairs.get(question.id, ()) if p in env.values]
        other = next(c for c in question.country_list if c not in partners)
        return partners + [other]

    def walk(self):
        """Yield a Leaf for every path (the same Env object is reused: copy what you keep)."""
        engine = self.engine
        flow = engine.flow
        env = Env({}, self.today, engine.ctx)
        stack = [(0, None, iter(()))]

        def descend(position):
            index = flow.next_from(position, env)
            if index is None:
                return None
            question = flow.questions[index]
            return index, question, iter(self.candidates(question, env))

        start = descend(0)
        if start is None:
            yield Leaf(dict(env.values), self.decide(env), env)
            return
        stack = [start]
        while stack:
            index, question, values = stack[-1]
            value = next(values, _DONE)
            if value is _DONE:
                env.values.pop(question.id, None)
                stack.pop()
                continue
            env.values[question.id] = value
            child = descend(index + 1)
            if child is None:
                yield Leaf(env.values, self.decide(env), env)
            else:
                stack.append(child)


_DONE = object()


def _bump(literal, step):
    if isinstance(literal, int):
        return literal + step
    return add_days(literal, step)


def period_key(period):
    if period is None:
        return None
    return ("in", period.get("max_stay"))


def count_paths(engine, today):
    """(number of paths, seconds) for the engine's rules as of `today`."""
    started = time.perf_counter()
    total = sum(1 for _ in Enumerator(engine, today).walk())
    return total, time.perf_counter() - started
