"""Rule facts that guide pages show, rendered at build time from the compiled rules in the page's
language: a page writes a marker once (`<!-- rules: countries unilateral_30 -->`) where the list,
count, end date or history goes, and the facts stay in rules/ (see BLOCKS for the names)."""

import posixpath
import re
from pathlib import Path

from wizard.engine import format_quantity
from wizard.tooling import changelog

from .paths import DOCS
from .policy_ends import _date
from .ui_strings import ui_string

MARKER = re.compile(r"<!-- rules: ([a-z-]+)(?: ([a-z0-9_]+))? -->")
# Anything that looks like a marker: one the strict pattern misses is a typo, not a comment.
LOOSE = re.compile(r"<!--\s*rules\b.*?-->")


class BlockError(ValueError):
    """A marker the build cannot render: unknown name, unknown policy, or a policy without the fact."""


def _policy(bundle: dict, policy_id: str | None) -> dict:
    if policy_id not in bundle["policies"]:
        raise BlockError(f"unknown policy {policy_id!r} (no rules/policies/*.yaml has this id)")
    return bundle["policies"][policy_id]


def _shown_periods(bundle: dict, lang: str, policy: dict) -> list[tuple[str, dict]]:
    """(country, its latest period) for every member not gone for good by the rules' date, ordered by
    start date, then by name in lang. A scheduled end that passed stays listed, with its own note."""
    order = {code: i for i, code in enumerate(bundle["country_order"][lang])}
    shown = []
    for code, periods in (policy.get("members") or {}).items():
        period = max(periods, key=lambda p: p["valid_from"])
        if period.get("end") == "final" and period["valid_to"] < bundle["reviewed"]:
            continue  # it left the list (the history says when)
        shown.append((code, period))
    return sorted(shown, key=lambda item: (item[1]["valid_from"], order[item[0]]))


def _term_on(policy: dict, day: str) -> dict:
    """The policy's terms on day, else its latest (a list announced but not yet started)."""
    for term in policy["terms"]:
        if (term.get("valid_from") or day) <= day <= (term.get("valid_to") or day):
            return term
    return max(policy["terms"], key=lambda t: t.get("valid_from") or "")


def _amount(bundle: dict, lang: str, n: int, unit: str) -> str:
    return format_quantity(bundle["messages"][lang]["meta"], n, unit)


def _since(bundle: dict, lang: str, period: dict) -> str:
    day = _date(bundle, lang, period["valid_from"])
    key = "rules_since_unconfirmed" if period.get("start_confirmed") is False else "rules_since"
    return ui_string(key, lang).format(date=day)


def _until(bundle: dict, lang: str, policy: dict, period: dict) -> str:
    if not period.get("valid_to"):
        return ui_string("rules_until_open", lang)
    dates = {"date": _date(bundle, lang, period["valid_to"]), "checked": _date(bundle, lang, policy["checked"])}
    if period["end"] == "scheduled" and period["valid_to"] < bundle["reviewed"]:
        return ui_string("rules_until_passed", lang).format(**dates)
    return ui_string("rules_until", lang).format(**dates)


def _stay(bundle: dict, lang: str, policy: dict, period: dict) -> str:
    term = _term_on(policy, bundle["reviewed"])
    text = ui_string("rules_stay", lang).format(
        stay=_amount(bundle, lang, period.get("max_stay", term["max_stay"]), term["unit"])
    )
    cap = period.get("cumulative")
    if cap:
        text += ui_string("rules_stay_cap", lang).format(
            days=_amount(bundle, lang, cap["max_days"], "days"),
            period=_amount(bundle, lang, cap["period_days"], "days"),
        )
    if period.get("terms_confirmed") is False:
        text += ui_string("rules_terms_unconfirmed", lang)
    return text


def countries(bundle: dict, lang: str, policy_id: str | None, rules_dir: Path, page: str) -> str:
    """A table of the policy's countries: since when, until when, and for how long each stay."""
    policy = _policy(bundle, policy_id)
    names = bundle["country_names"][lang]
    header = [ui_string(key, lang) for key in ("rules_country", "rules_since_heading", "rules_until_heading")]
    header.append(ui_string("rules_stay_heading", lang))
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for code, period in _shown_periods(bundle, lang, policy):
        cells = [names[code], _since(bundle, lang, period), _until(bundle, lang, policy, period)]
        cells.append(_stay(bundle, lang, policy, period))
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def names(bundle: dict, lang: str, policy_id: str | None, rules_dir: Path, page: str) -> str:
    """The countries of the policy's table as running text, in lang's alphabetical order."""
    order = {code: i for i, code in enumerate(bundle["country_order"][lang])}
    codes = sorted((code for code, _ in _shown_periods(bundle, lang, _policy(bundle, policy_id))), key=order.get)
    return ui_string("rules_name_separator", lang).join(bundle["country_names"][lang][code] for code in codes)


def count(bundle: dict, lang: str, policy_id: str | None, rules_dir: Path, page: str) -> str:
    """How many countries the policy's table lists (a number for running text)."""
    return str(len(_shown_periods(bundle, lang, _policy(bundle, policy_id))))


def end(bundle: dict, lang: str, policy_id: str | None, rules_dir: Path, page: str) -> str:
    """The policy's announced end, as a date in lang."""
    policy = _policy(bundle, policy_id)
    if not policy.get("valid_to"):
        raise BlockError(f"policy {policy_id!r} has no end date to show")
    return _date(bundle, lang, policy["valid_to"])


def history(bundle: dict, lang: str, policy_id: str | None, rules_dir: Path, page: str) -> str:
    """The policy's changes from rules/changelog.yaml, newest first, with their sources."""
    _policy(bundle, policy_id)
    return changelog.page_markdown(rules_dir, lang, policy=policy_id)


