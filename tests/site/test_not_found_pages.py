"""Each language's 404 page is in its own language and folder; the root one, served for unknown URLs
in the default language, is English, on the web site and in the offline copy."""

import re

import pytest

from sitebuild.languages import languages


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
