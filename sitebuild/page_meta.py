"""Checks each guide page's front matter: the 'reviewed' date and its sources, cited by id of
rules/sources.yaml (`- S24`, or `- S08: "Art. 35"` to name the part relied on), resolved in the page's language.

A page that breaks the convention stops the build with its file, the id and a one-line reason.
"""

import datetime as dt
from collections.abc import Mapping

from .page_sources import Registry, load_registry, same_page

# A source that carries no date of its own says so; the date we read it would pass for its own date.
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


def _citation(item, where: str, registry: Registry) -> tuple[str, str | None]:
    """(id, part) of one front-matter item, or raise naming what is wrong with it."""
    if isinstance(item, str):
        return item, None
    if isinstance(item, Mapping) and len(item) == 1:
        ((sid, part),) = item.items()
        if isinstance(sid, str) and isinstance(part, str) and part.strip():
            return sid, part.strip()
    if isinstance(item, Mapping) and item.get("url"):
        url = str(item["url"])
        shown, hidden = registry.by_url.get(same_page(url)), registry.by_copy.get(same_page(url))
        if hidden:
            raise PageMetaError(
                f"{where} shows {url}, a copy that {hidden} in rules/sources.yaml keeps out of sight (read_at): cite {hidden}"
            )
        hint = f" (it is {shown})" if shown else "; add it to rules/sources.yaml first"
        raise PageMetaError(f"{where} is a URL-style citation of {url}: cite its id of rules/sources.yaml{hint}")
    raise PageMetaError(
        f'{where} must be a source id of rules/sources.yaml (S24) or an id with the part relied on (S08: "Art. 35")'
    )


def resolved_source(sid: str, part: str | None, entry: Mapping, lang: str) -> dict:
    """What the page footer shows of one source, in `lang` where the registry has it."""
    date = entry.get("date")
    return {
        "id": sid,
        "publisher": entry.get(f"publisher_{lang}", entry["publisher"]),
        "title": entry.get(f"title_{lang}", entry["title"]),
        "part": part,
        # No url: the original page was not found, and the title says so; the copy read is never shown.
        "url": entry.get("url"),
        "unopened": bool(entry.get("unopened")),
        "date": UNDATED if date is None else _as_date(date, f"rules/sources.yaml: {sid}.date"),
    }


def checked_meta(meta: dict, src_path: str, lang: str = "en", registry: Registry | None = None) -> dict:
    """Return {'reviewed': date, 'sources': [resolved source, ...]} from a page's front matter, or raise."""
    registry = load_registry() if registry is None else registry
    if "reviewed" not in meta:
        raise PageMetaError(f"{src_path}: front matter has no 'reviewed' date")
    reviewed = _as_date(meta["reviewed"], f"{src_path}: reviewed")
    sources = meta.get("sources", [])
    if not isinstance(sources, list):
        raise PageMetaError(f"{src_path}: 'sources' must be a list")
    checked = []
    for index, item in enumerate(sources):
        where = f"{src_path}: sources[{index}]"
        sid, part = _citation(item, where, registry)
        entry = registry.entries.get(sid)
        if entry is None:
            raise PageMetaError(f"{where} cites {sid}, which is not an id in rules/sources.yaml")
        checked.append(resolved_source(sid, part, entry, lang))
    return {"reviewed": reviewed, "sources": checked}
