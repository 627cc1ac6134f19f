"""Meaning checks of conditions wherever they appear: known questions asked before, operator and
answer types, policies, and named conditions without cycles."""

from wizard.engine import OPERATORS, QUESTION_TYPES

from .conditions_walk import iter_nodes, questions_used

# Why no value operator (equals, in, ...) takes a type's answers, where there is a reason to say.
NOT_COMPARED = {
    "country": "nationality and countries enter rules only through policies (member) or same; do not compare %r with values",
}


class ConditionChecks:
    """Checks conditions (a part of checks.Compiler; its state is the Compiler's)."""

    # -- conditions -------------------------------------------------------------------
    def check_condition(self, loaded, pointer, cond, before=None):
        """Check references and types in one condition; `before`: question ids it may read."""
        for op, arg, ptr in iter_nodes(cond, pointer):
            operator = OPERATORS[op]
            typed = True  # every question it names is known, asked in time and of a type it takes
            for place in operator.questions:
                qid = place.question(arg)
                if qid is not None and not self.check_question_arg(loaded, ptr, op, place, qid, before):
                    typed = False
            if operator.compares is not None and typed:
                qid = operator.questions[0].question(arg)
                self.check_literals(loaded, "%s/%d" % (ptr, operator.compares), qid, arg[operator.compares])
            if op == "same" and typed and self.qtypes[arg[0]]["type"] != self.qtypes[arg[1]]["type"]:
                self.err(loaded, ptr, "same compares questions of one type")
            elif op == "ref":
                if arg not in self.named:
                    self.err(loaded, ptr, "unknown named condition %r (not in conditions.yaml)" % arg)
                elif before is not None:
                    for qid in sorted(questions_used({"ref": arg}, self.named)):
                        if qid not in before:
                            self.err(
                                loaded,
                                ptr,
                                "condition %r reads question %r, which is not asked before this point" % (arg, qid),
                            )
            elif operator.policy:
                self.check_policy_operator(loaded, ptr, op, arg, typed)

    def check_question_arg(self, loaded, ptr, op, place, qid, before):
        """One question an operator names: known, asked before if it reads the answer, of a type
        the operator takes there (OPERATORS). False if not."""
        where = ptr + place.pointer
        if not self.known_question(loaded, where, qid, before if place.reads else None):
            return False
        kind = self.qtypes[qid]["type"]
        if not place.types or kind in place.types:
            return True
        if OPERATORS[op].compares is None:
            self.err(loaded, where, "%r must be a %s question" % (qid, " or ".join(place.types)))
        elif kind in NOT_COMPARED:
            self.err(loaded, ptr, NOT_COMPARED[kind] % qid)
        else:
            self.err(
                loaded, ptr, "%s needs a %s question; %r is a %s question" % (op, " or ".join(place.types), qid, kind)
            )
        return False

    def check_literals(self, loaded, ptr, qid, literal):
        """The value(s) a question's answer is compared with: its options, or of its type's literal type."""
        kind = QUESTION_TYPES[self.qtypes[qid]["type"]]
        if kind.literal_is_option:
            # a list (`in`) may name a group of the question's options (questions.yaml `groups`)
            groups = self.groups.get(qid, {}) if isinstance(literal, list) else {}
            for value in literal if isinstance(literal, list) else [literal]:
                if value not in self.question_values(qid) and value not in groups:
                    self.err(loaded, ptr, "%r is not an option of question %r" % (value, qid))
        elif not isinstance(literal, kind.literal) or isinstance(literal, bool):
            self.err(loaded, ptr, "question %r is a %s; compare it with a %s" % (qid, kind.name, kind.name))

    def known_question(self, loaded, ptr, qid, before):
        if qid not in self.qtypes:
            self.err(loaded, ptr, "unknown question %r" % qid)
            return False
        if before is not None and qid not in before:
            self.err(loaded, ptr, "question %r is asked later; a condition may only read earlier answers" % qid)
            return False
        return True

    def check_policy_operator(self, loaded, ptr, op, arg, typed):
        pid = arg["policy"]
        policy = self.policies.get(pid)
        if policy is None:
            self.err(loaded, ptr + "/policy", "unknown policy %r (no policies/*.yaml with that id)" % pid)
        self.used_policies.add(pid)
        stay = arg.get("stay")
        if stay is not None and typed and self.qtypes[stay].get("unit") not in ("days", "hours"):
            self.err(loaded, ptr + "/stay", "%r must count days or hours" % stay)
        if op == "member" and policy is not None and policy["members"] is None:
            self.err(loaded, ptr, "policy %r is open to every nationality; member has nothing to test" % pid)
        if op == "member" and "on" not in arg and not arg.get("ever"):
            self.err(loaded, ptr, "member needs 'on' (a date question) or 'ever: true'")

    def check_named_conditions(self, loaded):
        self.used_policies = set()
        if loaded is None:
            return
        for name, cond in self.named.items():
            self.check_condition(loaded, "/conditions/%s" % name, cond)
        # cycles
        state = {}

        def visit(name, trail):
            if state.get(name) == "done":
                return
            if state.get(name) == "active":
                self.err(
                    loaded,
                    "/conditions/%s" % name,
                    "named conditions refer to each other in a cycle: %s" % " -> ".join(trail + [name]),
                )
                return
            state[name] = "active"
            for op, arg, _ in iter_nodes(self.named[name]):
                if op == "ref" and arg in self.named:
                    visit(arg, trail + [name])
            state[name] = "done"

        for name in self.named:
            visit(name, [])

    def check_question_conditions(self):
        loaded = self.r.single["questions"]
        before = set()
        for i, q in enumerate(self.questions):
            if "ask_if" in q:
                self.check_condition(loaded, "/questions/%d/ask_if" % i, q["ask_if"], before)
            for j, opt in enumerate(q.get("options", [])):
                if "when" in opt:
                    self.check_condition(loaded, "/questions/%d/options/%d/when" % (i, j), opt["when"], before)
            for j, wording in enumerate(q.get("wordings", [])):
                self.check_condition(loaded, "/questions/%d/wordings/%d/when" % (i, j), wording["when"], before)
            before.add(q["id"])
