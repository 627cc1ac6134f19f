"""The site's languages as the browser tests use them: each language's page prefix, and a spread of
costly cases over the languages (every case in the default language, each other language a share)."""

import pytest

from sitebuild.languages import default_language, languages

# Every site language, by code: its pages' prefix in the site.
PREFIXES = {language.code: language.prefix for language in languages()}


def spread(cases) -> list:
    """(case, prefix) params: each case in the default language and in one other language, taken in
    turn, so every language meets several cases and every case two languages, at twice the cost of
    one language rather than five times."""
    default = default_language()
    others = [language for language in languages() if not language.default]
    params = []
    for index, case in enumerate(cases):
        for language in (default, others[index % len(others)]):
            params.append(pytest.param(case, language.prefix, id=f"{case}-{language.code}"))
    return params
