"""The page footer (overrides/partials/page-sources.html) shows each source id of the page's front matter
with its title, publisher and date in the page's language, the part relied on, and 'not opened'."""

from types import SimpleNamespace

import jinja2
import yaml

from sitebuild.page_meta import checked_meta
from sitebuild.paths import DOCS, ROOT
from sitebuild.translations import front_matter
from sitebuild.ui_strings import ui_string


def _footer(lang: str, page: str) -> str:
    meta = front_matter((DOCS / lang / page).read_text(encoding="utf-8"))
    meta.update(checked_meta(meta, f"{lang}/{page}", lang))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True)
    env.globals["ui"] = ui_string
    # The build passes the compiled catalogue's interface strings; these are the same files, read directly.
    env.globals["wizard_ui"] = lambda lang: yaml.safe_load(
        (ROOT / "rules" / "messages" / f"{lang}.yaml").read_text(encoding="utf-8")
    )["interface"]
    template = env.get_template("partials/page-sources.html")
    config = SimpleNamespace(theme=SimpleNamespace(language=lang))
    return " ".join(template.render(page=SimpleNamespace(meta=meta), config=config).split())


def test_the_english_footer_shows_title_part_publisher_date_and_not_opened():
    html = _footer("en", "residence/lost-passport.md")
    assert (
        '<a href="http://www.npc.gov.cn/zgrdw/npc/xinwen/2012-06/30/content_1729013.htm" rel="noopener noreferrer">'
        "Exit and Entry Administration Law of the PRC (adopted 2012-06-30, in force 2013-07-01), Art. 35</a>"
        " (page not opened in review), Standing Committee of the National People&#39;s Congress, "
        'dated <time datetime="2012-06-30">2012-06-30</time>'
    ) in html


def test_the_chinese_footer_shows_the_chinese_title_and_publisher_where_the_registry_has_them():
    html = _footer("zh", "residence/lost-passport.md")
    assert (
        "中华人民共和国出境入境管理法（2012年6月30日通过，2013年7月1日起施行）第三十五条</a>"
        "（核对时未能打开原页面），全国人民代表大会常务委员会，"
        '日期 <time datetime="2012-06-30">2012-06-30</time>'
    ) in html


def test_a_source_whose_original_was_not_found_is_shown_without_a_link_and_never_its_copy():
    html = _footer("en", "visas/index.md")
    assert "Q1 visa (the embassy&#39;s own page was not found; read in a China Daily copy), Embassy of the PRC" in html
    assert "chinadaily.com.cn/nantong" not in html and "en.gxzf.gov.cn" not in html
