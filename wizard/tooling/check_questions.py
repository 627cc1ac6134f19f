"""Meaning checks of questions.yaml: unique ids and options, number ranges, tick-all-that-apply boxes,
options' guide pages."""

from wizard.engine import NONE_OF_THESE, QUESTION_TYPES


class QuestionChecks:
    """Compiles the questions (a part of checks.Compiler; its state is the Compiler's)."""

    # -- questions --------------------------------------------------------------------
    def compile_questions(self):
        loaded = self.r.single["questions"]
        out, seen = [], {}
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

    def question_values(self, qid):
        q = self.qtypes[qid]
        return set(QUESTION_TYPES[q["type"]].fixed_options) | {o["value"] for o in q.get("options", [])}
