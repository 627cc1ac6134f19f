"""Every guide page shows its sources and review date; the wizard cites sources per result instead
(and its embed for other sites' iframes, wizard-embed, shows nothing but the wizard)."""

from testkit.built_html import built_pages
from sitebuild.paths import DOCS
from sitebuild.translations import front_matter


def test_every_guide_page_lists_at_least_one_source():
    pages = [path for path in DOCS.rglob("*.md") if path.parent.name != "wizard" and path.stem != "wizard-embed"]
    unsourced = [
        str(path.relative_to(DOCS))
        for path in pages
        if not front_matter(path.read_text(encoding="utf-8")).get("sources")
    ]
    assert pages and not unsourced, unsourced


def test_every_built_page_shows_the_sources_and_review_block(site_dir):
    missing = [
        str(page.path.relative_to(site_dir))
        for page in built_pages(site_dir)
        if page.path.name != "404.html"
        and page.path.parent.name != "wizard-embed"
        and "cig-sources-heading" not in page.ids
    ]
    assert not missing, missing


def test_every_page_cites_original_publishers_and_lists_what_its_text_cites():
    from sitebuild import page_sources

    assert page_sources.report() == []


def test_a_copy_recorded_in_read_at_is_never_shown_on_the_built_pages(site_dir):
    from sitebuild.page_sources import load_registry

    copies = {address.rstrip("/") for address in load_registry().by_copy}
    shown = [
        str(page.path.relative_to(site_dir))
        for page in built_pages(site_dir)
        if any(copy in page.path.read_text(encoding="utf-8") for copy in copies)
    ]
    assert copies and not shown, shown


def test_a_page_without_sources_of_its_own_shows_its_review_date_under_no_empty_sources_heading(site_dir):
    from sitebuild.languages import languages
    from sitebuild.ui_strings import ui_string

    for language in languages():
        html = (site_dir / language.prefix / "wizard" / "index.html").read_text(encoding="utf-8")
        heading = html.split('id="cig-sources-heading">', 1)[1].split("</h2>", 1)[0]
        assert heading.startswith(ui_string("last_reviewed", language.code)), heading
        assert ui_string("sources_heading", language.code) not in heading, heading
