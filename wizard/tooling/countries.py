"""Country names from CLDR (through Babel), keyed by ISO 3166-1 alpha-2 codes; which of them can be
a traveller's nationality; and each language's sort order (ICU collation: pinyin for zh)."""

from babel import Locale, UnknownLocaleError
from babel.core import get_global

# Codes CLDR lists that are not ISO 3166-1 countries or regions (user-assigned, groupings).
_NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "XK"}
# Not foreigners' passports for this guide: China itself, and Hong Kong, Macao and Taiwan
# residents, who use their own travel permits. They remain places one can travel from or to.
_NOT_NATIONALITIES = {"CN", "HK", "MO", "TW"}


def names(lang):
    """{code: name} in `lang` for every ISO 3166 country or region CLDR knows; None if unknown."""
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None
    return {
        code: name
        for code, name in locale.territories.items()
        if len(code) == 2 and code.isalpha() and code.isupper() and code not in _NOT_COUNTRIES
    }


def has_people(code):
    """Whether CLDR knows a population for the territory: it names the languages its people speak
    ('und', unknown, for Antarctica, Heard Island, Clipperton) and gives it a time zone of its own
    (none for Bouvet Island, Ascension, Diego Garcia, Tristan da Cunha, Sark, Ceuta and Melilla,
    the Canary Islands). Places without people issue no passports."""
    languages = get_global("territory_languages").get(code, {})
    zones = get_global("territory_zones").get(code)
    return bool(zones) and bool(languages) and "und" not in languages


def country_sets(codes):
    """The two lists questions choose from: nationalities (inhabited places that issue passports),
    and all places (except China)."""
    codes = set(codes)
    nationalities = {code for code in codes - _NOT_NATIONALITIES if has_people(code)}
    return {"nationality": sorted(nationalities), "all": sorted(codes - {"CN"})}


def collation_order(lang, table):
    """The codes of `table` ({code: name}) sorted by their names as `lang` sorts them (ICU: pinyin
    for zh, accents after base letters for en). Used at build time only; the order ships in the bundle."""
    import icu  # PyICU (pyicu-wheels): build-time tooling only, never shipped to the browser

    collator = icu.Collator.createInstance(icu.Locale(lang))
    return sorted(table, key=lambda code: (collator.getSortKey(table[code]), code))
