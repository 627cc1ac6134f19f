"""sitebuild/ui_strings.py: every language of the site has every theme string, with the same
placeholders as English; English stays the fallback only for a string asked for in a language
the site does not list."""

import re

import pytest

from sitebuild.languages import default_language, languages
from sitebuild.ui_strings import catalogue, ui_string

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _flat(strings: dict, prefix: str = "") -> dict[str, str]:
    flat = {}
    for key, value in strings.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = value
    return flat


@pytest.mark.parametrize("code", [lang.code for lang in languages() if not lang.default])
def test_every_language_of_the_site_has_every_theme_string_with_the_same_placeholders(code):
    english, translated = _flat(catalogue(default_language().code)), _flat(catalogue(code))
    assert sorted(set(english) - set(translated)) == [], f"strings/{code}.yml lacks these"
    assert sorted(set(translated) - set(english)) == [], f"strings/{code}.yml has keys English lacks"
    for key, text in english.items():
        assert set(PLACEHOLDER.findall(translated[key])) == set(PLACEHOLDER.findall(text)), key


def test_a_language_the_site_does_not_list_gets_the_english_string():
    assert ui_string("sources_heading", "xx") == catalogue(default_language().code)["sources_heading"]


def test_an_unknown_string_is_a_build_error_naming_the_english_file():
    with pytest.raises(KeyError, match="strings/en.yml"):
        ui_string("no_such_string", "zh")
