"""Country names from CLDR (through Babel), keyed by ISO 3166-1 alpha-2 codes."""
from babel import Locale, UnknownLocaleError

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
    return {code: name for code, name in locale.territories.items()
            if len(code) == 2 and code.isalpha() and code.isupper() and code not in _NOT_COUNTRIES}


def country_sets(codes):
    """The two lists questions choose from: nationalities, and all places (except China)."""
    codes = set(codes)
    return {"nationality": sorted(codes - _NOT_NATIONALITIES), "all": sorted(codes - {"CN"})}
