"""Page source checks: what the text links to or cites by date must be among the page's sources, a
link to a copy the registry keeps out of sight is named with its id, and the registry itself shows
no copy and holds each URL once."""

import datetime as dt
from pathlib import Path

from sitebuild import page_sources

DOMAINS = ("gov.cn", "news.cn")
LAW = {
    "id": "S08",
    "publisher": "NPC",
    "title": "Law",
    "url": "https://flk.npc.gov.cn/detail?id=1",
    "date": dt.date(2012, 6, 30),
}
COPIES = [{"host": "subsites.chinadaily.com.cn", "why": "China Daily local subsites"}]
REGISTRY = page_sources.registry_from(
    {
        "S08": {"publisher": "NPC", "title": "Law", "url": "https://flk.npc.gov.cn/detail?id=1", "date": "2012-06-30"},
        "S11": {
            "publisher": "Embassy",
            "title": "Q1 visa",
            "read_at": "subsites.chinadaily.com.cn/nantong/c_1.htm (copy)",
        },
    },
    COPIES,
)


def test_a_page_citing_only_listed_original_pages_has_no_problems():
    text = "Under [Article 22](https://flk.npc.gov.cn/detail?id=1#a22) (NPC, 2012-06-30), ask [NIA](https://www.nia.gov.cn/)."
    assert page_sources.source_problems([LAW], text, "en/x.md", REGISTRY, DOMAINS) == []


def test_a_page_the_text_links_to_but_does_not_list_is_reported():
    text = "See the [announcement](https://www.nia.gov.cn/n741440/n741577/c1.html)."
    assert page_sources.source_problems([LAW], text, "en/x.md", REGISTRY, DOMAINS) == [
        "en/x.md: the text cites https://www.nia.gov.cn/n741440/n741577/c1.html, which is missing from the page's sources"
    ]


def test_a_link_to_a_copy_kept_in_read_at_is_reported_with_the_entry_s_id():
    text = "Read [the copy](http://subsites.chinadaily.com.cn/nantong/c_1.htm)."
    assert page_sources.source_problems([LAW], text, "en/x.md", REGISTRY, DOMAINS) == [
        "en/x.md: the text links to http://subsites.chinadaily.com.cn/nantong/c_1.htm, a copy that S11 in "
        "rules/sources.yaml keeps out of sight (read_at)"
    ]


def test_a_dated_citation_without_a_source_of_that_date_is_reported_in_either_language():
    text = "Extended (NIA, 2025-11-03); 延期（国家移民管理局，2025-11-03）; adopted (NPC, 2012-06-30)."
    problems = page_sources.source_problems([LAW], text, "en/x.md", REGISTRY, DOMAINS)
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
    assert page_sources.source_problems([], text, "en/x.md", REGISTRY, DOMAINS) == []


def test_a_registry_entry_showing_a_copy_host_fails_with_its_id_and_the_host():
    registry = page_sources.registry_from(
        {"S05": {"publisher": "China Daily", "title": "T", "url": "https://subsites.chinadaily.com.cn/gz/c_6.htm"}},
        COPIES,
    )
    assert page_sources.registry_problems(registry) == [
        "rules/sources.yaml: S05 shows https://subsites.chinadaily.com.cn/gz/c_6.htm, a copy (subsites.chinadaily.com.cn: "
        "China Daily local subsites); cite the original publisher and keep the copy in read_at"
    ]


def test_a_registry_entry_showing_what_another_keeps_in_read_at_fails_with_both_ids():
    registry = page_sources.registry_from(
        {
            "S41": {
                "title": "Zhejiang",
                "url": "http://www.ezhejiang.gov.cn/c_54018.htm",
                "read_at": "also http://www.ks.gov.cn/loss.shtml",
            },
            "S268": {"title": "Kunshan", "url": "http://www.ks.gov.cn/loss.shtml"},
        }
    )
    assert page_sources.registry_problems(registry) == [
        "rules/sources.yaml: S268 shows http://www.ks.gov.cn/loss.shtml, which S41 keeps out of sight as a copy "
        "(read_at); a copy is never shown, and an original does not belong in read_at"
    ]


def test_one_url_in_two_entries_fails_unless_one_is_part_of_the_other():
    url = "https://www.gov.cn/zhengce/content/202508/content_6967843.htm"
    twice = {"S104": {"title": "Decree", "url": url}, "S06": {"title": "Art. 6", "url": url}}
    assert page_sources.registry_problems(page_sources.registry_from(twice)) == [
        "rules/sources.yaml: S06 repeats the url of S104; one URL lives in one entry "
        "(cite S104, or say `part_of: S104` for an article of the same text)"
    ]
    twice["S06"]["part_of"] = "S104"
    assert page_sources.registry_problems(page_sources.registry_from(twice)) == []


def test_the_project_s_registry_shows_no_copy_and_holds_each_url_once():
    assert page_sources.registry_problems(page_sources.load_registry()) == []


def test_every_page_s_sources_resolve_through_the_registry():
    assert page_sources.report() == []


def test_broken_pages_are_reported_with_the_page_and_the_id_against_the_project_s_registry():
    broken = Path(__file__).parent / "broken_pages"
    assert page_sources.report(broken) == [
        "en/hidden-url.md: sources[0] shows http://subsites.chinadaily.com.cn/nantong/2017-09/28/c_258319.htm, "
        "a copy that S11 in rules/sources.yaml keeps out of sight (read_at): cite S11",
        "en/linked-copy.md: the text links to https://www.ezhou.gov.cn/bsfw_0/ztfwcs/crj/wyk/202507/t20250723_715132.html, "
        "a copy that S20 in rules/sources.yaml keeps out of sight (read_at)",
        "en/unknown-id.md: sources[1] cites S999, which is not an id in rules/sources.yaml",
        "en/url-citation.md: sources[0] is a URL-style citation of http://en.people.cn/n3/2025/1104/c90000-20386115.html: "
        "cite its id of rules/sources.yaml (it is S24)",
    ]
