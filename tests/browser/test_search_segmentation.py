"""Material's search, with this site's search settings (mkdocs.yml) and lunr's languages for the
site's languages plus Russian, Japanese and Korean, finds words inside unspaced Japanese text
(TinySegmenter, shipped with Material, no CDN) while Chinese (jieba at build time) still works.

A small real MkDocs site, built in seconds: it proves the settings before the translations land."""

import subprocess
import sys

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from sitebuild.languages import languages
from sitebuild.paths import ROOT
from testkit.static_server import serve

from search_driver import search_result_pages

# One short page per language (test data, not the guide's text), and what a reader types.
PAGES = {
    "en": "# Card\n\nThe permanent residence card, known as the Five-Star card.\n",
    "zh": "# 永久居留\n\n外国人永久居留身份证，俗称五星卡。\n",
    "ja": "# 永住\n\n外国人永住者身分証は、中国での永住が認められた外国人の身分証明書です。ビザの種類も説明します。\n",
    "ko": "# 영주\n\n외국인 영주권 카드는 중국에서 영주를 허가받은 외국인의 신분증입니다. 비자의 종류도 설명합니다.\n",
    "ru": "# Вид на жительство\n\nКарта постоянного жителя для иностранцев. Визы и их виды.\n",
}
QUERIES = [
    ("永住", "ja/"),
    ("ビザ", "ja/"),
    ("身分証", "ja/"),
    ("五星卡", "zh/"),
    ("영주권", "ko/"),
    ("비자", "ko/"),
    ("визы", "ru/"),
    ("Five-Star", ""),
]


def _search_settings() -> dict:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as stream:
        plugins = yaml_load(stream)["plugins"]
    settings = next(dict(p["search"]) for p in plugins if isinstance(p, dict) and "search" in p)
    settings["jieba_dict_user"] = str(ROOT / settings["jieba_dict_user"])
    # What the i18n plugin's reconfigure_search makes of the site's languages once these are among them.
    codes = [language.code for language in languages()]
    settings["lang"] = codes + [code for code in ("ru", "ja", "ko") if code not in codes]
    return settings


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    project = tmp_path_factory.mktemp("search-segmentation")
    docs = project / "docs"
    for code, text in PAGES.items():
        path = docs / ("index.md" if code == "en" else f"{code}.md")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = {
        "site_name": "t",
        "theme": {"name": "material", "font": False},
        "plugins": [{"search": _search_settings()}],
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=project, capture_output=True
    )
    assert built.returncode == 0, built.stderr.decode()[-2000:]
    with serve(project / "site") as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("query, expected", QUERIES, ids=[query for query, _ in QUERIES])
def test_search_finds_words_in_every_script_with_the_site_s_settings(recording_page, site_url, query, expected):
    pages = search_result_pages(recording_page, site_url, "", query)
    assert pages[:1] == [site_url + expected], pages
    assert recording_page.outside_requests == []
