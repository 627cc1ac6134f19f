"""Site search finds the permanent-residence card page in both languages, by its everyday name."""
import pytest


@pytest.mark.browser
@pytest.mark.parametrize(
    "prefix, query, expected",
    [("", "Five-Star", "permanent-residence/"), ("zh/", "五星卡", "zh/permanent-residence/")],
    ids=["english", "chinese"],
)
def test_searching_the_card_s_nickname_finds_the_permanent_residence_page(recording_page, site_url, prefix, query, expected):
    page = recording_page.page
    page.goto(site_url + prefix, wait_until="networkidle")
    page.keyboard.press("/")  # Material's search shortcut: the keyboard path a reader would take
    search = page.locator(".md-search__input")
    results = page.locator(".md-search-result__item a")
    # The index loads in a worker after the page; a query typed before it is ready finds nothing, so retype.
    for _ in range(30):
        search.fill(query)
        search.press("End")  # Material searches on key-up; text typed through an IME arrives without one
        page.wait_for_timeout(500)
        if results.count():
            break
    hrefs = page.locator(".md-search-result__item a").evaluate_all("links => links.map(link => link.href)")
    assert any(href.startswith(site_url + expected) for href in hrefs[:3]), hrefs[:5]
    assert recording_page.outside_requests == []
