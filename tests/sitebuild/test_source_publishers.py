"""Page source checks: a source off the publisher list, a home page given as a source, or a page the
text cites without listing it is reported as `file: reason`."""

import datetime as dt

from sitebuild import page_sources

DOMAINS = ("gov.cn", "news.cn")
LAW = {"publisher": "NPC", "title": "Law", "url": "https://flk.npc.gov.cn/detail?id=1", "date": dt.date(2012, 6, 30)}


def test_a_page_citing_only_listed_original_pages_has_no_problems():
    text = "Under [Article 22](https://flk.npc.gov.cn/detail?id=1#a22) (NPC, 2012-06-30), ask [NIA](https://www.nia.gov.cn/)."
    assert page_sources.source_problems([LAW], text, "en/x.md", DOMAINS) == []


def test_a_source_on_a_mirror_domain_is_named_with_the_file():
    mirror = {**LAW, "url": "http://www.ming7.cn/china/law.htm"}
    problems = page_sources.source_problems([mirror], "", "en/x.md", DOMAINS)
    assert problems == [
        "en/x.md: sources[0].url http://www.ming7.cn/china/law.htm is not on an accepted publisher's "
        "domain (rules/publishers.yaml); cite the original publisher and keep a copy in read_at"
    ]


def test_a_home_page_given_as_a_source_is_reported():
    home = {**LAW, "url": "http://www.npc.gov.cn/"}
    assert page_sources.source_problems([home], "", "en/x.md", DOMAINS) == [
        "en/x.md: sources[0].url http://www.npc.gov.cn/ is a site's home page; cite the page that says it"
    ]


def test_a_page_the_text_links_to_but_does_not_list_is_reported():
    text = "See the [announcement](https://www.nia.gov.cn/n741440/n741577/c1.html)."
    assert page_sources.source_problems([LAW], text, "en/x.md", DOMAINS) == [
        "en/x.md: the text cites https://www.nia.gov.cn/n741440/n741577/c1.html, which is missing from the page's sources"
    ]


def test_a_dated_citation_without_a_source_of_that_date_is_reported_in_either_language():
    text = "Extended (NIA, 2025-11-03); 延期（国家移民管理局，2025-11-03）; adopted (NPC, 2012-06-30)."
    problems = page_sources.source_problems([LAW], text, "en/x.md", DOMAINS)
    assert problems == [
        'en/x.md: the text cites "NIA, 2025-11-03" but no source in the front matter is dated 2025-11-03',
        'en/x.md: the text cites "国家移民管理局, 2025-11-03" but no source in the front matter is dated 2025-11-03',
    ]


def test_a_chinese_dated_citation_is_read_as_its_iso_date():
    text = "延期（国家移民管理局，2025年11月3日）；通过（全国人大常委会，2012年6月30日）。"
    problems = page_sources.source_problems([LAW], text, "zh/x.md", DOMAINS)
    assert problems == [
        'zh/x.md: the text cites "国家移民管理局, 2025-11-03" but no source in the front matter is dated 2025-11-03'
    ]


def test_links_inside_code_blocks_are_not_citations():
    text = "```\n[copy](http://www.ming7.cn/x.htm)\n```\n"
    assert page_sources.source_problems([], text, "en/x.md", DOMAINS) == []
