"""Drives Material's search box the way a reader does, for the browser tests."""

# Material shows its translated placeholder under the box once its index is ready (until then, "Initializing
# search"), and after a query either results or its "none" text; the texts come from the page's own config.
_SHOWS = """([placeholder]) => {
  const texts = JSON.parse(document.getElementById('__config').textContent).translations;
  const meta = document.querySelector('.md-search-result__meta').textContent.trim();
  return document.querySelector('.md-search-result__item') !== null || meta === texts['search.result.none']
    || (placeholder && meta === texts['search.result.placeholder']);
}"""


def search_results(page, query: str) -> list[str]:
    """Type the query into the search box once its index is ready; return the result links (absolute URLs)."""
    page.keyboard.press("/")  # Material's search shortcut: the keyboard path a reader would take
    page.wait_for_function(_SHOWS, arg=[True], timeout=60000)  # the index loads in a worker after the page
    search = page.locator(".md-search__input")
    search.fill(query)
    search.press("End")  # Material searches on key-up; text typed through an IME arrives without one
    page.wait_for_function(_SHOWS, arg=[False])
    return page.locator(".md-search-result__item a").evaluate_all("links => links.map(link => link.href)")


def search_result_pages(recording_page, site_url, prefix, query):
    """Type the query into the site's search box the way a reader would; return the pages found, best first."""
    page = recording_page.page
    page.goto(site_url + prefix, wait_until="networkidle")
    links = search_results(page, query)
    # Material lists a page and then its matching sections; rank pages, not sections.
    pages = [link.split("#")[0].split("?")[0] for link in links]
    return list(dict.fromkeys(pages))
