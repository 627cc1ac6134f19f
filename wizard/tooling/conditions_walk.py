"""Walk condition trees in the rules (their shape is the engine's OPERATORS table) and collect what
they test."""

from wizard.engine import OPERATORS


def iter_nodes(cond, pointer=""):
    """Yield (operator, argument, pointer) for every node of a condition tree."""
    ((op, arg),) = cond.items()
    yield op, arg, pointer + "/" + op
    nests = OPERATORS[op].nests
    if nests == "list":
        for i, sub in enumerate(arg):
            yield from iter_nodes(sub, "%s/%s/%d" % (pointer, op, i))
    elif nests == "one":
        yield from iter_nodes(arg, pointer + "/" + op)


def questions_used(cond, named, _seen=None):
    """Question ids a condition reads, following {ref: name} into named conditions."""
    seen = _seen if _seen is not None else set()
    used = set()
    for op, arg, _ in iter_nodes(cond):
        for place in OPERATORS[op].questions:
            qid = place.question(arg) if place.reads else None
            if qid is not None:
                used.add(qid)
        if op == "ref" and arg in named and arg not in seen:
            seen.add(arg)
            used |= questions_used(named[arg], named, seen)
    return used


def boxes_tested(cond, named, _seen=None):
    """Question id -> the boxes of a tick-all-that-apply answer a condition tests (`includes`),
    following {ref: name} into named conditions."""
    seen = _seen if _seen is not None else set()
    boxes: dict = {}
    for op, arg, _ in iter_nodes(cond):
        if op == "includes":
            boxes.setdefault(arg[0], set()).add(arg[1])
        elif op == "ref" and arg in named and arg not in seen:
            seen.add(arg)
            for qid, values in boxes_tested(named[arg], named, seen).items():
                boxes.setdefault(qid, set()).update(values)
    return boxes


def all_conditions(bundle):
    """Every condition in compiled rules, as (label, condition)."""
    for q in bundle["questions"]:
        if "ask_if" in q:
            yield "question %s" % q["id"], q["ask_if"]
        for opt in q.get("options", []):
            if "when" in opt:
                yield "option %s=%s" % (q["id"], opt["value"]), opt["when"]
        for wording in q.get("wordings", []):
            yield "wording %s_%s" % (q["id"], wording["key"]), wording["when"]
    for name, cond in bundle["conditions"].items():
        yield "condition %s" % name, cond
    for route in bundle["routes"]:
        yield "route %s" % route["id"], route["when"]
        for reason in route["reasons"]:
            if "when" in reason:
                yield "route %s reason %s" % (route["id"], reason["id"]), reason["when"]
    for doc_id, doc in bundle["documents"].items():
        if "when" in doc:
            yield "document %s" % doc_id, doc["when"]
    for outcome_id, outcome in bundle["outcomes"].items():
        for item in outcome.get("documents", []):
            if isinstance(item, dict) and "when" in item:
                yield "outcome %s document %s" % (outcome_id, item["doc"]), item["when"]
    for duty_id, duty in bundle["duties"].items():
        if "when" in duty:
            yield "duty %s" % duty_id, duty["when"]
    for step_id, step in bundle.get("how_to_get", {}).get("steps", {}).items():
        if "when" in step:
            yield "step %s" % step_id, step["when"]
