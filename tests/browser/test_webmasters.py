"""The webmasters' page in Chromium: its example links reach what they name in the real wizard, and
its builder makes a snippet that, copied onto a page of another origin, embeds the chosen wizard."""

import pytest

from testkit.static_server import serve

from embed_host import EmbedVisit, HostSite
from wizard_driver import current_question, wait_ready, wait_rendered

pytestmark = pytest.mark.browser


def test_each_example_link_on_the_webmasters_page_opens_the_wizard_where_it_says(recording_page, site_url):
    page = recording_page.page
    page.goto(site_url + "wizard/webmasters/")
    examples = page.eval_on_selector_all(
        "a[data-expect-question], a[data-expect-result]",
        "links => links.map(a => [a.href, a.dataset.expectQuestion || null, a.dataset.expectResult || null])",
    )
    assert len(examples) >= 6
    for href, question, result in examples:
        page.goto(href)
        wait_ready(page)
        wait_rendered(page)
        if question:
            assert current_question(page) == question, href
        else:
            assert page.locator(".wizard-result [data-outcome]").first.get_attribute("data-outcome") == result, href
        assert page.locator(".wizard-notice").count() == 0, href
    assert recording_page.outside_requests == []


@pytest.fixture
def host(tmp_path, site_url):
    with serve(tmp_path) as url:
        yield HostSite(tmp_path, url, site_url)


def test_the_builder_makes_a_snippet_that_embeds_the_chosen_wizard_on_another_origin(browser, site_url, host):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.goto(site_url + "wizard/webmasters/")
    page.select_option("#embed-lang", "zh")
    page.select_option("#embed-purpose", "study")
    page.select_option("#embed-nationality", "FR")
    page.check("#embed-theme-dark")
    snippet = page.input_value("#embed-snippet")
    assert 'data-lang="zh"' in snippet and 'data-answers="purpose=study&amp;nationality=FR"' in snippet
    assert 'data-theme="dark"' in snippet and f'src="{site_url}assets/wizard/embed.js"' in snippet
    page.click("#embed-copy")
    assert page.evaluate("navigator.clipboard.readText()") == snippet
    assert page.locator("#embed-copied").inner_text().strip()
    # The live preview is the same embed, with the same choices.
    preview = page.wait_for_selector("#embed-preview iframe[src*='zh/wizard-embed/']").content_frame()
    wait_ready(preview)
    wait_rendered(preview)
    assert current_question(preview) == "status"
    context.close()

    # Pasted into a page of another origin, the snippet embeds the same wizard.
    visit = EmbedVisit(browser, site_url, host.url)
    url = host.write(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Embassy</title>'
        f'<link rel="icon" href="data:,"></head><body>{snippet}</body></html>'
    )
    frame = visit.open(url)
    wait_rendered(frame)
    assert frame.evaluate("document.documentElement.lang") == "zh"
    assert frame.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert current_question(frame) == "status"
    visit.wait_fitted(frame)
    assert visit.requests_leaving({url}) == []
    visit.close()


def test_the_plain_iframe_snippet_embeds_the_chosen_wizard_where_scripts_are_stripped(browser, site_url, host):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "wizard/webmasters/")
    page.select_option("#embed-lang", "zh")
    page.select_option("#embed-purpose", "study")
    page.check("#embed-theme-dark")
    page.check("#embed-kind-iframe")
    snippet = page.input_value("#embed-snippet")
    assert snippet.startswith("<iframe ") and "<script" not in snippet
    assert f'src="{site_url}zh/wizard-embed/?theme=dark#purpose=study"' in snippet and 'title="' in snippet
    context.close()

    visit = EmbedVisit(browser, site_url, host.url)
    url = host.write(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Embassy</title>'
        f'<link rel="icon" href="data:,"></head><body>{snippet}</body></html>'
    )
    visit.page.goto(url)
    frame = visit.page.wait_for_selector("body > iframe").content_frame()
    wait_ready(frame)
    wait_rendered(frame)
    assert frame.evaluate("document.documentElement.lang") == "zh"
    assert current_question(frame) == "status"
    visit.close()
