"""The end notice a guide page shows for a dated policy, rendered at build time from the compiled
rules in the page's language: the end, whether anything was announced by the day the rules were
checked, the policy's last extension, and members whose own scheduled end has passed. A page
writes the marker once (`<!-- policy-end: unilateral_30 -->`); the facts stay in rules/."""

import re

from wizard.engine import format_date

from .ui_strings import ui_string

MARKER = re.compile(r"<!-- policy-end: ([a-z0-9_]+) -->")


def _date(bundle: dict, lang: str, iso: str) -> str:
    """A date as the wizard writes it in lang (the catalogue's date format and month names)."""
    return format_date(bundle["messages"][lang]["meta"], iso)


def notice_markdown(bundle: dict, lang: str, policy_id: str) -> str:
    """An admonition (Markdown) saying how and when the policy ends, in lang."""
    policy = bundle["policies"][policy_id]
    if not policy.get("valid_to"):
        raise ValueError(f"policy {policy_id!r} has no end date to show")
    dates = {
        "valid_to": _date(bundle, lang, policy["valid_to"]),
        "checked": _date(bundle, lang, policy["checked"]),
    }
    if policy["end"] == "final":
        body = [ui_string("policy_end_final", lang).format(**dates)]
    else:
        body = [ui_string("policy_end_scheduled", lang).format(**dates)]
        if policy.get("last_extended"):
            last = _date(bundle, lang, policy["last_extended"]["date"])
            body.append(ui_string("policy_end_extended_before", lang).format(last_extended=last))
        body.append(ui_string("policy_end_check", lang).format(**dates))
    names = bundle["country_names"][lang]
    for code in bundle["country_order"][lang]:
        for period in (policy.get("members") or {}).get(code, []):
            if period.get("end") == "scheduled" and period["valid_to"] < policy["valid_to"]:
                ended = {"country": names[code], "valid_to": _date(bundle, lang, period["valid_to"])}
                body.append(ui_string("policy_end_member", lang).format(**ended, checked=dates["checked"]))
    title = ui_string("policy_end_title", lang).format(**dates)
    lines = [f'!!! warning "{title}"']
    for paragraph in body:
        lines += ["    " + paragraph, ""]
    return "\n".join(lines).rstrip() + "\n"


def render(markdown: str, bundle: dict, lang: str) -> str:
    """markdown with every policy-end marker replaced by its notice."""
    return MARKER.sub(lambda m: notice_markdown(bundle, lang, m.group(1)), markdown)
