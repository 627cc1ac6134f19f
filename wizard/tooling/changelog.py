"""The dated policy changes (rules/changelog.yaml): their checks against the rules, and the
"What changed" page body (markdown, newest first) for one language."""

from pathlib import Path

from wizard.engine import format_date

from . import cldr
from .yamlfiles import load

CHANGELOG_FILE = "changelog.yaml"
PLACEHOLDER = "<!-- policy-changes -->"
# Punctuation around an entry: "date: text (source; source)"; Chinese uses full-width marks.
# A catalogue's meta.punctuation overrides these (full-width in Chinese and Japanese).
_DEFAULT_PUNCTUATION = {"colon": ": ", "opening": " (", "separator": "; ", "closing": ")"}


def check(loaded, policy_ids, sources, languages, problems):
    """Each change's policy and source ids exist, and it has a text in every language."""
    for i, change in enumerate(loaded.data["changes"]):
        ptr = "/changes/%d" % i
        if "policy" in change and change["policy"] not in policy_ids:
            problems.add(
                loaded, ptr + "/policy", "unknown policy %r (no policies/*.yaml has this id)" % change["policy"]
            )
        for j, sid in enumerate(change["sources"]):
            if sid not in sources:
                problems.add(loaded, "%s/sources/%d" % (ptr, j), "unknown source %r (not in sources.yaml)" % sid)
        for lang in sorted(set(languages) - set(change["text"])):
            problems.add(loaded, ptr + "/text", "no %s text for this change" % lang)
        for lang in sorted(set(change["text"]) - set(languages)):
            problems.add(loaded, ptr + "/text/" + lang, "%r is not a language of the message catalogues" % lang)


def _date(iso, meta):
    return format_date(meta, iso)


def _escape(text):
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("*", "\\*")


def _source(src, lang):
    title = _escape(src.get("title_" + lang, src["title"]))
    return "[%s](%s)" % (title, src["url"]) if src.get("url") else title


def page_markdown(rules_dir, lang, policy=None):
    """The list of changes for `lang`, newest first, each with its date and linked sources; only
    `policy`'s changes if given (a guide's "How the list changed")."""
    rules_dir = Path(rules_dir)
    changes = load(rules_dir / CHANGELOG_FILE, "rules/" + CHANGELOG_FILE).data["changes"]
    sources = load(rules_dir / "sources.yaml", "rules/sources.yaml").data["sources"]
    meta = load(rules_dir / "messages" / ("%s.yaml" % lang), "rules/messages/%s.yaml" % lang).data["meta"]
    meta = cldr.with_cldr(lang, meta)
    punctuation = {**_DEFAULT_PUNCTUATION, **meta.get("punctuation", {})}
    colon, opening, separator, closing = (punctuation[key] for key in ("colon", "opening", "separator", "closing"))
    lines = []
    for change in sorted(changes, key=lambda c: c["date"], reverse=True):
        if policy is not None and change.get("policy") != policy:
            continue
        cited = separator.join(_source(sources[sid], lang) for sid in change["sources"])
        lines.append(
            "- **%s**%s%s%s%s%s"
            % (_date(change["date"], meta), colon, _escape(change["text"][lang]), opening, cited, closing)
        )
    return "\n".join(lines) + "\n"
