"""Invariants on every path: no visa-free result after a visa-application question, the 24-hour
registration duty on every entry route, no result citing a source none of its rules, steps or
official links (for the reader's nationality) uses; and questions per path."""

import statistics

REGISTRATION_DUTY = "register_within_24_hours"
ENTRY_KINDS = ("visa", "visa_free", "port_visa")


class Invariants:
    """Feed it every Leaf of a walk (`observe`); then read `problems` and `question_counts`."""

    def __init__(self, engine):
        self.engine = engine
        bundle = engine.bundle
        self.outcomes = bundle["outcomes"]
        self.visa_questions = {q["id"] for q in bundle["questions"] if q.get("visa_application")}
        self.problems = []  # (kind, outcome id, answers)
        self.counts = []
        self.sequences = set()
        self._outcomes_checked = set()
        self._shapes_checked = set()
        self._catalogue = engine.catalogues[engine.default_language]
        # The nationalities that change a step or a link; any other checks like no nationality.
        steps = bundle.get("how_to_get", {}).get("steps", {}).values()
        self._special = {code for step in steps for code in step.get("for_nationality", {})}
        self._special |= set(bundle.get("official_links", {}).get("by_nationality", {}))

    def observe(self, leaf):
        values = leaf.values
        self.counts.append(len(values))
        self.sequences.add(tuple(values))
        decision = leaf.decision
        if decision.primary is None:
            return
        primary = decision.primary[0].outcome
        if self.outcomes[primary]["kind"] == "visa_free":
            asked = self.visa_questions.intersection(values)
            if asked:
                self.problems.append(
                    (
                        "visa-free result after the visa-application question %s" % sorted(asked)[0],
                        primary,
                        dict(values),
                    )
                )
        for oid in leaf.outcomes():
            # Shown on this path: a duty's `when` may hide it from some readers, never this one.
            if oid not in self._outcomes_checked and self.outcomes[oid]["kind"] in ENTRY_KINDS:
                if REGISTRATION_DUTY not in self.engine.applies.duties(oid, leaf.env):
                    self._outcomes_checked.add(oid)
                    self.problems.append(("entry route without the %s duty" % REGISTRATION_DUTY, oid, dict(values)))
            self._check_sources(oid, leaf.env)

    def _check_sources(self, oid, env):
        engine = self.engine
        checklist = tuple(engine.checklist(oid, env))
        outcome = self.outcomes[oid]
        policy_sources = ()
        if outcome.get("policy"):
            policy_sources = tuple(engine.presenter.policy_dates(outcome["policy"], env)[4])
        nationality = env.values.get(engine.presenter.country_question)
        country = nationality if nationality in self._special else None
        # The nationality picks a step (a reciprocal fee) and a link (a mission's own guide); the
        # answers pick the duties and steps whose `when` holds.
        duties = tuple(engine.applies.duties(oid, env))
        steps = tuple(engine.applies.steps(oid, env, country))
        shape = (oid, checklist, policy_sources, country, duties, steps)
        if shape in self._shapes_checked:
            return
        self._shapes_checked.add(shape)
        bundle = engine.bundle
        used = set(outcome.get("sources", [])) | set(policy_sources)
        for doc in checklist:
            used.update(engine.presenter.document_sources(oid, doc))
        for duty in duties:
            used.update(bundle["duties"][duty].get("sources", []))
        for restriction in outcome.get("not_allowed", []):
            used.update(bundle["restrictions"][restriction].get("sources", []))
        used.update(engine.presenter.how_to_get(oid, self._catalogue, country, env)[1])  # the steps to get it
        used.update(engine.presenter.official_links(oid, self._catalogue, country)[1])  # where to act
        view = engine.presenter.outcome(oid, [], env, self._catalogue, list(checklist))
        cited = {source["id"] for source in view["sources"]}
        for sid in sorted(cited - used):
            self.problems.append(("cites %s, which none of its rules uses" % sid, oid, dict(env.values)))

    def question_stats(self):
        """(median, max) questions over all paths, and over distinct question sequences."""
        per_sequence = [len(s) for s in self.sequences]
        return (
            (statistics.median(self.counts), max(self.counts)),
            (statistics.median(per_sequence), max(per_sequence)),
            len(per_sequence),
        )
