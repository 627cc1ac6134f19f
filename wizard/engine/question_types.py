"""The closed set of question types, one class each in QUESTION_TYPES: how an answer is read from
its fragment form and written back, labelled, offered, and which condition operators test it."""

import re
from collections.abc import Callable
from typing import Protocol

from .dates import parse_iso
from .shapes import Json, Value

MAX_RAW = 64  # longer answers are never valid
_NUMBER = re.compile(r"[0-9]{1,7}\Z")  # \Z: "$" would accept a trailing newline
# A `multi` question ("tick all that apply"): its answer is the ticked values joined by
# MULTI_SEPARATOR, or NONE_OF_THESE, which is its own exclusive box.
MULTI_SEPARATOR = ","
NONE_OF_THESE = "none"
DEFAULT_DAYS = (0, 730)  # a date question's accepted days from today, unless it says otherwise
# A number question with `unknown_means` also takes UNKNOWN ("open-ended or not sure yet"): its
# value is the number the rules assume, labelled in words from options.<question>.UNKNOWN_WORDS
# and said as the first reason of the result from options.<question>.UNKNOWN_REASON.
UNKNOWN = "unknown"
UNKNOWN_WORDS = "unknown_answer"
UNKNOWN_REASON = "unknown_reason"
# Inside another reason's sentence ("Your stay of {stay_days} is longer than …") the summary's
# words would not read: there the answer is just the assumption ("more than 180 days").
UNKNOWN_IN_SENTENCE = "unknown_in_sentence"
UNKNOWN_PLACEHOLDER = "more_than"  # in those words: the number before the assumed one

# Whether an option value is offered: on this path (its `when` holds), or at all (a preset).
Offers = Callable[[str], bool]


class Asked(Protocol):
    """What a type reads of a compiled question (questions.Question)."""

    id: str
    min: int | None
    max: int | None
    unit: str | None
    unknown_means: int | None
    option_section: str
    country_set: frozenset[str]

    def listed(self) -> list[str]: ...

    def date_bounds(self, today: str) -> tuple[str, str]: ...


class Words(Protocol):
    """What a type reads of one language's catalogue (present.Catalogue) to label an answer."""

    countries: dict[str, str]
    list_separator: str

    def option(self, section: str, value: str) -> str: ...

    def quantity(self, number: Value, unit: str | None) -> str: ...

    def date(self, iso: str) -> str: ...

    def country_options(self, question: Asked) -> list[dict[str, str]]: ...


class QuestionType:
    """One type of question. Subclasses override what differs; the defaults suit none of them."""

    name = ""
    # The value operators ({op: [question, value]}) that test an answer of this type; the
    # operators' table (conditions.OPERATORS) takes its accepted types from here.
    operators: tuple[str, ...] = ()
    # Literals those operators compare with: options of the question, or values of this Python type.
    literal_is_option = False
    literal: type = str
    fixed_options: tuple[str, ...] = ()  # options every question of the type has, not listed in the rules
    shared_section = ""  # the messages' options section its option labels share ("" : the question's id)
    multi_valued = False  # the answer is a set of ticked options (a tuple)
    from_country_list = False  # the answer is a code from the question's `countries` list
    answers_a_day = False  # the answer is a day (ISO date): policies may be read on it

    def parse(self, question: Asked, raw: str, today: str, offers: Offers) -> Value | None:
        """The value of a raw answer (at most MAX_RAW long), or None when it is not acceptable."""
        raise NotImplementedError(self.name)

    def raw(self, value: Value) -> str:
        """The fragment form of a parsed value (what `parse` reads back)."""
        return value if isinstance(value, str) else str(value)

    def label(self, question: Asked, value: Value, words: Words) -> str:
        """The answer in words, for the summary of answers (and, through in_sentence, the reasons')."""
        return value if isinstance(value, str) else str(value)

    def in_sentence(self, question: Asked, value: Value, words: Words) -> str:
        """The answer in words as a placeholder inside a reason or headline; its label unless a type
        says otherwise."""
        return self.label(question, value, words)

    def fields(self, question: Asked, offered: list[str], today: str, words: Words) -> Json:
        """What the question's view adds for this type (its options, or its limits)."""
        return {}

    def assumption(self, question: Asked, value: Value, words: Words) -> str | None:
        """What the rules assumed for an answer of "not sure", as a reason of the result; else None."""
        return None

    def every_answer(self, offered: list[str]) -> list[Value] | None:
        """Every answer, when there are few enough to try each (the path walk); else None."""
        return None

    def bounds(self, question: Asked, today: str) -> tuple[Value, Value] | None:
        """The lowest and highest answer of an ordered type (numbers, days); None if unordered."""
        return None


class Choice(QuestionType):
    """One option from the list in the rules."""

    name = "choice"
    operators = ("equals", "in")
    literal_is_option = True

    def parse(self, question: Asked, raw: str, today: str, offers: Offers) -> Value | None:
        return raw if offers(raw) else None

    def label(self, question: Asked, value: Value, words: Words) -> str:
        return words.option(question.option_section, self.raw(value))

    def fields(self, question: Asked, offered: list[str], today: str, words: Words) -> Json:
        return {"options": [{"value": v, "label": words.option(question.option_section, v)} for v in offered]}

    def every_answer(self, offered: list[str]) -> list[Value] | None:
        return list(offered)


class YesNo(Choice):
    """Yes or no: a choice whose two options and their labels every such question shares."""

    name = "yesno"
    fixed_options = ("yes", "no")
    shared_section = "yesno"


