"""What CLDR (through Babel) says about a language that the wizard and the guides show: the long
date format with its month names, and the plural rules. Computed at build time, shipped in the bundle."""

import json

from babel import Locale, UnknownLocaleError
from babel.dates import parse_pattern

from wizard.engine import plural_category as category

# CLDR date fields the engine's date template can hold, and what each becomes.
_DAY, _YEAR = {"d"}, {"y", "yyyy"}
_MONTHS = {"M": "numeric", "MMM": "abbreviated", "MMMM": "wide"}
# Whole numbers from 0 up to here show every plural category a language uses for whole numbers
# (CLDR's integer rules look at n, n % 10, n % 100 and, for "many" in a few languages, n % 1000000).
_SAMPLES = 1_000_001


class NotInCldr(ValueError):
    """Babel has no such locale, or its long date format has a field the wizard cannot show."""


def locale(name: str) -> Locale:
    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        raise NotInCldr(f"CLDR (Babel) has no locale {name!r}") from None


def date_meta(name: str) -> dict:
    """{'date_format': '{day} {month} {year}', 'months': [...]}: CLDR's long date format for the locale."""
    cldr = locale(name)
    pattern = parse_pattern(cldr.date_formats["long"].pattern)
    template, months = pattern.format.replace("{", "{{").replace("}", "}}"), None
    for field in sorted(set(_fields(pattern.format)), key=len, reverse=True):
        if field in _DAY:
            placeholder = "{day}"
        elif field in _YEAR:
            placeholder = "{year}"
        elif field in _MONTHS:
            placeholder = "{month}"
            if _MONTHS[field] == "numeric":
                months = [str(month) for month in range(1, 13)]
            else:
                months = [cldr.months["format"][_MONTHS[field]][month] for month in range(1, 13)]
        else:
            raise NotInCldr(
                f"{name}: the long date format {pattern.pattern!r} has a field {field!r} the wizard cannot show"
            )
        template = template.replace(f"%({field})s", placeholder)
    if months is None:
        raise NotInCldr(f"{name}: the long date format {pattern.pattern!r} has no month")
    return {"date_format": template.replace("%%", "%"), "months": months}


def _fields(python_format: str) -> list[str]:
    return [part.split(")s", 1)[0] for part in python_format.split("%(")[1:]]


def plural_rules(name: str) -> list:
    """CLDR's plural rules for the locale as JSON-ready trees (wizard/engine/plurals.py reads them)."""
    return json.loads(json.dumps(locale(name).plural_form.abstract))


def whole_number_categories(rules: list) -> set[str]:
    """The categories whole numbers reach: the forms a catalogue's units must have."""
    reached = {category(rules, n) for n in range(1000)}
    reached |= {category(rules, n) for n in range(1000, _SAMPLES, 1000)}
    return reached


def with_cldr(lang: str, meta: dict) -> dict:
    """A catalogue's `meta` with what CLDR provides added: date format, month names, plural rules."""
    return {**meta, **date_meta(meta.get("date_locale", lang)), "plural": plural_rules(lang)}
