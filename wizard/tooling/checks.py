"""Meaning checks and compilation: from schema-valid rule files to the bundle's rule data.

Dangling or unused ids, condition types and order, country codes, overlapping and expired dates.
"""

import datetime as _dt

from wizard.engine import FALLBACK_OUTCOME, NONE_OF_THESE

from . import publishers
from .conditions_walk import iter_nodes, questions_used
from .how_to_get import check_coverage as check_how_to_get_coverage, compile_how_to_get
from .yamlfiles import pointer_join

LIKELY_CODES = {"UK": "GB", "EL": "GR", "KO": "KR"}


class Compiler:
    def __init__(self, rules, build_date, nationality_codes, problems, warnings, docs_root=None):
        self.r = rules
        self.build = build_date.isoformat()
        self.codes = set(nationality_codes)
        self.p = problems
        self.w = warnings
        self.docs_root = docs_root
        index = rules.single["index"].data
        self.warn_days = index["warn_days_before_expiry"]
        self.warn_until = (build_date + _dt.timedelta(days=self.warn_days)).isoformat()
        self.sources = rules.single["sources"].data["sources"]
        self.used_sources = set()

    # -- helpers ----------------------------------------------------------------------
    def err(self, loaded, pointer, reason):
        self.p.add(loaded, pointer, reason)

    def warn(self, loaded, pointer, reason):
        from .errors import Problem

        self.w.append(Problem(loaded.display, pointer, reason, loaded.line_of(pointer)))

    def check_sources(self, loaded, pointer, ids):
        for i, sid in enumerate(ids or []):
            self.used_sources.add(sid)
            if sid not in self.sources:
                self.err(loaded, pointer_join(pointer, i), "unknown source %r (not in sources.yaml)" % sid)

    # -- the whole compilation --------------------------------------------------------
    def compile(self):
        self.check_source_publishers()
        self.questions = self.compile_questions()
        self.policies = self.compile_policies()
        cond_file = self.r.single.get("conditions")
        self.named = dict(cond_file.data["conditions"]) if cond_file else {}
        self.check_named_conditions(cond_file)
        self.check_question_conditions()
        self.documents, self.sets = self.compile_documents()
        duties_file = self.r.single["duties"]
        self.duties = duties_file.data["duties"]
        self.restrictions = duties_file.data["restrictions"]
        for section in ("duties", "restrictions"):
            for did, item in duties_file.data[section].items():
                self.check_sources(duties_file, "/%s/%s/sources" % (section, did), item["sources"])
                if "guide" in item:
                    self.check_guide(duties_file, "/%s/%s/guide" % (section, did), item["guide"])
        self.outcomes = self.compile_outcomes()
        self.routes = self.compile_routes()
        self.how_to_get = compile_how_to_get(self)
        self.check_unused()
        check_how_to_get_coverage(self)
        return {
            "questions": self.questions,
            "conditions": self.named,
            "policies": self.policies,
            "routes": self.routes,
            "outcomes": self.outcomes,
            "documents": self.documents,
            "document_sets": self.sets,
            "duties": self.duties,
            "restrictions": self.restrictions,
            # read_at and note are for reviewers: they stay out of the bundle users download.
            "sources": {
                sid: {k: v for k, v in src.items() if k not in ("read_at", "note")} for sid, src in self.sources.items()
            },
            "how_to_get": self.how_to_get,
        }

    def check_source_publishers(self):
        """Every source shown to users is on an accepted publisher's domain (publishers.yaml)."""
        listed = self.r.single.get("publishers")
        src_file = self.r.single["sources"]
        if listed is None:
            self.err(src_file, "", "no publishers.yaml (kind publishers) to check the sources' domains against")
            return
        domains = publishers.normalised(listed.data["domains"])
        for sid, source in self.sources.items():
            if "url" not in source:  # no original found: the schema requires a note saying so
                continue
            if not publishers.is_accepted(source["url"], domains):
                self.err(
                    src_file,
                    "/sources/%s/url" % sid,
                    "%s is not on an accepted publisher's domain "
                    "(%s): cite the original publisher's page and record the copy in read_at, or add "
                    "the publisher to publishers.yaml"
                    % (publishers.host_of(source["url"]) or source["url"], listed.display),
                )

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
            if q["type"] == "number" and q["min"] > q["max"]:
                self.err(loaded, ptr + "/min", "min is greater than max")
            if q["type"] == "multi" and NONE_OF_THESE in values:
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
        if q["type"] == "yesno":
            return {"yes", "no"}
        return {o["value"] for o in q.get("options", [])}

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

    # -- policies ---------------------------------------------------------------------
    def compile_policies(self):
        out, files = {}, {}
        purposes = set()
        for q in self.questions:
            if q["id"] == "purpose":
                purposes = {o["value"] for o in q["options"]}
        for loaded in self.r.policies:
            d = loaded.data
            pid = d["id"]
            if pid in out:
                self.err(loaded, "/id", "duplicate policy id %r (also in %s)" % (pid, files[pid].display))
                continue
            files[pid] = loaded
            self.check_sources(loaded, "/sources", d["sources"])
            p_from, p_to = d.get("valid_from"), d.get("valid_to")
            self.check_range(loaded, "", p_from, p_to, d.get("historical", False))
            terms = []
            for i, term in enumerate(d["terms"]):
                ptr = "/terms/%d" % i
                self.check_sources(loaded, ptr + "/sources", term["sources"])
                t_from, t_to = term.get("valid_from", p_from), term.get("valid_to", p_to)
                self.check_range(
                    loaded, ptr, t_from, t_to, term.get("historical", False), explicit_end="valid_to" in term
                )
                self.check_inside(loaded, ptr, t_from, t_to, p_from, p_to)
                for j, purpose in enumerate(term.get("purposes", [])):
                    if purpose not in purposes:
                        self.err(
                            loaded, "%s/purposes/%d" % (ptr, j), "%r is not a value of the purpose question" % purpose
                        )
                for k, other in enumerate(terms):
                    if _overlap(t_from, t_to, other["valid_from"], other["valid_to"]):
                        self.err(loaded, ptr, "terms overlap with /terms/%d: a date must have one set of terms" % k)
                entry = {k: v for k, v in term.items() if k != "historical"}
                entry["valid_from"], entry["valid_to"] = t_from, t_to
                terms.append(entry)
            members = None
            if "members" in d:
                members = {}
                for i, m in enumerate(d["members"]):
                    ptr = "/members/%d" % i
                    code = m["country"]
                    if code not in self.codes:
                        hint = " (did you mean %s?)" % LIKELY_CODES[code] if code in LIKELY_CODES else ""
                        self.err(
                            loaded,
                            ptr + "/country",
                            "%r is not an ISO 3166-1 alpha-2 code of a nationality%s" % (code, hint),
                        )
                    self.check_sources(loaded, ptr + "/sources", m["sources"])
                    m_from, m_to = m["valid_from"], m.get("valid_to", p_to)
                    self.check_range(
                        loaded, ptr, m_from, m_to, m.get("historical", False), explicit_end="valid_to" in m
                    )
                    self.check_inside(loaded, ptr, m_from, m_to, p_from, p_to)
                    periods = members.setdefault(code, [])
                    for other in periods:
                        if _overlap(m_from, m_to, other["valid_from"], other["valid_to"]):
                            self.err(
                                loaded,
                                ptr,
                                "%s is listed twice for overlapping dates (%s to %s and %s to %s)"
                                % (code, m_from, m_to or "open", other["valid_from"], other["valid_to"] or "open"),
                            )
                    period = {"valid_from": m_from, "valid_to": m_to, "sources": m["sources"]}
                    for key in ("max_stay", "cumulative", "continuation", "terms_confirmed"):
                        if key in m:
                            period[key] = m[key]
                    if m.get("continuation") == "unknown" and "valid_to" not in m:
                        self.err(
                            loaded,
                            ptr + "/continuation",
                            "continuation unknown needs the date the membership ended (valid_to)",
                        )
                    periods.append(period)
            out[pid] = {
                "valid_from": p_from,
                "valid_to": p_to,
                "sources": d["sources"],
                "terms": terms,
                "members": members,
            }
        self.policy_files = files
        return out

    def check_range(self, loaded, ptr, start, end, historical, explicit_end=True):
        if start and end and end < start:
            self.err(loaded, ptr + "/valid_to", "valid_to %s is before valid_from %s" % (end, start))
            return
        if end is None:
            if historical:
                self.err(loaded, ptr + "/historical", "marked historical but has no end date")
            return
        if not explicit_end:
            return  # inherits the policy's end, which is checked once on the policy
        where = ptr + "/valid_to"
        if end < self.build:
            if not historical:
                self.err(
                    loaded,
                    where,
                    "expired: ended on %s, before the build date %s; update it, or mark it "
                    "historical: true if it only answers past travel dates" % (end, self.build),
                )
        elif historical:
            self.err(loaded, where, "marked historical but still in force until %s" % end)
        elif end <= self.warn_until:
            self.warn(
                loaded,
                where,
                "ends on %s, within %d days of the build date %s: check whether it was "
                "extended" % (end, self.warn_days, self.build),
            )

    def check_inside(self, loaded, ptr, start, end, p_from, p_to):
        if p_from and start and start < p_from:
            self.err(loaded, ptr + "/valid_from", "starts %s, before its policy (%s)" % (start, p_from))
        if p_to and end and end > p_to:
            self.err(loaded, ptr + "/valid_to", "ends %s, after its policy (%s)" % (end, p_to))

    # -- documents, outcomes, routes --------------------------------------------------
    def compile_documents(self):
        loaded = self.r.single["documents"]
        docs = loaded.data["documents"]
        sets = loaded.data.get("sets", {})
        for did, doc in docs.items():
            self.check_sources(loaded, "/documents/%s/sources" % did, doc["sources"])
            if "when" in doc:
                self.check_condition(loaded, "/documents/%s/when" % did, doc["when"])
        for name, members in sets.items():
            for i, did in enumerate(members):
                if did not in docs:
                    self.err(loaded, "/sets/%s/%d" % (name, i), "unknown document %r" % did)
        return docs, sets

    def compile_outcomes(self):
        out, where = {}, {}
        self.outcome_files = where
        for loaded in self.r.outcomes:
            for oid, o in loaded.data["outcomes"].items():
                ptr = "/outcomes/%s" % oid
                if oid in out:
                    self.err(loaded, ptr, "duplicate outcome id %r (also in %s)" % (oid, where[oid].display))
                    continue
                where[oid] = loaded
                self.check_sources(loaded, ptr + "/sources", o["sources"])
                if "policy" in o:
                    self.used_policies.add(o["policy"])
                    if o["policy"] not in self.policies:
                        self.err(loaded, ptr + "/policy", "unknown policy %r" % o["policy"])
                for i, item in enumerate(o.get("documents", [])):
                    if isinstance(item, dict) and "doc" in item:
                        if item["doc"] not in self.documents:
                            self.err(
                                loaded,
                                "%s/documents/%d/doc" % (ptr, i),
                                "unknown document %r (not in documents.yaml)" % item["doc"],
                            )
                        if "when" in item:
                            self.check_condition(loaded, "%s/documents/%d/when" % (ptr, i), item["when"])
                        self.check_sources(loaded, "%s/documents/%d/sources" % (ptr, i), item.get("sources"))
                    elif isinstance(item, dict):
                        if item["set"] not in self.sets:
                            self.err(loaded, "%s/documents/%d/set" % (ptr, i), "unknown document set %r" % item["set"])
                    elif item not in self.documents:
                        self.err(
                            loaded, "%s/documents/%d" % (ptr, i), "unknown document %r (not in documents.yaml)" % item
                        )
                for section, table in (("duties", self.duties), ("not_allowed", self.restrictions)):
                    for i, did in enumerate(o.get(section, [])):
                        if did not in table:
                            self.err(
                                loaded,
                                "%s/%s/%d" % (ptr, section, i),
                                "unknown %s %r (not in duties.yaml)"
                                % ("duty" if section == "duties" else "restriction", did),
                            )
                self.check_guide(loaded, ptr + "/guide", o["guide"])
                out[oid] = o
        if FALLBACK_OUTCOME not in out:
            self.p.add(self.r.root.name + "/outcomes", "", "the fallback outcome %r is missing" % FALLBACK_OUTCOME)
        return out

    def check_guide(self, loaded, pointer, guide):
        """A guide path (anchor stripped) must be a page of the docs, when docs are given."""
        if self.docs_root is None:
            return
        page = guide.split("#", 1)[0].rstrip("/")
        if not ((self.docs_root / page / "index.md").exists() or (self.docs_root / (page + ".md")).exists()):
            self.err(loaded, pointer, "no guide page for %r in %s" % (guide, self.docs_root))

    def compile_routes(self):
        loaded = self.r.single["routes"]
        out, seen = [], {}
        for i, route in enumerate(loaded.data["routes"]):
            ptr = "/routes/%d" % i
            if route["id"] in seen:
                self.err(
                    loaded, ptr + "/id", "duplicate route id %r (also at /routes/%d)" % (route["id"], seen[route["id"]])
                )
            seen[route["id"]] = i
            if route["outcome"] not in self.outcomes:
                self.err(loaded, ptr + "/outcome", "unknown outcome %r (not in outcomes/*.yaml)" % route["outcome"])
            self.check_condition(loaded, ptr + "/when", route["when"])
            reasons = []
            for j, reason in enumerate(route["reasons"]):
                reason = reason if isinstance(reason, dict) else {"id": reason}
                if "when" in reason:
                    self.check_condition(loaded, "%s/reasons/%d/when" % (ptr, j), reason["when"])
                if "policy" in reason:
                    self.used_policies.add(reason["policy"])
                    if reason["policy"] not in self.policies:
                        self.err(loaded, "%s/reasons/%d/policy" % (ptr, j), "unknown policy %r" % reason["policy"])
                reasons.append(reason)
            out.append(dict(route, reasons=reasons))
        return out

    def check_unused(self):
        routed = {r["outcome"] for r in self.routes} | {FALLBACK_OUTCOME}
        for oid, loaded in self.outcome_files.items():
            if oid not in routed:
                self.err(loaded, "/outcomes/%s" % oid, "unreachable outcome: no route leads to %r" % oid)
        used_docs, used_sets = set(), set()
        for o in self.outcomes.values():
            for item in o.get("documents", []):
                if isinstance(item, dict) and "doc" in item:
                    used_docs.add(item["doc"])
                elif isinstance(item, dict):
                    used_sets.add(item["set"])
                    used_docs.update(self.sets.get(item["set"], []))
                else:
                    used_docs.add(item)
        docs_file = self.r.single["documents"]
        for did in self.documents:
            if did not in used_docs:
                self.err(docs_file, "/documents/%s" % did, "document %r is defined but no outcome lists it" % did)
        for name in self.sets:
            if name not in used_sets:
                self.err(docs_file, "/sets/%s" % name, "document set %r is defined but no outcome uses it" % name)
        duties_file = self.r.single["duties"]
        used_duties = {d for o in self.outcomes.values() for d in o.get("duties", [])}
        used_restr = {d for o in self.outcomes.values() for d in o.get("not_allowed", [])}
        for did in self.duties:
            if did not in used_duties:
                self.err(duties_file, "/duties/%s" % did, "duty %r is defined but no outcome lists it" % did)
        for rid in self.restrictions:
            if rid not in used_restr:
                self.err(
                    duties_file, "/restrictions/%s" % rid, "restriction %r is defined but no outcome lists it" % rid
                )
        for pid, loaded in self.policy_files.items():
            if pid not in self.used_policies:
                self.err(loaded, "/id", "policy %r is not used by any route or outcome" % pid)
        used_named = set()
        for label_cond in self._all_conds():
            for op, arg, _ in iter_nodes(label_cond):
                if op == "ref":
                    used_named.add(arg)
        cond_file = self.r.single.get("conditions")
        for name in self.named:
            if name not in used_named:
                self.err(cond_file, "/conditions/%s" % name, "named condition %r is never used" % name)
        src_file = self.r.single["sources"]
        for sid in self.sources:
            if sid not in self.used_sources:
                self.warn(src_file, "/sources/%s" % sid, "source %s is not cited by any rule" % sid)

    def _all_conds(self):
        for q in self.questions:
            if "ask_if" in q:
                yield q["ask_if"]
            for o in q.get("options", []):
                if "when" in o:
                    yield o["when"]
            for wording in q.get("wordings", []):
                yield wording["when"]
        yield from self.named.values()
        for o in self.outcomes.values():
            for item in o.get("documents", []):
                if isinstance(item, dict) and "when" in item:
                    yield item["when"]
        for r in self.routes:
            yield r["when"]
            for reason in r["reasons"]:
                if "when" in reason:
                    yield reason["when"]
        for d in self.documents.values():
            if "when" in d:
                yield d["when"]


def _overlap(a_from, a_to, b_from, b_to):
    lo = max(a_from or "0000-00-00", b_from or "0000-00-00")
    hi = min(a_to or "9999-99-99", b_to or "9999-99-99")
    return lo <= hi
