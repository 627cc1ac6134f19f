"""Meaning checks of questions.yaml: unique ids and options, number ranges, tick-all-that-apply boxes,
options' guide pages."""

from wizard.engine import NONE_OF_THESE, QUESTION_TYPES


class QuestionChecks:
    """Compiles the questions (a part of checks.Compiler; its state is the Compiler's)."""

    # -- questions --------------------------------------------------------------------
    def compile_questions(self):
        loaded = self.r.single["questions"]
        out, seen = [], {}
        self.groups = {}
        for i, q in enumerate(loaded.data["questions"]):
            ptr = "/questions/%d" % i
            if q["id"] in seen:
                self.err(
                    loaded, ptr + "/id", "duplicate question id %r (also at /questions/%d)" % (q["id"], seen[q["id"]])
                )
            seen[q["id"]] = i
            q = dict(q)
            options = [o if isinstance(o, dict) else {"value": o} for o in q.get("options", [])]
            values = [o["value"] for o in options]
            for j, v in enumerate(values):
                if v in values[:j]:
                    self.err(loaded, "%s/options/%d" % (ptr, j), "duplicate option %r" % v)
            if options:
                q["options"] = options
            for j, option in enumerate(options):  # the wizard page's table of purposes links them
                for k, guide in enumerate(option.get("guides", [])):
                    self.check_guide(loaded, "%s/options/%d/guides/%d" % (ptr, j, k), guide)
            self.groups[q["id"]] = self.check_groups(loaded, ptr, q.pop("groups", {}), values)
            if "min" in q and "max" in q and q["min"] > q["max"]:
                self.err(loaded, ptr + "/min", "min is greater than max")
            if QUESTION_TYPES[q["type"]].multi_valued and NONE_OF_THESE in values:
                self.err(
                    loaded,
                    "%s/options/%d" % (ptr, values.index(NONE_OF_THESE)),
                    "%r is the box every tick-all-that-apply question has; it is not an option to list" % NONE_OF_THESE,
                )
            out.append(q)
        self.qindex = {q["id"]: i for i, q in enumerate(out)}
        self.qtypes = {q["id"]: q for q in out}
        return out

    def check_groups(self, loaded, ptr, groups, values):
        """A question's named sets of options (`groups`): each a list of its options, named apart
        from them. Rules write the name where they list the set (see expand_groups)."""
        for name, members in groups.items():
            if name in values:
                self.err(loaded, "%s/groups/%s" % (ptr, name), "group %r has the name of an option" % name)
            for j, value in enumerate(members):
                if value not in values:
                    self.err(loaded, "%s/groups/%s/%d" % (ptr, name, j), "%r is not an option of this question" % value)
        return groups

    def expand_groups(self, qid, values):
        """values with each group name of question qid replaced by its options, in order, once each."""
        out = []
        for value in values:
            for member in self.groups.get(qid, {}).get(value, [value]):
                if member not in out:
                    out.append(member)
        return out

    def expand_group_literals(self, node):
        """node (compiled rules) rebuilt with every `{in: [question, [..]]}` listing a group of the
        question's options listing the options instead: the engine knows no groups."""
        if isinstance(node, list):
            return [self.expand_group_literals(item) for item in node]
        if not isinstance(node, dict):
            return node
        arg = node.get("in")
        if len(node) == 1 and isinstance(arg, list) and len(arg) == 2 and arg[0] in self.groups:
            if isinstance(arg[1], list):
                return {"in": [arg[0], self.expand_groups(arg[0], arg[1])]}
        return {key: self.expand_group_literals(value) for key, value in node.items()}

    def question_values(self, qid):
        q = self.qtypes[qid]
        return set(QUESTION_TYPES[q["type"]].fixed_options) | {o["value"] for o in q.get("options", [])}
