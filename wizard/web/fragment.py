"""Reads and writes the URL fragment that holds a visitor's answers, keyed by question id.

The fragment comes from anyone's link, so it is treated as hostile: size-capped, parsed as plain
key=value pairs, never evaluated. The engine then judges each id and value.
"""

import re

MAX_FRAGMENT_LENGTH = 2000
MAX_PAIRS = 40
# Not a question id: names the answered question the visitor asked to change.
CHANGE_KEY = "_change"

# The pairs are read and written as urllib.parse's parse_qsl and urlencode do (the tests hold them to
# it), here because importing urllib.parse costs Pyodide about 50 ms of compiling on every cold start.
_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")


def _unquote_plus(text: str) -> str:
    """'+' as a space, then each run of %XX escapes as UTF-8 (bad bytes become U+FFFD)."""
    text = text.replace("+", " ")
    if "%" not in text:
        return text
    return _ESCAPES.sub(lambda run: bytes.fromhex(run.group().replace("%", "")).decode("utf-8", "replace"), text)


def _quote_plus(text: str) -> str:
    """Every byte of text's UTF-8 but the unreserved ones as %XX, a space as '+'."""
    return "".join(
        chr(byte) if byte in _UNRESERVED else "+" if byte == 0x20 else "%%%02X" % byte for byte in text.encode("utf-8")
    )


def read_pairs(text: str) -> list[tuple[str, str]]:
    """key=value pairs separated by '&'; a pair without '=' or with an empty value is skipped."""
    pairs = []
    for item in text.split("&"):
        key, equals, value = item.partition("=")
        if equals and value:
            pairs.append((_unquote_plus(key), _unquote_plus(value)))
    return pairs


def parse(fragment: str) -> tuple[dict[str, str], str | None, bool]:
    """Return (answers, question id to change, whether anything had to be cut off)."""
    text = (fragment or "").lstrip("#")
    truncated = len(text) > MAX_FRAGMENT_LENGTH
    pairs = read_pairs(text[:MAX_FRAGMENT_LENGTH])
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
    return "&".join(_quote_plus(key) + "=" + _quote_plus(value) for key, value in pairs)
