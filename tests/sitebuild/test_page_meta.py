"""Front matter checks: a page without a review date or with an incomplete source stops the build."""

import datetime as dt

import pytest

from sitebuild.page_meta import PageMetaError, checked_meta

SOURCE = {"publisher": "NIA", "title": "Announcement", "url": "https://www.nia.gov.cn/", "date": dt.date(2024, 6, 11)}


def test_a_complete_front_matter_passes_with_dates_as_dates():
    meta = checked_meta({"reviewed": "2026-11-23", "sources": [SOURCE]}, "en/x.md")
    assert meta["reviewed"] == dt.date(2026, 11, 23) and meta["sources"][0]["date"] == dt.date(2024, 6, 11)


@pytest.mark.parametrize(
    "meta, reason",
    [
        ({}, "en/x.md: front matter has no 'reviewed' date"),
        ({"reviewed": "soon"}, "en/x.md: reviewed: 'soon' is not a date (YYYY-MM-DD)"),
        ({"reviewed": "2026-11-23", "sources": [{**SOURCE, "date": None}]}, "en/x.md: sources[0] lacks date"),
        (
            {"reviewed": "2026-11-23", "sources": [{**SOURCE, "url": "nia.gov.cn"}]},
            "en/x.md: sources[0].url is not an http(s) address: nia.gov.cn",
        ),
        ({"reviewed": "2026-11-23", "sources": "NIA"}, "en/x.md: 'sources' must be a list"),
    ],
)
def test_a_broken_front_matter_names_the_file_and_the_reason(meta, reason):
    with pytest.raises(PageMetaError) as error:
        checked_meta(meta, "en/x.md")
    assert str(error.value) == reason


def test_a_source_without_a_date_of_its_own_says_undated_rather_than_a_read_date():
    meta = checked_meta({"reviewed": "2026-11-29", "sources": [{**SOURCE, "date": "undated"}]}, "en/x.md")
    assert meta["sources"][0]["date"] == "undated"
