"""Checks that need every path walked: each ends in a route, every question and outcome is reached,
reason placeholders are filled, and the path invariants hold (wizard/tooling/invariants.py)."""

import re

from wizard.engine import FALLBACK_OUTCOME, Engine

from .invariants import Invariants
from .walk import Enumerator


def deep_check(bundle, build_date, compiler, problems):
    """Walk every path from the build date: each must end in a route; all must be reachable."""
    try:
        engine = Engine(bundle)
    except Exception as exc:  # noqa: BLE001 - a compile-time bug in the rules the static checks missed
        problems.add(compiler.r.single["routes"], "", "the engine cannot load these rules: %s" % exc)
        return
    asked, reached, dead, checked, unfilled = set(), set(), None, set(), {}
    needs = _reason_placeholders(bundle)
    invariants = Invariants(engine)
    for leaf in Enumerator(engine, build_date.isoformat()).walk():
        invariants.observe(leaf)
        asked.update(leaf.values)
        reached.update(leaf.outcomes())
        if leaf.decision.primary is None and dead is None:
            dead = dict(leaf.values)
        if id(leaf.decision) not in checked:  # decisions are shared between equivalent leaves
            checked.add(id(leaf.decision))
            matches = ([leaf.decision.primary] if leaf.decision.primary else []) + leaf.decision.alternatives
            for _, reasons in matches:
                for rid, _policy in reasons:
                    for lang, qids in needs.get(rid, {}).items():
                        missing = [q for q in qids if q not in leaf.values]
                        if missing and (lang, rid) not in unfilled:
                            unfilled[(lang, rid)] = (missing[0], dict(leaf.values))
    questions = compiler.r.single["questions"]
    if dead is not None:
        last = list(dead)[-1] if dead else ""
        i = next((n for n, q in enumerate(bundle["questions"]) if q["id"] == last), 0)
        path = "&".join("%s=%s" % kv for kv in dead.items())
        problems.add(questions, "/questions/%d" % i, "answers route nowhere (no route matches): %s" % path)
    for (lang, rid), (qid, values) in sorted(unfilled.items()):
        path = "&".join("%s=%s" % kv for kv in values.items())
        problems.add(
            compiler.r.messages[lang],
            "/reasons/%s" % rid,
            "placeholder {%s} is unanswered on a path that shows this reason: %s" % (qid, path),
        )
    reported = set()
    for kind, oid, values in invariants.problems:
        if (kind, oid) in reported:  # one line per broken invariant and outcome
            continue
        reported.add((kind, oid))
        path = "&".join("%s=%s" % kv for kv in values.items())
        problems.add(compiler.outcome_files[oid], "/outcomes/%s" % oid, "%s: %s" % (kind, path))
    for i, q in enumerate(bundle["questions"]):
        if q["id"] not in asked:
            problems.add(questions, "/questions/%d" % i, "unreachable question %r: no path asks it" % q["id"])
    for oid, loaded in compiler.outcome_files.items():
        if oid not in reached and oid != FALLBACK_OUTCOME:
            problems.add(
                loaded, "/outcomes/%s" % oid, "unreachable outcome %r: no path from %s leads to it" % (oid, build_date)
            )


def _reason_placeholders(bundle):
    """reason id -> lang -> question ids its text fills in."""
    qids = {q["id"] for q in bundle["questions"]}
    out = {}
    for lang, messages in bundle["messages"].items():
        for rid, text in messages["reasons"].items():
            names = [n for n in re.findall(r"\{([a-z_0-9]+)\}", text) if n in qids]
            if names:
                out.setdefault(rid, {})[lang] = names
    return out