class Multi(QuestionType):
    """Tick all that apply: any set of the offered options, or "none of these" on its own."""

    name = "multi"
    operators = ("includes",)
    literal_is_option = True
    multi_valued = True

    def parse(self, question: Asked, raw: str, today: str, offers: Offers) -> Value | None:
        """The ticked values in option order (() for none), or None."""
        if raw == NONE_OF_THESE:
            return ()
        ticked = raw.split(MULTI_SEPARATOR)
        if len(set(ticked)) != len(ticked) or not all(offers(value) for value in ticked):
            return None
        return tuple(value for value in question.listed() if value in ticked)

    def raw(self, value: Value) -> str:
        if isinstance(value, tuple):
            return MULTI_SEPARATOR.join(value) if value else NONE_OF_THESE
        return str(value)

    def label(self, question: Asked, value: Value, words: Words) -> str:
        ticked = value if isinstance(value, tuple) else (str(value),)
        return words.list_separator.join(words.option(question.option_section, v) for v in ticked or (NONE_OF_THESE,))

    def fields(self, question: Asked, offered: list[str], today: str, words: Words) -> Json:
        section = question.option_section
        return {
            "options": [{"value": v, "label": words.option(section, v)} for v in offered],
            "none": {"value": NONE_OF_THESE, "label": words.option(section, NONE_OF_THESE)},
        }

    def every_answer(self, offered: list[str]) -> list[Value] | None:
        # every set of ticked boxes, none first
        return [tuple(v for i, v in enumerate(offered) if mask >> i & 1) for mask in range(2 ** len(offered))]


class Country(QuestionType):
    """A country code from a list in the rules; compared only through policies or `same`."""

    name = "country"
    from_country_list = True

    def parse(self, question: Asked, raw: str, today: str, offers: Offers) -> Value | None:
        return raw if raw in question.country_set else None

    def label(self, question: Asked, value: Value, words: Words) -> str:
        code = self.raw(value)
        return words.countries.get(code, code)

    def fields(self, question: Asked, offered: list[str], today: str, words: Words) -> Json:
        return {"options": words.country_options(question)}


class Assumed(int):
    """The number the rules assume for a number answered UNKNOWN: compared as that number,
    written back and labelled as not known."""


class Number(QuestionType):
    """A whole number between the question's min and max, in its unit; or, where the rules say
    what it means (unknown_means), "open-ended or not sure yet"."""

    name = "number"
    operators = ("lt", "le", "gt", "ge")
    literal = int

    def parse(self, question: Asked, raw: str, today: str, offers: Offers) -> Value | None:
        if raw == UNKNOWN and question.unknown_means is not None:
            return Assumed(question.unknown_means)
        if not _NUMBER.match(raw):
            return None
        number = int(raw)
        if (question.min is not None and number < question.min) or (question.max is not None and number > question.max):
            return None
        return number

    def raw(self, value: Value) -> str:
        return UNKNOWN if isinstance(value, Assumed) else super().raw(value)

    def label(self, question: Asked, value: Value, words: Words) -> str:
        if isinstance(value, Assumed):
            return self._assumed(question, value, words, UNKNOWN_WORDS)
        return words.quantity(value, question.unit)

    def in_sentence(self, question: Asked, value: Value, words: Words) -> str:
        if isinstance(value, Assumed):
            return self._assumed(question, value, words, UNKNOWN_IN_SENTENCE)
        return self.label(question, value, words)

    def assumption(self, question: Asked, value: Value, words: Words) -> str | None:
        return self._assumed(question, value, words, UNKNOWN_REASON) if isinstance(value, Assumed) else None

    @staticmethod
    def _assumed(question: Asked, value: Assumed, words: Words, key: str) -> str:
        # The words name the assumption: "more than" the number before the assumed one.
        template = words.option(question.option_section, key)
        return template.replace("{%s}" % UNKNOWN_PLACEHOLDER, words.quantity(value - 1, question.unit))

    def fields(self, question: Asked, offered: list[str], today: str, words: Words) -> Json:
        limits: Json = {"min": question.min, "max": question.max, "unit": question.unit}
        if question.unknown_means is not None:
            limits["unknown"] = {"value": UNKNOWN, "label": words.option(question.option_section, UNKNOWN)}
        return limits

    def bounds(self, question: Asked, today: str) -> tuple[Value, Value] | None:
        if question.min is None or question.max is None:  # the schema requires both
            return None
        return question.min, question.max


class Date(QuestionType):
    """A day (ISO date) within the question's days from today."""

    name = "date"
    operators = ("lt", "le", "gt", "ge")
    literal = str
    answers_a_day = True

    def parse(self, question: Asked, raw: str, today: str, offers: Offers) -> Value | None:
        if parse_iso(raw) is None:
            return None
        low, high = question.date_bounds(today)
        return raw if low <= raw <= high else None

    def label(self, question: Asked, value: Value, words: Words) -> str:
        return words.date(self.raw(value))

    def fields(self, question: Asked, offered: list[str], today: str, words: Words) -> Json:
        low, high = question.date_bounds(today)
        return {"min": low, "max": high, "default": today}

    def bounds(self, question: Asked, today: str) -> tuple[Value, Value] | None:
        return question.date_bounds(today)


# In the order the schema lists them (rules/schema/questions.schema.json; a test compares).
QUESTION_TYPES: dict[str, QuestionType] = {
    kind.name: kind for kind in (Choice(), Multi(), Country(), Number(), Date(), YesNo())
}
