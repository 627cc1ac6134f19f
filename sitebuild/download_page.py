"""The download page's block: the offline copy's link, size and rules date on the web site (or a
note when this build has none); inside the offline copy itself, which rules it carries."""

import shutil
from pathlib import Path

from .html_templates import render
from .offline_copy import OfflineCopyInfo, copy_dir, read_info, zip_path
from .ui_strings import ui_string

PLACEHOLDER = "<!-- offline-download -->"
DOWNLOADS = "downloads"


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}"


def _text(key: str, lang: str, **values) -> str:
    return ui_string(key, lang).format(**values)


def download_html(info: OfflineCopyInfo | None, lang: str, site_root: str) -> str:
    """On the web site: the offline copy's link, size and rules date, or a note that this build has none."""
    if info is None:
        return render("download.html", offline_copy=None, missing_text=_text("download_missing", lang))
    offline_copy = {
        "href": f"{site_root}{DOWNLOADS}/{info.file}",
        "link_text": _text("download_link", lang),
        "size_text": _text(
            "download_size", lang, zipped=megabytes(info.zipped_bytes), unpacked=megabytes(info.unpacked_bytes)
        ),
        "rules_text": _text("download_rules", lang, date=info.rules_reviewed, built=info.built),
    }
    return render("download.html", offline_copy=offline_copy)


def inside_copy_html(lang: str, rules_reviewed: str) -> str:
    """Inside the offline copy itself: which rules this copy carries."""
    return render("download-inside-copy.html", text=_text("download_inside", lang, date=rules_reviewed))


def current_info() -> OfflineCopyInfo | None:
    return read_info(copy_dir())


def publish(site_dir: Path) -> Path | None:
    """Copy the offline copy into site_dir/downloads/ when there is one; return its path in the site."""
    info = current_info()
    if info is None:
        return None
    target = site_dir / DOWNLOADS / info.file
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(zip_path(copy_dir()), target)
    return target
