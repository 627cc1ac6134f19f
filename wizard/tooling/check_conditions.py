"""Meaning checks of conditions wherever they appear: known questions asked before, operator and
answer types, policies, and named conditions without cycles."""

from .conditions_walk import iter_nodes, questions_used


class ConditionChecks:
    """Checks conditions (a part of checks.Compiler; its state is the Compiler's)."""

    # -- conditions -------------------------------------------------------------------
    def check_condition(self, loaded, pointer, cond, before=None):
        """Check references and types in one condition; `before`: question ids it may read."""
        for op, arg, ptr in iter_nodes(cond, pointer):
            if op in ("equals", "in", "lt", "le", "gt", "ge"):
                qid = arg[0]
                if not self.known_question(loaded, ptr + "/0", qid, before):
                    continue
                q = self.qtypes[qid]
                if op in ("equals", "in"):
                    if q["type"] == "country":
                        self.err(
                            loaded,
                            ptr,
                            "nationality and countries enter rules only through policies "
                            "(member) or same; do not compare %r with values" % qid,
                        )
                        continue
                    if q["type"] not in ("choice", "yesno"):
                        self.err(
                            loaded,
                            ptr,
                            "%s needs a choice or yes/no question; %r is a %s question" % (op, qid, q["type"]),
                        )
                        continue
                    wanted = [arg[1]] if op == "equals" else arg[1]
                    for value in wanted:
                        if value not in self.question_values(qid):
                            self.err(loaded, ptr + "/1", "%r is not an option of question %r" % (value, qid))
                else:
                    literal = arg[1]
                    if q["type"] == "number" and not isinstance(literal, int):
                        self.err(loaded, ptr + "/1", "question %r is a number; compare it with a number" % qid)
                    elif q["type"] == "date" and not isinstance(literal, str):
                        self.err(loaded, ptr + "/1", "question %r is a date; compare it with a date" % qid)
                    elif q["type"] not in ("number", "date"):
                        self.err(
                            loaded,
                            ptr,
                            "%s needs a number or date question; %r is a %s question" % (op, qid, q["type"]),
                        )
            elif op == "includes":
                qid, value = arg
                if not self.known_question(loaded, ptr + "/0", qid, before):
                    continue
                if self.qtypes[qid]["type"] != "multi":
                    self.err(
                        loaded,
                        ptr,
                        "includes needs a tick-all-that-apply (multi) question; %r is a %s question"
                        % (qid, self.qtypes[qid]["type"]),
                    )
                elif value not in self.question_values(qid):
                    self.err(loaded, ptr + "/1", "%r is not an option of question %r" % (value, qid))
            elif op == "same":
                for k, qid in enumerate(arg):
                    self.known_question(loaded, "%s/%d" % (ptr, k), qid, before)
                if all(q in self.qtypes for q in arg) and self.qtypes[arg[0]]["type"] != self.qtypes[arg[1]]["type"]:
                    self.err(loaded, ptr, "same compares questions of one type")
            elif op == "answered":
                self.known_question(loaded, ptr, arg, before)
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
            elif op in ("member", "in_force", "within_terms"):
                self.check_policy_operator(loaded, ptr, op, arg, before)
            elif op == "date_matters":
                # Reads the nationality (asked before); `on` names the date question whose window
                # counts, which may come later (the condition decides whether to ask it).
                self.check_policy_operator(loaded, ptr, op, {k: v for k, v in arg.items() if k != "on"}, before)
                on = arg["on"]
                if on not in self.qtypes or self.qtypes[on]["type"] != "date":
                    self.err(loaded, ptr + "/on", "%r must be a date question" % on)

    def known_question(self, loaded, ptr, qid, before):
        if qid not in self.qtypes:
            self.err(loaded, ptr, "unknown question %r" % qid)
            return False
        if before is not None and qid not in before:
            self.err(loaded, ptr, "question %r is asked later; a condition may only read earlier answers" % qid)
            return False
        return True

    def check_policy_operator(self, loaded, ptr, op, arg, before):
        pid = arg["policy"]
        policy = self.policies.get(pid)
        if policy is None:
            self.err(loaded, ptr + "/policy", "unknown policy %r (no policies/*.yaml with that id)" % pid)
        self.used_policies.add(pid)
        expect = {"country": "country", "on": "date", "stay": "number", "purpose": "choice"}
        for key, kind in expect.items():
            qid = arg.get(key)
            if qid is None:
                continue
            if not self.known_question(loaded, "%s/%s" % (ptr, key), qid, before):
                continue
            if self.qtypes[qid]["type"] != kind:
                self.err(loaded, "%s/%s" % (ptr, key), "%r must be a %s question" % (qid, kind))
            elif key == "stay" and self.qtypes[qid].get("unit") not in ("days", "hours"):
                self.err(loaded, "%s/%s" % (ptr, key), "%r must count days or hours" % qid)
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
