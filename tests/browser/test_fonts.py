"""The machine that takes the browser tests' screenshots has a font for each site language's script
(fontconfig's language coverage), so a Japanese or Korean page is not drawn as boxes."""

import shutil
import subprocess

import pytest

from sitebuild.languages import languages

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_a_font_covers_the_language_s_script(language):
    assert shutil.which("fc-list"), "fontconfig is missing: make chromium installs what the browser tests need"
    found = subprocess.run(["fc-list", f":lang={language.code}", "family"], capture_output=True, text=True).stdout
    assert found.strip(), f"no font covers {language.code}: make chromium installs fonts-noto-cjk"


@pytest.mark.parametrize("code", ["ja", "ko"])
def test_the_cjk_fonts_cover_japanese_and_korean_before_their_pages_exist(code):
    assert "Noto" in subprocess.run(["fc-list", f":lang={code}", "family"], capture_output=True, text=True).stdout
