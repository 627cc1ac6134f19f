"""The site's languages, read from the i18n plugin's entry in mkdocs.yml (their one source of truth)."""

from dataclasses import dataclass
from functools import cache

from mkdocs.utils.yaml import yaml_load

from .paths import ROOT


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool
    # The site's name in the language (the i18n entry's site_name, else mkdocs.yml's own).
    site_name: str = ""

    @property
    def prefix(self) -> str:
        """Where the language's pages live in the built site, relative to its root."""
        return "" if self.default else f"{self.code}/"


@cache
def languages() -> tuple[Language, ...]:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as stream:
        config = yaml_load(stream)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return tuple(
                Language(
                    entry["locale"],
                    entry["name"],
                    bool(entry.get("default")),
                    entry.get("site_name") or config["site_name"],
                )
                for entry in plugin["i18n"]["languages"]
            )
    raise LookupError("mkdocs.yml has no i18n plugin entry")


def default_language() -> Language:
    return next(language for language in languages() if language.default)


def language_at(path: str) -> Language:
    """The language whose folder holds a path of the built site (the default language's is the root)."""
    return next(
        (language for language in languages() if not language.default and path.startswith(language.prefix)),
        default_language(),
    )
