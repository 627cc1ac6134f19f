"""Front matter checks: a page cites its sources by id of rules/sources.yaml; a missing review date,
an unknown id, a written-out citation or a copy the registry hides stops the build, naming page and id."""

import datetime as dt

import pytest

from sitebuild.page_meta import PageMetaError, checked_meta
from sitebuild.page_sources import registry_from

REGISTRY = registry_from(
    {
        "S08": {
            "publisher": "Standing Committee of the NPC",
            "publisher_zh": "全国人民代表大会常务委员会",
            "title": "Exit and Entry Administration Law",
            "title_zh": "中华人民共和国出境入境管理法",
            "url": "http://www.npc.gov.cn/law.htm",
            "unopened": True,
            "date": dt.date(2012, 6, 30),
        },
        "S11": {
            "publisher": "Embassy",
            "title": "Q1 visa (the embassy's own page was not found)",
            "read_at": "subsites.chinadaily.com.cn/nantong/2017-09/28/c_258319.htm (China Daily copy)",
            "date": None,
        },
    }
)


def _meta(*sources):
    return {"reviewed": "2026-11-23", "sources": list(sources)}


def test_ids_resolve_to_publisher_title_date_and_the_part_relied_on_in_the_page_s_language():
    en = checked_meta(_meta({"S08": "Art. 35"}, "S11"), "en/x.md", "en", REGISTRY)
    assert en["reviewed"] == dt.date(2026, 11, 23)
    assert en["sources"][0] == {
        "id": "S08",
        "publisher": "Standing Committee of the NPC",
        "title": "Exit and Entry Administration Law",
        "part": "Art. 35",
        "url": "http://www.npc.gov.cn/law.htm",
        "unopened": True,
        "date": dt.date(2012, 6, 30),
    }
    assert en["sources"][1]["url"] is None and en["sources"][1]["date"] == "undated"
    zh = checked_meta(_meta({"S08": "第三十五条"}, "S11"), "zh/x.md", "zh", REGISTRY)["sources"]
    assert (zh[0]["publisher"], zh[0]["title"], zh[0]["part"]) == (
        "全国人民代表大会常务委员会",
        "中华人民共和国出境入境管理法",
        "第三十五条",
    )
    assert zh[1]["title"] == "Q1 visa (the embassy's own page was not found)"  # no Chinese title: the original's


@pytest.mark.parametrize(
    "meta, reason",
    [
        ({}, "en/x.md: front matter has no 'reviewed' date"),
        ({"reviewed": "soon"}, "en/x.md: reviewed: 'soon' is not a date (YYYY-MM-DD)"),
        ({"reviewed": "2026-11-23", "sources": "S08"}, "en/x.md: 'sources' must be a list"),
        (_meta("S08", "S999"), "en/x.md: sources[1] cites S999, which is not an id in rules/sources.yaml"),
        (
            _meta({"publisher": "NPC", "title": "Law", "url": "https://www.npc.gov.cn/law.htm", "date": "2012-06-30"}),
            "en/x.md: sources[0] is a URL-style citation of https://www.npc.gov.cn/law.htm: cite its id of "
            "rules/sources.yaml (it is S08)",
        ),
        (
            _meta({"publisher": "NIA", "title": "New", "url": "https://www.nia.gov.cn/new.htm", "date": "2025-01-01"}),
            "en/x.md: sources[0] is a URL-style citation of https://www.nia.gov.cn/new.htm: cite its id of "
            "rules/sources.yaml; add it to rules/sources.yaml first",
        ),
        (
            _meta(
                {
                    "publisher": "Embassy",
                    "title": "Q1",
                    "url": "http://subsites.chinadaily.com.cn/nantong/2017-09/28/c_258319.htm",
                }
            ),
            "en/x.md: sources[0] shows http://subsites.chinadaily.com.cn/nantong/2017-09/28/c_258319.htm, a copy that "
            "S11 in rules/sources.yaml keeps out of sight (read_at): cite S11",
        ),
        (
            _meta({"S08": 35}),
            'en/x.md: sources[0] must be a source id of rules/sources.yaml (S24) or an id with the part relied on (S08: "Art. 35")',
        ),
    ],
)
def test_a_broken_front_matter_names_the_page_the_id_and_the_reason(meta, reason):
    with pytest.raises(PageMetaError) as error:
        checked_meta(meta, "en/x.md", "en", REGISTRY)
    assert str(error.value) == reason
