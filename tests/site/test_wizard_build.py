"""What the build writes for newcomers: an OPEN-ME file in the unzipped offline copy, the Chinese
snippet builder preset to Chinese, the embed's visible title, and named search dialogs."""

import json

import pytest

from sitebuild.languages import languages
from sitebuild.offline_copy import OPEN_ME
from sitebuild.search_index import index_path
from sitebuild.ui_strings import ui_string


def test_the_unzipped_offline_copy_has_an_open_me_file_linking_each_language_s_home(offline_copy):
    page = (offline_copy.site_dir / OPEN_ME).read_text(encoding="utf-8")
    assert "<script" not in page
    for language in languages():
        href = f"{language.prefix}index.html"
        assert f'href="{href}"' in page and (offline_copy.site_dir / href).exists(), href
        assert ui_string("open_me_link", language.code) in page


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_each_language_s_snippet_builder_starts_in_its_language_and_offers_every_language(site_dir, language):
    html = (site_dir / language.prefix / "wizard" / "webmasters" / "index.html").read_text(encoding="utf-8")
    assert f'<option value="{language.code}" selected>' in html
    for other in languages():
        assert f'<option value="{other.code}"' in html, other.code


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_every_page_s_search_dialog_has_a_name(site_dir, language):
    html = (site_dir / language.prefix / "visas" / "index.html").read_text(encoding="utf-8")
    assert f'role="dialog" aria-label="{ui_string("search_dialog", language.code)}"' in html


def test_search_speaks_every_site_language_from_files_the_site_ships(site_dir):
    # Each language's own index (sitebuild/search_index.py) names its language; Material's search loads
    # lunr's stemmers (and TinySegmenter for Japanese) from the site itself.
    lunr = site_dir / "assets" / "javascripts" / "lunr"
    for language in languages():
        index = json.loads((site_dir / index_path(language)).read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [language.code]
        assert index["docs"] and all(doc["location"].startswith(language.prefix) for doc in index["docs"])
        assert language.code == "en" or (lunr / "min" / f"lunr.{language.code}.min.js").exists(), language.code
    assert "ja" not in [language.code for language in languages()] or (lunr / "tinyseg.js").exists()
