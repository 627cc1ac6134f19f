"""Message catalogue checks: every id and interface string translated in every language, nothing
extra, and placeholders that the engine can fill."""

import re

from wizard.engine import (
    NONE_OF_THESE,
    QUESTION_TYPES,
    UNKNOWN,
    UNKNOWN_IN_SENTENCE,
    UNKNOWN_PLACEHOLDER,
    UNKNOWN_REASON,
    UNKNOWN_WORDS,
)

from . import how_to_get
from .conditions_walk import questions_used

NOTICE_CODES = (
    "unknown_question",
    "invalid_value",
    "not_on_path",
    "rules_old",
    "policy_ends_soon",
    "end_not_announced",
    "end_not_announced_headline",
    "extended_before",
    "stay_cap",
    "terms_unconfirmed",
)
ERROR_CODES = ("bad_answers", "bad_language", "bad_date")
POLICY_PLACEHOLDERS = ("valid_from", "valid_to", "max_stay")
# Notices the engine fills in (policy data, present.Presenter.policy_notices; the end date of a
# policy ending soon), and the names they may use.
NOTICE_PLACEHOLDERS = {
    "end_not_announced": {"policy", "nationality", "valid_to", "checked", "max_stay"},
    "end_not_announced_headline": {"policy", "nationality", "valid_to", "checked", "max_stay"},
    "extended_before": {"last_extended"},
    "stay_cap": {"max_stay", "cap_days", "cap_period"},
    "policy_ends_soon": {"valid_to"},
}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def expected_ids(rules):
    """section -> set of ids every catalogue must define (options: question -> values)."""
    options = {}
    for q in rules["questions"]:
        kind = QUESTION_TYPES[q["type"]]
        labelled = {o["value"] for o in q.get("options", [])} | set(kind.fixed_options)
        if kind.multi_valued:
            labelled.add(NONE_OF_THESE)  # the exclusive box every tick-all question ends with
        if "unknown_means" in q:
            labelled |= {
                UNKNOWN,
                UNKNOWN_WORDS,
                UNKNOWN_REASON,
                UNKNOWN_IN_SENTENCE,
            }  # the "not sure" box and its words
        if labelled:
            options[kind.shared_section or q["id"]] = labelled
    return {
        "questions": {q["id"] for q in rules["questions"]}
        | {"%s_%s" % (q["id"], w["key"]) for q in rules["questions"] for w in q.get("wordings", [])},
        "options": options,
        "outcomes": set(rules["outcomes"]),
        "reasons": {r["id"] for route in rules["routes"] for r in route["reasons"]},
        "documents": set(rules["documents"]),
        "duties": set(rules["duties"]),
        "restrictions": set(rules["restrictions"]),
        "notices": set(NOTICE_CODES),
        "errors": set(ERROR_CODES),
    }


def allowed_placeholders(rules):
    """reason id -> names usable in its text (the intersection over every place it is used)."""
    named = rules["conditions"]
    policies = rules["policies"]
    allowed = {}
    for route in rules["routes"]:
        base = questions_used(route["when"], named)
        for reason in route["reasons"]:
            names = set(base)
            if "when" in reason:
                names |= questions_used(reason["when"], named)
            pid = reason.get("policy")
            if pid in policies:
                names |= {"valid_from", "max_stay"}
                policy = policies[pid]
                ends = policy["valid_to"] is not None or (
                    policy["members"] is not None
                    and all(p["valid_to"] for ps in policy["members"].values() for p in ps)
                )
                if ends:
                    names.add("valid_to")
                if policy["members"] is not None:
                    names.add("member_count")
            rid = reason["id"]
            allowed[rid] = names if rid not in allowed else allowed[rid] & names
    return allowed


def adopt_engine_notices(catalogues):
    """An older rule set's catalogues (lang -> LoadedFile; the policy diff compiles those) given this
    engine's notice codes: empty texts for codes they predate, none for codes since retired. The diff
    compares answers by id and never shows a notice's text."""
    for loaded in catalogues.values():
        notices = loaded.data.setdefault("notices", {})
        for code in NOTICE_CODES:
            notices.setdefault(code, "")
        for code in [c for c in notices if c not in NOTICE_CODES]:
            del notices[code]


