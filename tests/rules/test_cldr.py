"""Dates and plural rules come from CLDR (Babel): the same English and Chinese dates as the
hand-written formats gave, and each new language's own."""

import pytest

from wizard.engine import format_date
from wizard.tooling import cldr


@pytest.mark.parametrize(
    "locale, shown",
    [
        ("en_GB", "6 December 2026"),  # rules/messages/en.yaml's date_locale: as the hand-written format wrote it
        ("zh", "2026年12月6日"),  # as before
        ("ja", "2026年12月6日"),
        ("ko", "2026년 12월 6일"),
        ("ru", "6 декабря 2026\u202fг."),  # the month in the genitive, as a date needs it
        ("de", "6. Dezember 2026"),
    ],
)
def test_a_date_is_written_in_cldrs_long_format(locale, shown):
    assert format_date(cldr.date_meta(locale), "2026-12-06") == shown


def test_a_locale_cldr_does_not_know_is_refused_by_name():
    with pytest.raises(cldr.NotInCldr, match="no locale 'xx'"):
        cldr.date_meta("xx")


def test_a_long_date_format_with_a_field_the_wizard_cannot_show_is_refused():
    with pytest.raises(cldr.NotInCldr, match="field 'G'"):  # Thai's Buddhist era
        cldr.date_meta("th")


@pytest.mark.parametrize("lang, forms", [("en", {"one", "other"}), ("zh", {"other"}), ("ru", {"one", "few", "many"})])
def test_the_forms_a_unit_needs_are_the_categories_whole_numbers_reach(lang, forms):
    assert cldr.whole_number_categories(cldr.plural_rules(lang)) == forms


def test_every_catalogue_in_the_bundle_carries_cldrs_dates_and_plural_rules(bundle):
    for lang, messages in bundle["messages"].items():
        meta = messages["meta"]
        assert len(meta["months"]) == 12 and "{day}" in meta["date_format"], lang
        assert meta["plural"] == cldr.plural_rules(lang), lang
