"""Checks each guide page's front matter: the 'reviewed' date and its list of sources.

A page that breaks the convention stops the build with its file and a one-line reason.
"""

import datetime as dt
from urllib.parse import urlparse

SOURCE_KEYS = ("publisher", "title", "url", "date")
# A page that carries no date of its own says so; the date we read it would pass for its own date.
UNDATED = "undated"


class PageMetaError(ValueError):
    """A page's front matter does not follow the convention (see CONTRIBUTING.md)."""


def _as_date(value, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise PageMetaError(f"{where}: '{value}' is not a date (YYYY-MM-DD)") from None


def checked_meta(meta: dict, src_path: str) -> dict:
    """Return {'reviewed': date, 'sources': [...]} from a page's front matter, or raise."""
    if "reviewed" not in meta:
        raise PageMetaError(f"{src_path}: front matter has no 'reviewed' date")
    reviewed = _as_date(meta["reviewed"], f"{src_path}: reviewed")
    sources = meta.get("sources", [])
    if not isinstance(sources, list):
        raise PageMetaError(f"{src_path}: 'sources' must be a list")
    checked = []
    for index, source in enumerate(sources):
        where = f"{src_path}: sources[{index}]"
        if not isinstance(source, dict):
            raise PageMetaError(f"{where} must be a mapping with {', '.join(SOURCE_KEYS)}")
        missing = [key for key in SOURCE_KEYS if not source.get(key)]
        if missing:
            raise PageMetaError(f"{where} lacks {', '.join(missing)}")
        if urlparse(str(source["url"])).scheme not in ("http", "https"):
            raise PageMetaError(f"{where}.url is not an http(s) address: {source['url']}")
        date = UNDATED if source["date"] == UNDATED else _as_date(source["date"], f"{where}.date")
        checked.append({**source, "date": date})
    return {"reviewed": reviewed, "sources": checked}