def _visas(bundle: dict) -> list[str]:
    return sorted({o["visa"] for o in bundle["outcomes"].values() if o.get("kind") == "visa"})


def visa_categories(bundle: dict, lang: str, policy_id: str | None, rules_dir: Path, page: str) -> str:
    """How many ordinary visa categories the rules hold (J1 and J2 are one category, J)."""
    return str(len({visa.rstrip("0123456789") for visa in _visas(bundle)}))


def visa_subtypes(bundle: dict, lang: str, policy_id: str | None, rules_dir: Path, page: str) -> str:
    """How many ordinary visa types the rules hold, counting sub-types (J1 and J2 are two)."""
    return str(len(_visas(bundle)))


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _guide_link(lang: str, guide: str, page: str) -> str:
    """The guide page of an outcome (`visas/tourism-l/`) as a Markdown link target relative to page,
    so that MkDocs checks it (a section's guide is its index.md). The offline build's bundle names
    guides as files (`visas/tourism-l.html`, `visas/index.html`): both forms lead to the same source."""
    guide = guide.partition("#")[0]
    if guide.endswith("/index.html"):
        guide = guide.removesuffix("index.html")
    elif guide.endswith(".html"):
        guide = guide.removesuffix(".html") + "/"
    target = guide.rstrip("/") + ".md"
    if not (DOCS / lang / target).exists():
        target = guide + "index.md"
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def visa_table(bundle: dict, lang: str, policy_id: str | None, rules_dir: Path, page: str) -> str:
    """One row per ordinary visa outcome: who it is for, its key documents, the stay and residence
    permit, and its guide (the outcome's title as the link), in lang."""
    keys = ("rules_visa_heading", "rules_who_heading", "rules_key_documents_heading")
    header = [ui_string(key, lang) for key in (*keys, "rules_visa_stay_heading", "rules_guide_heading")]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    texts = bundle["messages"][lang]["outcomes"]
    visas = sorted((o["visa"], oid) for oid, o in bundle["outcomes"].items() if o.get("kind") == "visa")
    for visa, oid in visas:
        text = texts[oid]
        missing = [key for key in ("who", "key_documents", "stay") if key not in text]
        if missing:
            raise BlockError(f"rules/messages/{lang}.yaml: outcomes.{oid} lacks {', '.join(missing)}")
        link = f"[{text['title']}]({_guide_link(lang, bundle['outcomes'][oid]['guide'], page)})"
        cells = [visa, text["who"], text["key_documents"], text["stay"]]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " | " + link + " |")
    return "\n".join(lines) + "\n"


H1 = re.compile(r"^# (.+?)(?:\s*\{#[\w-]+\})?\s*$", re.M)


def _page_title(lang: str, guide: str) -> str:
    """The title (first heading) of a guide page in lang: the link text that names the page."""
    for target in (guide.rstrip("/") + ".md", guide + "index.md"):
        path = DOCS / lang / target
        if path.exists():
            heading = H1.search(path.read_text(encoding="utf-8"))
            if heading:
                return heading.group(1)
            raise BlockError(f"docs/{lang}/{target} has no title (# heading)")
    raise BlockError(f"guide {guide!r} has no page in docs/{lang}/")


def purposes(bundle: dict, lang: str, policy_id: str | None, rules_dir: Path, page: str) -> str:
    """One row per answer of the purpose question, in its order and wording in lang, with the guide
    pages of rules/questions.yaml (`guides`), each named by its title."""
    question = next(q for q in bundle["questions"] if q["id"] == "purpose")
    header = [ui_string(key, lang) for key in ("rules_purpose_heading", "rules_guide_heading")]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    texts = bundle["messages"][lang]["options"]["purpose"]
    for option in question["options"]:
        if not option.get("guides"):
            raise BlockError(f"rules/questions.yaml: purpose {option['value']!r} has no guides")
        links = [f"[{_cell(_page_title(lang, guide))}]({_guide_link(lang, guide, page)})" for guide in option["guides"]]
        lines.append(f"| {_cell(texts[option['value']])} | {ui_string('rules_guide_separator', lang).join(links)} |")
    return "\n".join(lines) + "\n"


# name -> (renders it, takes a policy id)
BLOCKS = {
    "countries": (countries, True),
    "names": (names, True),
    "count": (count, True),
    "end": (end, True),
    "history": (history, True),
    "visa-categories": (visa_categories, False),
    "visa-subtypes": (visa_subtypes, False),
    "visa-table": (visa_table, False),
    "purposes": (purposes, False),
}


def render(markdown: str, bundle: dict, lang: str, rules_dir: Path, where: str = "page") -> str:
    """markdown with every rules marker replaced by its block; a bad marker is a BlockError naming
    where:line."""

    def block(match: re.Match) -> str:
        name, argument = match.group(1), match.group(2)
        line = markdown.count("\n", 0, match.start()) + 1
        try:
            if name not in BLOCKS:
                raise BlockError(f"unknown block {name!r} (known: {', '.join(sorted(BLOCKS))})")
            make, takes_policy = BLOCKS[name]
            if takes_policy != (argument is not None):
                raise BlockError(f"{name!r} {'needs a policy id' if takes_policy else 'takes no argument'}")
            return make(bundle, lang, argument, rules_dir, where)
        except BlockError as error:
            raise BlockError(f"{where}:{line}: {match.group(0)}: {error}") from None

    for loose in LOOSE.finditer(markdown):
        if not MARKER.fullmatch(loose.group(0)):
            line = markdown.count("\n", 0, loose.start()) + 1
            raise BlockError(f"{where}:{line}: {loose.group(0)}: not a marker (write <!-- rules: NAME [POLICY] -->)")
    return MARKER.sub(block, markdown)
