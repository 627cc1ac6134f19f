"""What the policy diff prints: the changes of the rule files themselves (questions, options,
policy members, wording), then the answer paths whose advice changes, grouped by kind of change.
"""

import time

from .diff_walk import JointWalk


def static_changes(old, new):
    """Lines on what changed in the rule data itself (two compiled bundles)."""
    lines = _question_changes(old["questions"], new["questions"]) + _policy_changes(old["policies"], new["policies"])
    worded = _wording_changes(old["messages"], new["messages"])
    if worded:
        shown = ", ".join("%s (%s)" % (key, ", ".join(langs)) for key, langs in worded[:20])
        more = " and %d more" % (len(worded) - 20) if len(worded) > 20 else ""
        lines.append("wording changed (same ids, new text; not compared per path): %s%s" % (shown, more))
    return lines


def _question_changes(old, new):
    old_q, new_q = {q["id"]: q for q in old}, {q["id"]: q for q in new}
    lines = []
    if list(old_q) != list(new_q):
        added_removed = _plus_minus(list(old_q), list(new_q))
        lines.append("questions: %s" % (added_removed or "asked in a new order"))
    for qid in (q for q in new_q if q in old_q):
        before, after = old_q[qid], new_q[qid]
        options = _plus_minus(
            [o["value"] for o in before.get("options", [])], [o["value"] for o in after.get("options", [])]
        )
        if options:
            lines.append("options of %s: %s" % (qid, options))
        for field in ("type", "min", "max", "days_from_today", "countries"):
            if before.get(field) != after.get(field):
                lines.append("question %s: %s %s -> %s" % (qid, field, before.get(field), after.get(field)))
    return lines


def _policy_changes(old, new):
    lines = []
    for pid in sorted(set(old) | set(new)):
        before, after = old.get(pid), new.get(pid)
        if before is None or after is None:
            lines.append("policy %s: %s" % (pid, "added" if before is None else "removed"))
            continue
        notes = [
            "%s changed" % field
            for field in ("valid_from", "valid_to", "terms")
            if before.get(field) != after.get(field)
        ]
        members_before, members_after = before.get("members") or {}, after.get("members") or {}
        members = _plus_minus(sorted(members_before), sorted(members_after))
        if members:
            notes.append("members %s" % members)
        changed = sorted(c for c in members_after if c in members_before and members_after[c] != members_before[c])
        if changed:
            notes.append("membership dates or terms changed for %s" % ", ".join(changed))
        if notes:
            lines.append("policy %s: %s" % (pid, "; ".join(notes)))
    return lines


def _wording_changes(old, new):
    """[(message id, [languages])] whose text differs, for languages in both catalogues."""
    changed = {}
    for lang in sorted(set(old) & set(new)):
        before, after = _flatten(old[lang]), _flatten(new[lang])
        for key in sorted(set(before) | set(after)):
            if before.get(key) != after.get(key):
                changed.setdefault(key, []).append(lang)
    return sorted(changed.items())


def _flatten(tree, prefix=""):
    if not isinstance(tree, dict):
        return {prefix: tree}
    out = {}
    for key, value in tree.items():
        out.update(_flatten(value, "%s.%s" % (prefix, key) if prefix else str(key)))
    return out


def _plus_minus(before, after):
    """'+added -removed' between two lists ('' when none)."""
    return " ".join(_added_removed(before, after))


SECTIONS = (
    ("outcome", "Primary outcome (OLD -> NEW)"),
    ("alternatives", "Alternatives (+ added, - removed)"),
    ("checklist", "Checklists, per outcome shown by both (+ document added, - removed)"),
    ("duties", "Duties, per outcome shown by both (+ added, - removed)"),
    ("only", "Paths only one rule set has (the other does not accept one of the answers)"),
)


def changes(old, new):
    """The changes from OLD's advice to NEW's on one path, each (section, label): one per
    outcome change, alternative, document or duty added or removed."""
    if old.refused is not None or new.refused is not None:
        if new.refused is None:
            return [("only", "only in NEW: OLD does not accept %s=%s" % old.refused)]
        if old.refused is None:
            return [("only", "only in OLD: NEW does not accept %s=%s" % new.refused)]
        return []
    out = []
    if old.primary != new.primary:
        out.append(("outcome", "%s -> %s" % (old.primary, new.primary)))
    # An alternative that became the primary outcome, or the reverse, is said by the outcome line.
    out += [
        ("alternatives", label)
        for label in _added_removed(
            [o for o in old.alternatives if o != new.primary], [o for o in new.alternatives if o != old.primary]
        )
    ]
    for outcome in (o for o in (new.primary,) + new.alternatives if o in old.checklists):
        for section, before, after in (
            ("checklist", old.checklists, new.checklists),
            ("duties", old.duties, new.duties),
        ):
            out += [(section, "%s: %s" % (outcome, label)) for label in _added_removed(before[outcome], after[outcome])]
    return out


