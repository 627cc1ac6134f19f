"""Reads and writes the URL fragment that holds a visitor's answers, keyed by question id.

The fragment comes from anyone's link, so it is treated as hostile: size-capped, parsed as plain
key=value pairs, never evaluated. The engine then judges each id and value.
"""

from urllib.parse import parse_qsl, urlencode

MAX_FRAGMENT_LENGTH = 2000
MAX_PAIRS = 40
# Not a question id: names the answered question the visitor asked to change.
CHANGE_KEY = "_change"


def parse(fragment: str) -> tuple[dict[str, str], str | None, bool]:
    """Return (answers, question id to change, whether anything had to be cut off)."""
    text = (fragment or "").lstrip("#")
    truncated = len(text) > MAX_FRAGMENT_LENGTH
    pairs = parse_qsl(text[:MAX_FRAGMENT_LENGTH], keep_blank_values=False)
    truncated = truncated or len(pairs) > MAX_PAIRS
    answers: dict[str, str] = {}
    change = None
    for key, value in pairs[:MAX_PAIRS]:
        if key == CHANGE_KEY:
            change = value
        else:
            answers[key] = value
    return answers, change, truncated


def build(answers: dict[str, str], change: str | None = None) -> str:
    """The fragment (without '#') for these answers, in the given order."""
    pairs = list(answers.items())
    if change:
        pairs.append((CHANGE_KEY, change))
    return urlencode(pairs)
