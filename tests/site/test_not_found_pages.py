"""Each language's 404 page is in its own language and folder; the root one, served for unknown URLs
in the default language, is English, on the web site and in the offline copy."""

import re
from urllib.parse import urljoin, urlsplit

import pytest

from testkit.built_html import is_external, read_page
from sitebuild.languages import languages
from sitebuild.ui_strings import ui_string


def lang_of(path):
    return re.search(r'<html lang="([^"]+)"', path.read_text("utf-8")).group(1)


@pytest.mark.parametrize("which", ["site", "offline_copy"])
def test_every_language_has_its_own_404_page_and_the_root_one_is_the_default_language(which, site_dir, offline_copy):
    root = site_dir if which == "site" else offline_copy.site_dir
    for language in languages():
        page = root / language.prefix / "404.html"
        assert page.is_file(), page
        assert lang_of(page) == language.code, page
    assert lang_of(root / "404.html") == "en"


def heading_of(path):
    return re.search(r"<h1[^>]*>(.*?)</h1>", path.read_text("utf-8"), re.S).group(1).strip()


@pytest.mark.parametrize("which", ["site", "offline_copy"])
def test_each_404_page_has_its_heading_in_its_own_language(which, site_dir, offline_copy):
    root = site_dir if which == "site" else offline_copy.site_dir
    for language in languages():
        assert heading_of(root / language.prefix / "404.html") == ui_string("not_found_heading", language.code)
    headings = {heading_of(root / language.prefix / "404.html") for language in languages()}
    assert len(headings) == len(languages()), "a language's 404 heading is another's"  # not a fallback


def test_each_404_page_switches_language_to_each_language_s_home(site_dir):
    # Not to whatever page the language's build rendered last (the webmasters page, once).
    homes = {language.code: "/" + language.prefix for language in languages()}
    for language in languages():
        page = read_page(site_dir / language.prefix / "404.html")
        # As the browser resolves them at a missing address: "/." is "/".
        landing = {
            lang: urlsplit(urljoin("http://host/no/such/page", href)).path for lang, href in page.alternates.items()
        }
        assert landing == homes, (language.code, page.alternates)


def test_the_offline_copy_s_404_pages_load_their_styles_and_links_from_file_urls(offline_copy):
    # From file:// a link from the server's root ("/assets/...") would name the disk's root.
    for language in languages():
        page = read_page(offline_copy.site_dir / language.prefix / "404.html")
        missing = [
            url
            for url in page.links + page.resources
            if not is_external(url)
            and not url.startswith(("#", "mailto:", "data:"))
            and not (page.path.parent / urlsplit(url).path).is_file()
        ]
        assert page.resources and not missing, (language.code, missing[:10])
