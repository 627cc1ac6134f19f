"""One search index per language: mkdocs-static-i18n leaves one index of every language's pages at the
site root, so a Chinese query also found the Japanese pages (kanji) and every reader downloaded all
five languages. This splits it, each part with its own language's lunr pipeline."""

import json
from pathlib import Path

from .languages import Language, language_at, languages

INDEX = "search/search_index.json"
# Material's offline plugin inlines the index in this script for file:// (`var __index = …`).
OFFLINE_INDEX = "search/search_index.js"


def index_path(language: Language) -> str:
    """Where a language's index lives, relative to the site root ('search/…', 'zh/search/…')."""
    return language.prefix + INDEX


def own_index(code: str) -> str | None:
    """The index a page in this language reads instead of the root's; None for the default language."""
    return next(
        (index_path(language) for language in languages() if language.code == code and not language.default), None
    )


def split(merged: dict) -> dict[Language, dict]:
    """The merged index as one index per language, each telling lunr that language only."""
    parts: dict[Language, dict] = {
        language: {**merged, "config": {**merged["config"], "lang": [language.code]}, "docs": []}
        for language in languages()
    }
    for doc in merged["docs"]:
        parts[language_at(doc["location"])]["docs"].append(doc)
    return parts


def offline_script(parts: dict[Language, dict]) -> str:
    """The file:// index: Material loads the root's script wherever the page is, so it holds every
    language and hands Material the one the page is written in (its <html lang>)."""
    by_code = {language.code: index for language, index in parts.items()}
    default = next(language.code for language in parts if language.default)
    return (
        f"var __index = (function (all) {{ return all[document.documentElement.lang] || all[{json.dumps(default)}]; }})"
        f"({json.dumps(by_code, ensure_ascii=False, separators=(',', ':'))});\n"
    )


def write_per_language(site_dir: Path, offline: bool) -> None:
    """Replace the merged index with one per language (and, in the offline copy, the inlined script)."""
    merged = json.loads((site_dir / INDEX).read_text(encoding="utf-8"))
    parts = split(merged)
    for language, index in parts.items():
        target = site_dir / index_path(language)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    if offline:
        (site_dir / OFFLINE_INDEX).write_text(offline_script(parts), encoding="utf-8")