def _added_removed(before, after):
    return ["+%s" % x for x in after if x not in before] + ["-%s" % x for x in before if x not in after]


class Group:
    """The paths that share one kind of change."""

    __slots__ = ("paths", "countries", "without_nationality", "fragments", "outcomes")

    def __init__(self):
        self.paths = 0
        self.countries = set()
        self.without_nationality = 0
        self.fragments = []
        self.outcomes = {}  # for paths only one rule set has: the outcome it gives


class Report:
    """Runs the joint walk of two engines and groups the paths by kind of change."""

    def __init__(self, old_engine, new_engine, today):
        started = time.perf_counter()
        self.walk = JointWalk(old_engine, new_engine, today)
        self.total = self.changed = 0
        self.groups = {}
        self.all_countries = set(old_engine.bundle["countries"]["nationality"]) | set(
            new_engine.bundle["countries"]["nationality"]
        )
        self.walk.walk(self._observe)
        self.seconds = time.perf_counter() - started

    def _observe(self, answers, old, new):
        """Count one joint path and file it under each change it shows."""
        self.total += 1
        kinds = changes(old, new)
        if not kinds:
            return
        self.changed += 1
        fragment = self.walk.fragment(answers)
        reps = [answers[q] for q in self.walk.nationality_questions if q in answers]
        present = new if old.refused is not None else old
        for kind in kinds:
            group = self.groups.get(kind)
            if group is None:
                group = self.groups[kind] = Group()
            group.paths += 1
            group.fragments.append(fragment)
            if reps:
                for rep in reps:
                    group.countries.update(self.walk.classes.get(rep, [rep]))
            else:
                group.without_nationality += 1
            if kind[0] == "only":
                group.outcomes[present.primary] = group.outcomes.get(present.primary, 0) + 1

    def lines(self, max_examples):
        if not self.groups:
            return ["no advice changes (%d answer paths compared in %.1f s)" % (self.total, self.seconds)]
        out = [
            "%d of %d answer paths change advice (compared in %.1f s; %d nationality classes)"
            % (self.changed, self.total, self.seconds, len(self.walk.classes))
        ]
        for section, title in SECTIONS:
            groups = sorted(
                ((label, group) for (kind, label), group in self.groups.items() if kind == section),
                key=lambda item: (-item[1].paths, item[0]),
            )
            if not groups:
                continue
            out += ["", "== %s ==" % title]
            for label, group in groups:
                out.append("%s: %d path%s" % (label, group.paths, "" if group.paths == 1 else "s"))
                if group.outcomes:
                    out.append(
                        "  outcomes there: %s"
                        % ", ".join(
                            "%s (%d)" % kv for kv in sorted(group.outcomes.items(), key=lambda kv: (-kv[1], kv[0]))
                        )
                    )
                out.append("  nationalities: %s" % self._countries(group))
                for fragment in _spread(group.fragments, max_examples):
                    out.append("  e.g. #%s" % fragment)
        return out

    def _countries(self, group):
        codes = sorted(group.countries)
        if not codes:
            text = "not asked on these paths"
        elif group.countries >= self.all_countries:
            text = "all %d" % len(codes)
        elif len(codes) > len(self.all_countries) / 2:  # name the fewer: those left out
            left_out = sorted(self.all_countries - group.countries)
            text = "all but (%d) %s" % (len(left_out), ", ".join(left_out))
        else:
            text = "(%d) %s" % (len(codes), ", ".join(codes))
        if codes and group.without_nationality:
            text += " (and %d paths that do not ask it)" % group.without_nationality
        return text


def _spread(items, count):
    """`count` items spread evenly over the list (first, ..., last), in order."""
    if count <= 0 or not items:
        return []
    if len(items) <= count:
        return list(items)
    if count == 1:
        return [items[0]]
    return [items[round(i * (len(items) - 1) / (count - 1))] for i in range(count)]
