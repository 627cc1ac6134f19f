"""The engine's reading of CLDR's plural rules agrees with Babel's for whole numbers."""

import pytest
from babel import Locale

from wizard.engine import format_quantity, plural_category
from wizard.tooling import cldr

# Languages with every kind of rule: none (zh, ja, ko), one (en), few and many by n % 10 and
# n % 100 (ru, pl), two (he), zero to many (ar), many by n % 1000000 (fr), and ranges (lt, cy).
LOCALES = ["en", "zh", "ja", "ko", "ru", "pl", "he", "ar", "fr", "lt", "cy", "ga", "sl", "uk"]


@pytest.mark.parametrize("name", LOCALES)
def test_the_category_of_every_whole_number_is_babels(name):
    rules, babel = cldr.plural_rules(name), Locale.parse(name).plural_form
    numbers = list(range(250)) + [1000, 1001, 1_000_000, 2_000_000, 1_000_021]
    assert [plural_category(rules, n) for n in numbers] == [babel(n) for n in numbers]


def test_russian_days_take_the_form_cldr_chooses():
    meta = {
        "units": {"days": {"one": "{n} день", "few": "{n} дня", "many": "{n} дней", "other": "{n} дня"}},
        "plural": cldr.plural_rules("ru"),
    }
    shown = [format_quantity(meta, n, "days") for n in (1, 2, 5, 11, 21, 22, 30, 180)]
    assert shown == ["1 день", "2 дня", "5 дней", "11 дней", "21 день", "22 дня", "30 дней", "180 дней"]


def test_a_number_that_is_not_whole_takes_the_other_form():
    assert plural_category(cldr.plural_rules("en"), 1.5) == "other"
    assert plural_category(cldr.plural_rules("en"), True) == "other"
