"""Checks and compiles rules/official-links.yaml: each link is a known source with a URL (or a
phone number), each outcome's links (its own, or its kind's default) exist, and an outcome without
links is a warning."""

from . import kind_defaults


def compile_official_links(compiler):
    """{'links': {id: {url, phone, source}}, 'by_nationality': ..., 'outcomes': ...} for the bundle,
    or None when the rules have no such file (rule sets from before it)."""
    loaded = compiler.r.single.get("official_links")
    if loaded is None:
        return None
    data = loaded.data
    links = {}
    for lid, link in data["links"].items():
        compiler.check_sources(loaded, "/links/%s/source" % lid, [link["source"]])
        source = compiler.sources.get(link["source"], {})
        if "phone" not in link and not source.get("url"):
            compiler.err(loaded, "/links/%s" % lid, "link %r has neither a phone number nor a source with a url" % lid)
        links[lid] = {"source": link["source"], "url": source.get("url"), "phone": link.get("phone")}
    by_nationality = data.get("by_nationality", {})
    for code, swaps in by_nationality.items():
        for old, new in swaps.items():
            for pointer, lid in (("", old), ("/" + old, new)):
                if lid not in links:
                    compiler.err(loaded, "/by_nationality/%s%s" % (code, pointer), "unknown link %r" % lid)

    def check_link(pointer, lid):
        if lid not in links:
            compiler.err(loaded, pointer, "unknown link %r (not under links:)" % lid)

    outcomes = kind_defaults.check_and_resolve(compiler, loaded, data, check_link)
    for oid, listed in data["outcomes"].items():
        if oid not in compiler.outcomes:
            compiler.err(loaded, "/outcomes/%s" % oid, "%r is not an outcome (rules/outcomes/*.yaml)" % oid)
        for i, lid in enumerate(listed):
            check_link("/outcomes/%s/%d" % (oid, i), lid)
    for oid in sorted(set(compiler.outcomes) - set(outcomes)):
        compiler.warn(
            loaded, "/outcomes", "outcome %r has no official links: its result links only to the guides" % oid
        )
    return {"links": links, "by_nationality": by_nationality, "outcomes": outcomes}
