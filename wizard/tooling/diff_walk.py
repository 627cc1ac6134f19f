"""The joint path walk behind the policy diff: one walk over the answers of two rule sets, each
leaf giving both engines' advice (outcome, alternatives, checklists, duties) for the same answers.
"""

from wizard.engine import FALLBACK_OUTCOME, Env, translate_old_answers

from .conditions_walk import questions_used
from .walk import Enumerator, period_key


class Advice:
    """What one rule set tells a path: primary outcome, alternatives, and per outcome shown its
    checklist (document ids) and duties. `refused` is (question id, value) when this rule set does
    not accept an answer of the path (an option it does not offer, a number out of its range)."""

    __slots__ = ("primary", "alternatives", "checklists", "duties", "refused")

    def __init__(self, primary=None, alternatives=(), checklists=None, duties=None, refused=None):
        self.primary, self.alternatives = primary, alternatives
        self.checklists, self.duties = checklists or {}, duties or {}
        self.refused = refused


class Side:
    """One rule set on the joint walk: its engine, its enumerator (for candidate answers and
    cached decisions) and where its own path stands."""

    def __init__(self, engine, today):
        self.engine = engine
        self.enum = Enumerator(engine, today)
        self.flow = engine.flow
        self.env = Env({}, today, engine.ctx)
        self.position = 0  # the next question to consider; `ready`: known to be asked now
        self.ready = False
        self.refused = None
        self._checklists = {}
        bundle = engine.bundle
        named = bundle["conditions"]
        read = set()
        for doc in bundle["documents"].values():
            if "when" in doc:
                read |= questions_used(doc["when"], named)
        for outcome in bundle["outcomes"].values():
            for item in outcome.get("documents", []):
                if isinstance(item, dict) and "when" in item:
                    read |= questions_used(item["when"], named)
        self.checklist_questions = tuple(q.id for q in self.flow.questions if q.id in read)

    def advance(self, answers, undo, translate=False):
        """Take this side along its path as far as the shared answers go (and, with `translate`,
        the answers the engine derives from older question ids). Returns the question it waits on,
        or None when its path is complete or it refused an answer. Appends what it changed to
        `undo`."""
        env = self.env
        while self.refused is None:
            index = self.position if self.ready else self.flow.next_from(self.position, env)
            if index is None:
                return None
            question = self.flow.questions[index]
            value = answers.get(question.id, _UNANSWERED)
            if value is _UNANSWERED:
                raw = self.implied(question.id, answers) if translate else None
                # A translated answer is in its fragment form ("urgent,under_18"): parse it here.
                value = None if raw is None else question.parse(raw, env)
                if raw is not None and value is None:
                    value = raw  # refused below, and reported as an answer this side does not take
                if value is None:
                    if not self.ready:  # remember where it waits: the questions before are skipped
                        undo.append((self, self.position, False, None))
                        self.position, self.ready = index, True
                    return question
            undo.append((self, self.position, self.ready, question.id))
            if not self.accepts(question, value):
                self.refused = (question.id, value)
                return None
            env.values[question.id] = value
            self.position, self.ready = index + 1, False
        return None

    @staticmethod
    def implied(qid, answers):
        """The answer the engine's own translation of older question ids (wizard/engine/legacy.py)
        gives `qid` from the other side's answers, as it does for an old link; None if none."""
        if not answers:
            return None
        translated, _ = translate_old_answers({k: v for k, v in answers.items() if isinstance(v, str)})
        return translated.get(qid)

    def accepts(self, question, value):
        """Whether this side's question takes `value` (found by the other side's walk) here."""
        if isinstance(value, (str, int)):
            return question.parse(str(value), self.env) == value
        return value in self.enum.candidates(question, self.env)

    def advice(self):
        if self.refused is not None:
            return Advice(refused=self.refused)
        decision = self.enum.decide(self.env)
        primary = decision.primary[0].outcome if decision.primary else FALLBACK_OUTCOME
        alternatives = tuple(route.outcome for route, _ in decision.alternatives)
        shown = (primary,) + alternatives
        return Advice(
            primary,
            alternatives,
            {o: self.checklist(o) for o in shown},
            {o: tuple(self.engine.applies.duties(o, self.env)) for o in shown},
        )

    def checklist(self, outcome):
        values = self.env.values
        key = (outcome,) + tuple(values.get(q) for q in self.checklist_questions)
        found = self._checklists.get(key)
        if found is None:
            found = self._checklists[key] = tuple(self.engine.checklist(outcome, self.env))
        return found


