"""ISO dates as strings: validation and day arithmetic, for answers, policies and today."""

import datetime as _dt
import re

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_iso(text: object) -> _dt.date | None:
    """Return a date for a strict YYYY-MM-DD string, else None."""
    if not isinstance(text, str) or not _ISO.match(text):
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return None


def add_days(iso: str, days: int) -> str:
    """The ISO date `days` after `iso` (negative for before)."""
    return (_dt.date.fromisoformat(iso) + _dt.timedelta(days=days)).isoformat()


def in_range(iso: str, start: str | None, end: str | None) -> bool:
    """True when start <= iso <= end; a None bound is open. ISO strings compare as dates."""
    return (start is None or start <= iso) and (end is None or iso <= end)
