"""Meaning checks and compilation of documents, outcomes (their checklists, guides and duties) and routes."""

from wizard.engine import FALLBACK_OUTCOME

from . import guide_pages


class OutcomeChecks:
    """Compiles documents, outcomes and routes (a part of checks.Compiler; its state is the Compiler's)."""

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
        """A guide path must be a page, and its anchor a heading, in every language's docs, when docs are given."""
        if self.docs_root is None:
            return
        for problem in guide_pages.problems(self.docs_root, guide, self.r.messages):
            self.err(loaded, pointer, problem)

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