_UNANSWERED = object()


class JointWalk:
    """Walks the answers of OLD and NEW together. Numbers and dates take the cuts of both rule
    sets; nationality takes one country per class of countries that both rule sets treat alike
    (the pair of membership signatures); a question only one side asks is answered for that side
    alone (the other sets the answer aside, as the wizard does with answers off its path)."""

    def __init__(self, old_engine, new_engine, today):
        self.today = today
        self.old, self.new = Side(old_engine, today), Side(new_engine, today)
        self.sides = (self.old, self.new)
        # Keyed by the answers' Python type too: a question that changed from a number to a date
        # keeps each side's own answers.
        merged = {}
        for side in self.sides:
            for qid, reps in side.enum.reps.items():
                merged.setdefault((qid, type(reps[0])), set()).update(reps)
        for side in self.sides:
            side.enum.reps = {qid: sorted(merged[qid, type(reps[0])]) for qid, reps in side.enum.reps.items()}
        # representative country -> every country both rule sets treat exactly like it
        self.classes = {members[0]: members for members in self._nationality_classes()}
        for side in self.sides:
            side.enum.nationality_reps = sorted(self.classes)
        self.nationality_questions = frozenset(self.old.enum.member_questions | self.new.enum.member_questions)

    def _nationality_classes(self):
        """The countries grouped by the pair of their membership signatures in OLD and NEW (on
        every date either walk tries): exact for both, so a country moved between lists is its
        own class or shares one only with countries moved alike."""
        dates = sorted({d for side in self.sides for d in side.enum.days_tried()})
        codes = sorted(
            set(self.old.engine.bundle["countries"]["nationality"])
            | set(self.new.engine.bundle["countries"]["nationality"])
        )
        listed = [[p for p in side.engine.policies.values() if p.members is not None] for side in self.sides]
        classes = {}
        for code in codes:
            signature = tuple(
                tuple(
                    (p.ever_member(code),) + tuple(period_key(p.membership_on(code, d)) for d in dates)
                    for p in policies
                )
                for policies in listed
            )
            classes.setdefault(signature, []).append(code)
        return list(classes.values())

    def candidates(self, qid):
        """The values either side offers for `qid`, each side as its own walk would at this point
        (a side that asks `qid` later offers what its answers so far allow: a choice whose options
        depend on answers it gets in between may then miss a value only it offers)."""
        out = []
        for side in self.sides:
            question = side.flow.by_id.get(qid)
            if question is None or side.refused is not None:
                continue
            for value in side.enum.candidates(question, side.env):
                if value not in out:
                    out.append(value)
        return out

    def fragment(self, answers):
        """The answers as the wizard's URL fragment (a ticked-boxes answer as "a,b" or "none")."""
        by_id = {**self.old.flow.by_id, **self.new.flow.by_id}
        return "&".join("%s=%s" % (qid, by_id[qid].raw(value)) for qid, value in answers.items())

    def walk(self, visit):
        """Call visit(answers, old Advice, new Advice) for every joint path. `answers` is reused:
        copy it to keep it. (Plain recursion, not generators: a leaf is a dozen levels deep.)"""
        self._walk({}, visit)

    def _walk(self, answers, visit):
        undo = []
        waiting = [side.advance(answers, undo) for side in self.sides]
        # Once one side has all its answers, the other may derive some from them (an old link).
        for me, other in ((0, 1), (1, 0)):
            if waiting[me] is not None and waiting[other] is None:
                waiting[me] = self.sides[me].advance(answers, undo, translate=True)
        question = waiting[0] or waiting[1]
        try:
            if question is None:
                visit(answers, self.old.advice(), self.new.advice())
                return
            for value in self.candidates(question.id):
                answers[question.id] = value
                self._walk(answers, visit)
            del answers[question.id]
        finally:
            for side, position, ready, qid in reversed(undo):
                side.position, side.ready = position, ready
                if qid is None:
                    continue
                if side.refused is not None and side.refused[0] == qid:
                    side.refused = None
                else:
                    side.env.values.pop(qid, None)