def check(rules, catalogues, default_language, problems):
    """Check each catalogue (lang -> LoadedFile) against the compiled rules."""
    expected = expected_ids(rules)
    placeholders = allowed_placeholders(rules)
    if default_language not in catalogues:
        problems.add("rules/messages/%s.yaml" % default_language, "", "the default language has no catalogue")
    for lang, loaded in sorted(catalogues.items()):
        data = loaded.data
        if data["meta"]["language"] != lang:
            problems.add(loaded, "/meta/language", "says %r but the file is %s.yaml" % (data["meta"]["language"], lang))
        for section, ids in expected.items():
            have = data.get(section, {})
            if section == "options":
                for qid, values in sorted(ids.items()):
                    got = have.get(qid)
                    if got is None:
                        problems.add(loaded, "/options", "missing translation: options of question %r" % qid)
                        continue
                    for value in sorted(values - set(got)):
                        problems.add(
                            loaded, "/options/%s" % qid, "missing translation: option %r of question %r" % (value, qid)
                        )
                    for value in sorted(set(got) - values):
                        problems.add(
                            loaded, "/options/%s/%s" % (qid, value), "question %r has no option %r" % (qid, value)
                        )
                for qid in sorted(set(have) - set(ids)):
                    problems.add(loaded, "/options/%s" % qid, "no choice or yes/no question %r needs options" % qid)
                continue
            for key in sorted(ids - set(have)):
                problems.add(loaded, "/%s" % section, "missing translation: %s %r" % (section.rstrip("s"), key))
            for key in sorted(set(have) - ids):
                problems.add(loaded, "/%s/%s" % (section, key), "%r is not an id of the rules (%s)" % (key, section))
        _check_placeholders(loaded, data, placeholders, problems)
        how_to_get.check_catalogue(loaded, rules, problems)


def check_interface(catalogues, schema, problems):
    """Each catalogue (lang -> LoadedFile) has every interface string messages.schema.json describes
    (the schema refuses unknown ones), listed one by one so a new language's file shows all it lacks.
    A rule set older than the interface strings has none to check (the policy diff compiles those)."""
    keys = schema["properties"].get("interface", {}).get("properties", {})
    for _lang, loaded in sorted(catalogues.items()):
        have = loaded.data.get("interface", {})
        for key in keys:
            if key not in have:
                problems.add(loaded, "/interface", "missing translation: interface string %r" % key)


def _strings(node, pointer):
    if isinstance(node, str):
        yield pointer, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, "%s/%s" % (pointer, key))


def _check_placeholders(loaded, data, placeholders, problems):
    for section in (
        "questions",
        "options",
        "outcomes",
        "reasons",
        "documents",
        "duties",
        "restrictions",
        "notices",
        "errors",
        "interface",
    ):
        for pointer, text in _strings(data.get(section, {}), "/" + section):
            names = _PLACEHOLDER.findall(text)
            if section == "notices":
                _check_fillable(problems, loaded, pointer, names, NOTICE_PLACEHOLDERS.get(pointer.split("/")[2], set()))
                continue
            if section == "options" and pointer.rsplit("/", 1)[1] in (
                UNKNOWN_WORDS,
                UNKNOWN_REASON,
                UNKNOWN_IN_SENTENCE,
            ):
                # The words for "not sure" beside a number name the number the rules assume.
                _check_fillable(problems, loaded, pointer, names, {UNKNOWN_PLACEHOLDER})
                continue
            if section != "reasons":
                for name in names:
                    problems.add(
                        loaded, pointer, "placeholder {%s} is not allowed here; only reasons take placeholders" % name
                    )
                continue
            _check_fillable(problems, loaded, pointer, names, placeholders.get(pointer.split("/")[2], set()))


def _check_fillable(problems, loaded, pointer, names, allowed):
    """One problem per placeholder the engine cannot fill at this message."""
    for name in names:
        if name not in allowed:
            usable = ", ".join("{%s}" % n for n in sorted(allowed)) or "none"
            problems.add(loaded, pointer, "placeholder {%s} cannot be filled here; usable: %s" % (name, usable))
