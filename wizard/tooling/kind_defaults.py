"""Per-kind defaults of rules/how-to-get.yaml and rules/official-links.yaml: an outcome with no
entry of its own takes the list under `defaults:` for its kind (every consular visa the same steps
and links); compiled out, so the bundle and the engine see one list per outcome."""


def check_and_resolve(compiler, loaded, data, check_item):
    """{outcome id: list} with each outcome's own entry, else its kind's default (outcomes of a kind
    with no default have none). Checks each default's items with check_item(pointer, item), that a
    default's kind is some outcome's, and that no own entry repeats its kind's default."""
    defaults = data.get("defaults", {})
    kinds = {outcome["kind"] for outcome in compiler.outcomes.values()}
    for kind, listed in defaults.items():
        if kind not in kinds:
            compiler.err(loaded, "/defaults/%s" % kind, "no outcome is of kind %r" % kind)
        for i, item in enumerate(listed):
            check_item("/defaults/%s/%d" % (kind, i), item)
    own = data["outcomes"]
    for oid, listed in own.items():
        kind = compiler.outcomes.get(oid, {}).get("kind")
        if kind in defaults and listed == defaults[kind]:
            compiler.err(
                loaded,
                "/outcomes/%s" % oid,
                "the entry of %r repeats the default for %s outcomes (defaults/%s): remove it" % (oid, kind, kind),
            )
    resolved = {}
    for oid, outcome in compiler.outcomes.items():
        if oid in own:
            resolved[oid] = own[oid]
        elif outcome["kind"] in defaults:
            resolved[oid] = defaults[outcome["kind"]]
    return resolved
