"""Checks and compiles rules/how-to-get.yaml: every outcome has its steps, every step exists,
cites known sources (per route where they differ) and links to a guide page that exists; and the catalogues' texts for them."""

import re

from . import guide_pages, kind_defaults

TOPICS_SECTION = "topics"
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def compile_how_to_get(compiler):
    """{'steps': {...}, 'outcomes': {...}} for the bundle; problems go to compiler's list."""
    loaded = compiler.r.single["how_to_get"]
    data = loaded.data
    steps = data["steps"]
    for sid, step in steps.items():
        compiler.check_sources(loaded, "/steps/%s/sources" % sid, step["sources"])
        if "when" in step:
            compiler.check_condition(loaded, "/steps/%s/when" % sid, step["when"])
        if compiler.docs_root is not None and "guide" in step:
            for problem in guide_pages.problems(compiler.docs_root, step["guide"], compiler.r.messages):
                compiler.err(loaded, "/steps/%s/guide" % sid, problem)

    def check_step(pointer, sid):
        if sid not in steps:
            compiler.err(loaded, pointer, "unknown step %r (not under steps:)" % sid)

    outcomes = kind_defaults.check_and_resolve(compiler, loaded, data, check_step)
    compiler.how_to_get_outcomes = outcomes
    for sid, step in steps.items():
        for oid, sources in step.get("sources_by_outcome", {}).items():
            ptr = "/steps/%s/sources_by_outcome/%s" % (sid, oid)
            compiler.check_sources(loaded, ptr, sources)
            if sid not in outcomes.get(oid, []):
                compiler.err(loaded, ptr, "outcome %r does not list step %r" % (oid, sid))
        for code, other in step.get("for_nationality", {}).items():
            if other not in steps:
                compiler.err(loaded, "/steps/%s/for_nationality/%s" % (sid, code), "unknown step %r" % other)
    for oid, listed in data["outcomes"].items():
        if oid not in compiler.outcomes:
            compiler.err(loaded, "/outcomes/%s" % oid, "%r is not an outcome (rules/outcomes/*.yaml)" % oid)
        for i, sid in enumerate(listed):
            check_step("/outcomes/%s/%d" % (oid, i), sid)
    return {"steps": steps, "outcomes": outcomes}


def check_coverage(compiler):
    """Every outcome has an entry and every step is used (after the outcome checks, whose
    problems about the outcomes themselves come first)."""
    loaded = compiler.r.single["how_to_get"]
    data, outcomes = loaded.data, compiler.how_to_get_outcomes
    for oid in sorted(set(compiler.outcomes) - set(outcomes)):
        compiler.err(
            loaded,
            "/outcomes",
            "outcome %r has no entry nor a default for its kind: every result says how to get it" % oid,
        )
    used = {sid for listed in outcomes.values() for sid in listed}
    used |= {other for sid in used for other in data["steps"].get(sid, {}).get("for_nationality", {}).values()}
    for sid in sorted(set(data["steps"]) - used):
        compiler.err(loaded, "/steps/%s" % sid, "step %r is defined but no outcome lists it" % sid)


def expected_texts(compiled):
    """The how_to_get catalogue section every language must define: headlines, steps, topics, and
    the official links' labels where the rules have links."""
    texts = {
        "headlines": set(compiled["outcomes"]),
        "steps": set(compiled["how_to_get"]["steps"]),
        TOPICS_SECTION: {step["topic"] for step in compiled["how_to_get"]["steps"].values()},
    }
    if "official_links" in compiled:
        texts["links"] = set(compiled["official_links"]["links"])
    return texts


def check_catalogue(loaded, compiled, problems):
    """Every headline, step and topic text present, nothing extra; headlines of outcomes with a
    policy may say {max_stay}, {valid_to} or {valid_from}; nothing else takes placeholders."""
    section = loaded.data.get("how_to_get", {})
    for part, ids in expected_texts(compiled).items():
        have = section.get(part, {})
        for key in sorted(ids - set(have)):
            problems.add(loaded, "/how_to_get/%s" % part, "missing translation: how_to_get %s %r" % (part, key))
        for key in sorted(set(have) - ids):
            problems.add(
                loaded, "/how_to_get/%s/%s" % (part, key), "%r is not an id of the rules (how_to_get %s)" % (key, part)
            )
        for key, text in have.items():
            names = _PLACEHOLDER.findall(text)
            allowed = set()
            if part == "headlines" and compiled["outcomes"].get(key, {}).get("policy"):
                allowed = {"max_stay", "valid_to", "valid_from"}
            for name in names:
                if name not in allowed:
                    problems.add(
                        loaded,
                        "/how_to_get/%s/%s" % (part, key),
                        "placeholder {%s} cannot be filled here; usable: %s"
                        % (name, ", ".join("{%s}" % n for n in sorted(allowed)) or "none"),
                    )
