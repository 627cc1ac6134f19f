"""Site search finds pages in both languages by the words people type: the permanent-residence card
by its nickname, and the newcomer guides by what newcomers ask about."""

import pytest

from search_driver import search_result_pages


@pytest.mark.browser
@pytest.mark.parametrize(
    "prefix, query, expected",
    [("", "Five-Star", "permanent-residence/"), ("zh/", "五星卡", "zh/permanent-residence/")],
    ids=["english", "chinese"],
)
def test_searching_the_card_s_nickname_finds_the_permanent_residence_page(
    recording_page, site_url, prefix, query, expected
):
    pages = search_result_pages(recording_page, site_url, prefix, query)
    assert site_url + expected in pages[:3], pages[:5]
    assert recording_page.outside_requests == []


@pytest.mark.browser
@pytest.mark.parametrize(
    "prefix, query, expected",
    [
        ("", "register address", "newcomers/after-arrival/"),
        ("zh/", "住宿登记", "zh/newcomers/after-arrival/"),
        ("", "overstay", "newcomers/after-arrival/"),
        ("zh/", "逾期滞留", "zh/newcomers/after-arrival/"),
        ("", "Tibet permit", "newcomers/at-the-border/"),
        ("zh/", "入藏函", "zh/newcomers/at-the-border/"),
        ("", "fees", "newcomers/apply-for-a-visa/"),
        ("", "visa fees", "newcomers/apply-for-a-visa/"),
        ("zh/", "签证费", "zh/newcomers/apply-for-a-visa/"),
    ],
    ids=[
        "register-address",
        "住宿登记",
        "overstay",
        "逾期滞留",
        "tibet-permit",
        "入藏函",
        "fees",
        "visa-fees",
        "签证费",
    ],
)
def test_searching_a_newcomer_s_question_finds_the_guide_that_answers_it(
    recording_page, site_url, prefix, query, expected
):
    pages = search_result_pages(recording_page, site_url, prefix, query)
    assert site_url + expected in pages[:3], pages[:5]
    assert recording_page.outside_requests == []
