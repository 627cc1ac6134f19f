"""Plural categories (one, few, many, other...) of a whole number, from CLDR's plural rules as the
build ships them: Babel's parsed rule trees, read here without eval."""

from typing import Any

# A rule tree node as JSON: [kind, [arguments...]] (Babel's PluralRule.abstract).
Node = list[Any]

# The operands CLDR defines besides n and i (visible fraction digits, exponent...) are 0 for a whole number.
_WHOLE = ("n", "i")


def category(rules: list[Any], number: object) -> str:
    """The first category whose condition holds for `number`; 'other' if none does or it is not whole."""
    if not isinstance(number, int) or isinstance(number, bool):
        return "other"
    for tag, condition in rules:
        if _holds(condition, number):
            return str(tag)
    return "other"


def _holds(node: Node, number: int) -> bool:
    kind, args = node
    if kind == "and":
        return all(_holds(part, number) for part in args)
    if kind == "or":
        return any(_holds(part, number) for part in args)
    if kind == "not":
        return not _holds(args[0], number)
    if kind == "relation":  # (in | within, operand, range list): the same test for whole numbers
        _method, operand, ranges = args
        value = _operand(operand, number)
        return any(low[1][0] <= value <= high[1][0] for low, high in ranges[1])
    raise ValueError(f"unknown plural rule node {kind!r}")


def _operand(node: Node, number: int) -> int:
    kind, args = node
    if kind == "mod":
        return _operand(args[0], number) % int(args[1][1][0])
    if kind == "value":
        return int(args[0])
    return number if kind in _WHOLE else 0
