"""Site search finds the permanent-residence card's page in every language of the site, by the
card's name in that language's termbase (strings/<code>.termbase.yml): the expectation is data."""

import re

import pytest

from sitebuild.languages import languages
from sitebuild.translations import termbase

from search_driver import search_result_pages

CARD = re.compile(r"permanent resid\w* (ID )?card", re.I)
PAGE = "permanent-residence/"


def card_name(code: str, default: bool) -> str:
    """The card's name in the language: its termbase entry, or that entry's English for the default language."""
    other = next((language.code for language in languages() if not language.default), None)
    terms = termbase(other if default else code)["terms"]
    entry = next((term for term in terms if CARD.search(term.get("en", ""))), None)
    assert entry, f"strings/{code}.termbase.yml has no entry whose `en:` names the permanent residence card"
    return CARD.search(entry["en"]).group(0) if default else entry[code]


@pytest.mark.browser
@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_searching_the_card_s_name_in_each_language_finds_the_permanent_residence_page(
    recording_page, site_url, language
):
    query = card_name(language.code, language.default)
    pages = search_result_pages(recording_page, site_url, language.prefix, query)
    # Within what a phone shows without scrolling. Korean attaches particles to nouns and lunr has no
    # Korean stemmer, so a heading that names the card with a particle ('…신분증은 무엇입니까?', the
    # FAQ's) and headings with '외국인' outrank the card's own page, which stays fifth.
    assert site_url + language.prefix + PAGE in pages[:5], (query, pages[:5])
    assert recording_page.outside_requests == []
