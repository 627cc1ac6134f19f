"""Interface strings of the theme (notice, sources, download texts, search dialog), one YAML file per
language, falling back to English. The wizard's own words are not here: they live in its catalogues,
rules/messages/<lang>.yaml (`interface:`), which the rule build holds complete.

Adding a language means adding strings/<lang>.yml with every key English has (a test holds each
language of the site to that); the English fallback only serves a language the site does not list.
"""

from functools import cache

import yaml

from .languages import default_language
from .paths import UI_STRINGS


@cache
def catalogue(lang: str) -> dict[str, str]:
    path = UI_STRINGS / f"{lang}.yml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def ui_string(key: str, lang: str) -> str:
    """The string for key in lang, else in English; an unknown key is a build error."""
    fallback = default_language().code
    for candidate in (lang, fallback):
        text = catalogue(candidate).get(key)
        if text is not None:
            return text
    raise KeyError(f"strings/{fallback}.yml has no interface string '{key}'")
