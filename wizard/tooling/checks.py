"""Meaning checks and compilation: from schema-valid rule files to the bundle's rule data.

Dangling or unused ids, condition types and order, country codes, overlapping dates and ends to review.
"""

import datetime as _dt

from wizard.engine import FALLBACK_OUTCOME

from . import publishers
from .check_conditions import ConditionChecks
from .check_outcomes import OutcomeChecks
from .check_policies import PolicyChecks
from .check_questions import QuestionChecks
from .conditions_walk import iter_nodes
from .errors import Problem
from .how_to_get import check_coverage as check_how_to_get_coverage, compile_how_to_get
from .official_links import compile_official_links
from .page_citations import page_cited_sources
from .yamlfiles import pointer_join


class Compiler(QuestionChecks, ConditionChecks, PolicyChecks, OutcomeChecks):
    """One compilation: the shared state (rules, problems, warnings) and the order of the checks;
    each kind of rule is checked by its own part (check_questions.py, check_conditions.py, ...)."""

    def __init__(self, rules, build_date, nationality_codes, problems, warnings, docs_root=None):
        self.r = rules
        self.build = build_date.isoformat()
        self.codes = set(nationality_codes)
        self.p = problems
        self.w = warnings
        self.alarms = []  # review alarms: scheduled ends passed on the build date with no review since
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
        self.w.append(Problem(loaded.display, pointer, reason, loaded.line_of(pointer)))

    def alarm(self, loaded, pointer, reason):
        self.alarms.append(Problem(loaded.display, pointer, reason, loaded.line_of(pointer)))

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
        self.check_travel_date_reads_every_dated_policy()
        self.documents, self.sets = self.compile_documents()
        duties_file = self.r.single["duties"]
        self.duties = duties_file.data["duties"]
        self.restrictions = duties_file.data["restrictions"]
        for section in ("duties", "restrictions"):
            for did, item in duties_file.data[section].items():
                self.check_sources(duties_file, "/%s/%s/sources" % (section, did), item["sources"])
                if "guide" in item:
                    self.check_guide(duties_file, "/%s/%s/guide" % (section, did), item["guide"])
                if "when" in item:
                    self.check_condition(duties_file, "/%s/%s/when" % (section, did), item["when"])
        self.outcomes = self.compile_outcomes()
        self.routes = self.compile_routes()
        self.how_to_get = compile_how_to_get(self)
        self.official_links = compile_official_links(self)
        self.check_unused()
        check_how_to_get_coverage(self)
        return self.expand_group_literals(
            {
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
                    sid: {k: v for k, v in src.items() if k not in ("read_at", "note")}
                    for sid, src in self.sources.items()
                },
                "how_to_get": self.how_to_get,
                **({"official_links": self.official_links} if self.official_links is not None else {}),
            }
        )

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
        # The registry also serves the guide pages (sitebuild/page_meta.py checks their ids).
        cited_by_pages = page_cited_sources(self.r.root.parent / "docs")
        for sid in self.sources:
            if sid not in self.used_sources and sid not in cited_by_pages:
                self.warn(src_file, "/sources/%s" % sid, "source %s is not cited by any rule or guide page" % sid)

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
        for table in (self.duties, self.how_to_get["steps"]):
            for item in table.values():
                if "when" in item:
                    yield item["when"]
