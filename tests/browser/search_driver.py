"""Drives Material's search box the way a reader does, for the browser tests."""


def search_results(page, query: str) -> list[str]:
    """Type the query into the search box and return the result links (absolute URLs)."""
    page.keyboard.press("/")
    search, results = page.locator(".md-search__input"), page.locator(".md-search-result__item a")
    for _ in range(30):  # the index loads after the page: retype until it answers
        search.fill(query)
        search.press("End")
        page.wait_for_timeout(300)
        if results.count():
            break
    return results.evaluate_all("links => links.map(link => link.href)")
