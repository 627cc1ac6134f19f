"""Each language's 404 page in its own folder, the default language's at the site root.

mkdocs-static-i18n builds every language into the same site folder, so each build writes its 404.html
over the last; the hooks keep each language's copy here and put them in place after the last build."""

from pathlib import Path

from .languages import languages

TEMPLATE = "404.html"
_rendered: dict[str, str] = {}


def keep(lang: str, html: str) -> None:
    """Remember the 404 page rendered by one language's build."""
    _rendered[lang] = html


def path_for(lang: str) -> str:
    """Where a language's 404 page belongs, relative to the site root: '404.html', 'zh/404.html'."""
    prefix = next(language.prefix for language in languages() if language.code == lang)
    return prefix + TEMPLATE


def home_links(directory_urls: bool = True) -> dict[str, str]:
    """Each language's home page relative to the site root: what a 404 page's language switch offers
    (it has no counterpart page; left alone, it kept the last page the language's build rendered)."""
    index = "" if directory_urls else "index.html"
    return {language.code: (language.prefix + index) or "." for language in languages()}


def root_from(lang: str) -> str:
    """The relative way from a language's 404 page up to the site root ('.', '..'): for the offline
    copy, whose pages are opened from file:// where a link from '/' names the disk's root."""
    return "/".join([".."] * path_for(lang).count("/")) or "."


def write_all(site_dir: Path) -> list[Path]:
    """Write every kept 404 page to its place; the root one ends up in the default language."""
    written = []
    for lang, html in _rendered.items():
        target = site_dir / path_for(lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        written.append(target)
    _rendered.clear()
    return written
