"""Meaning checks and compilation of policies: members, terms, date ranges that overlap, end soon or
pass a scheduled end unreviewed (a review alarm, not an error), and their sources."""

import datetime as _dt

from .conditions_walk import iter_nodes

# Codes people often write for these countries (not ISO 3166-1): named in the error.
LIKELY_CODES = {"UK": "GB", "EL": "GR", "KO": "KR"}


class PolicyChecks:
    """Compiles the policies (a part of checks.Compiler; its state is the Compiler's)."""

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
            p_from, p_to, p_end = d.get("valid_from"), d.get("valid_to"), _end_kind(d)
            checked = str(d.get("reviewed", self.r.single["index"].data["reviewed"]))
            self.check_range(loaded, "", p_from, p_to, p_end, checked)
            if "last_extended" in d:
                self.check_sources(loaded, "/last_extended/sources", d["last_extended"]["sources"])
            terms = []
            for i, term in enumerate(d["terms"]):
                ptr = "/terms/%d" % i
                self.check_sources(loaded, ptr + "/sources", term["sources"])
                t_from, t_to = term.get("valid_from", p_from), term.get("valid_to", p_to)
                t_end = _end_kind(term) if "valid_to" in term else p_end
                self.check_range(loaded, ptr, t_from, t_to, t_end, checked, explicit_end=_own_end(term, p_to))
                self.check_inside(loaded, ptr, t_from, t_to, p_from, p_to)
                for j, purpose in enumerate(term.get("purposes", [])):
                    if purpose not in purposes and purpose not in self.groups.get("purpose", {}):
                        self.err(
                            loaded,
                            "%s/purposes/%d" % (ptr, j),
                            "%r is not a value or group of the purpose question" % purpose,
                        )
                for k, other in enumerate(terms):
                    if _overlap(t_from, t_to, other["valid_from"], other["valid_to"]):
                        self.err(loaded, ptr, "terms overlap with /terms/%d: a date must have one set of terms" % k)
                entry = dict(term)
                if "purposes" in entry:  # a group (questions.yaml) stands for its purposes
                    entry["purposes"] = self.expand_groups("purpose", entry["purposes"])
                entry["valid_from"], entry["valid_to"], entry["end"] = t_from, t_to, t_end
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
                    m_end = _end_kind(m) if "valid_to" in m else p_end
                    self.check_range(loaded, ptr, m_from, m_to, m_end, checked, explicit_end=_own_end(m, p_to))
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
                    period = {"valid_from": m_from, "valid_to": m_to, "end": m_end, "sources": m["sources"]}
                    for key in ("max_stay", "cumulative", "terms_confirmed", "start_confirmed"):
                        if key in m:
                            period[key] = m[key]
                    periods.append(period)
            out[pid] = {
                "valid_from": p_from,
                "valid_to": p_to,
                "end": p_end,
                "checked": checked,
                "last_extended": d.get("last_extended"),
                "sources": d["sources"],
                "terms": terms,
                "members": members,
            }
        self.policy_files = files
        return out

    def check_range(self, loaded, ptr, start, end, end_kind, checked, explicit_end=True):
        """A range's order, and what its end means on the build date: a scheduled end within the
        warning window is a warning; one already passed with no review since is a review alarm
        (the wizard then says no extension was announced). Neither stops the build: the same
        commit compiles the same on any day, and `make release` refuses to publish an alarm."""
        if start and end and end < start:
            self.err(loaded, ptr + "/valid_to", "valid_to %s is before valid_from %s" % (end, start))
            return
        if end is None or not explicit_end or end_kind != "scheduled":
            return  # no end, the policy's own end (checked once, on the policy), or an end announced as final
        where = ptr + "/valid_to"
        if end < self.build and checked <= end:
            self.alarm(
                loaded,
                where,
                "review alarm: the scheduled end %s has passed (on %s) and nobody has reviewed it since %s: "
                "record the extension (a new valid_to and its source), or mark it end: final if it really "
                "ended; until then the wizard says no extension was announced" % (end, self.build, checked),
            )
        elif end < self.build:
            self.warn(
                loaded,
                where,
                "passed on %s with no word on what follows as of the review of %s: the wizard says no "
                "extension was announced; check again for news" % (end, checked),
            )
        elif self.build <= end <= self.warn_until:
            days = (_dt.date.fromisoformat(end) - _dt.date.fromisoformat(self.build)).days
            self.warn(
                loaded,
                where,
                "ends in %d days (on %s, a scheduled end): check whether it was extended" % (days, end),
            )

    def check_travel_date_reads_every_dated_policy(self):
        """The travel-date question is asked when some policy's dates matter for the answers given so
        far (`date_matters` in its ask_if, through named conditions): a dated policy missing there
        would silently be answered for today instead of the travel date."""
        # An older rule set (the policy diff compiles those) may predate policy_questions: no check.
        date_qid = self.r.single["index"].data.get("policy_questions", {}).get("date")
        question = next((q for q in self.questions if q["id"] == date_qid), None)
        if question is None or question["type"] != "date" or "ask_if" not in question:
            return  # no date question (check_settings in bundle.py says so), or one always asked
        read = policies_read_for_dates(question["ask_if"], self.named)
        for pid, loaded in self.policy_files.items():
            if pid not in read and _has_dates(loaded.data):
                self.err(
                    loaded,
                    "/id",
                    "policy %r has dates, but the %r question's ask_if never asks whether they matter: add "
                    "{date_matters: {policy: %s, ...}} to the condition it uses (e.g. travel_date_matters in "
                    "conditions.yaml)" % (pid, date_qid, pid),
                )

    def check_inside(self, loaded, ptr, start, end, p_from, p_to):
        if p_from and start and start < p_from:
            self.err(loaded, ptr + "/valid_from", "starts %s, before its policy (%s)" % (start, p_from))
        if p_to and end and end > p_to:
            self.err(loaded, ptr + "/valid_to", "ends %s, after its policy (%s)" % (end, p_to))


def _end_kind(entry):
    """`final` or `scheduled`; an older rule set (the policy diff compiles those) has no `end`: its
    ends count as scheduled, which only adds notices, never a visa-free answer."""
    return entry.get("end", "scheduled") if "valid_to" in entry else None


def policies_read_for_dates(cond, named, _seen=None):
    """Ids of the policies whose dates a condition reads (`date_matters`), following named conditions."""
    seen = _seen if _seen is not None else set()
    found = set()
    for op, arg, _ in iter_nodes(cond):
        if op == "date_matters":
            found.add(arg["policy"])
        elif op == "ref" and arg in named and arg not in seen:
            seen.add(arg)
            found |= policies_read_for_dates(named[arg], named, seen)
    return found


def _has_dates(policy):
    """True when a policy, one of its terms or one of its members starts or ends on a date."""
    entries = [policy, *policy.get("terms", []), *policy.get("members", [])]
    return any("valid_from" in e or "valid_to" in e for e in entries)


def _own_end(entry, policy_end):
    """True when a term or member ends on a date of its own, not on its policy's (checked there)."""
    return "valid_to" in entry and entry["valid_to"] != policy_end


def _overlap(a_from, a_to, b_from, b_to):
    lo = max(a_from or "0000-00-00", b_from or "0000-00-00")
    hi = min(a_to or "9999-99-99", b_to or "9999-99-99")
    return lo <= hi
