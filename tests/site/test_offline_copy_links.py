"""In the offline copy every local link names a file: from file:// a link to a folder opens a folder
listing, not its index page. The wizard's links to guides (from Python) are checked the same way."""

import json
from urllib.parse import urlsplit

from testkit.built_html import built_pages, is_external
from sitebuild.wizard_page import guide_url


def test_every_local_link_in_the_bundle_names_an_existing_file(offline_copy):
    problems = []
    for page in built_pages(offline_copy.site_dir):
        for href in page.links:
            path = urlsplit(href).path
            if is_external(href) or not path or href.startswith(("mailto:", "tel:", "javascript:")):
                continue
            target = page.path.parent / path
            if not target.is_file():
                problems.append(f"{page.path.relative_to(offline_copy.site_dir)} -> {href}")
    assert not problems, "\n".join(problems[:30])


def test_the_wizard_s_guide_links_in_the_bundle_name_existing_pages(offline_copy):
    rules = json.loads((offline_copy.site_dir / "assets" / "wizard" / "bundle.json").read_text("utf-8"))
    guides = {outcome["guide"] for outcome in rules["outcomes"].values() if outcome.get("guide")}
    assert guides and all(guide.endswith(".html") for guide in guides)
    for language in ("", "zh/"):
        missing = [guide for guide in guides if not (offline_copy.site_dir / language / guide).is_file()]
        assert not missing, missing


def test_guide_urls_keep_directory_style_on_the_web_and_name_files_in_the_bundle():
    assert guide_url("visas/study-x/") == "visas/study-x/"
    assert guide_url("visas/study-x/", directory_urls=False) == "visas/study-x.html"
    assert guide_url("residence/", directory_urls=False) == "residence/index.html"
