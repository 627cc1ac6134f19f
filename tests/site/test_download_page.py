"""The download page offers the offline copy this build made, with its real size and rules date, in every
language; inside the copy the same page says which rules the copy carries."""

import re

import pytest

from sitebuild.download_page import download_html, megabytes
from sitebuild.languages import languages
from sitebuild.paths import ROOT


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_the_download_page_links_the_bundle_with_its_size_and_rules_date(site_dir, offline_copy, language):
    html = (site_dir / language.prefix / "download" / "index.html").read_text("utf-8")
    link = re.search(r'<a class="md-button md-button--primary" href="([^"]+)" download>', html)
    assert link, "no download link"
    target = (site_dir / language.prefix / "download" / link.group(1)).resolve()
    assert target.read_bytes() == (offline_copy.directory / offline_copy.info.file).read_bytes()
    assert megabytes(offline_copy.info.zipped_bytes) in html and megabytes(offline_copy.info.unpacked_bytes) in html
    assert offline_copy.info.rules_reviewed in html


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_inside_the_bundle_the_download_page_names_the_rules_date_and_offers_no_download(offline_copy, language):
    html = (offline_copy.site_dir / language.prefix / "download.html").read_text("utf-8")
    assert 'class="cig-download"' in html and offline_copy.info.rules_reviewed in html
    assert " download>" not in html


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_a_build_without_an_offline_copy_says_so_instead_of_linking_one(language):
    html = download_html(None, language.code, "../")
    assert html.startswith('<p class="cig-download cig-download--missing">')
    assert "<a " not in html and " download>" not in html
    # It tells whoever runs the site which make targets to run: they must exist.
    named = re.findall(r"make ([a-z-]+)", html)
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "offline-copy" in named and all(re.search(rf"^{target}:", makefile, re.M) for target in named), named


def test_the_bundle_holds_every_language_and_the_file_runtime(offline_copy):
    assert (offline_copy.site_dir / "pyodide" / "pyodide.asm.wasm.js").exists()
    for language in languages():
        assert (offline_copy.site_dir / language.prefix / "index.html").exists()
