"""Walk condition trees in the rules: check their references and collect what they test."""

LEAF_QUESTION_OPS = ("equals", "in", "includes", "lt", "le", "gt", "ge")


def iter_nodes(cond, pointer=""):
    """Yield (operator, argument, pointer) for every node of a condition tree."""
    ((op, arg),) = cond.items()
    yield op, arg, pointer + "/" + op
    if op in ("all", "any"):
        for i, sub in enumerate(arg):
            yield from iter_nodes(sub, "%s/%s/%d" % (pointer, op, i))
    elif op == "not":
        yield from iter_nodes(arg, pointer + "/not")


def questions_used(cond, named, _seen=None):
    """Question ids a condition reads, following {ref: name} into named conditions."""
    seen = _seen if _seen is not None else set()
    used = set()
    for op, arg, _ in iter_nodes(cond):
        if op in LEAF_QUESTION_OPS:
            used.add(arg[0])
        elif op == "same":
            used.update(arg)
        elif op == "answered":
            used.add(arg)
        elif op in ("member", "within_terms", "in_force"):
            used.update(v for k, v in arg.items() if k in ("country", "on", "stay", "purpose"))
        elif op == "date_matters" and "country" in arg:  # reads the nationality, not the date
            used.add(arg["country"])
        elif op == "ref" and arg in named and arg not in seen:
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
