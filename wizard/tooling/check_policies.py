"""Meaning checks and compilation of policies: members, terms, date ranges that overlap, end or
expire, and their sources."""

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


def _overlap(a_from, a_to, b_from, b_to):
    lo = max(a_from or "0000-00-00", b_from or "0000-00-00")
    hi = min(a_to or "9999-99-99", b_to or "9999-99-99")
    return lo <= hi
