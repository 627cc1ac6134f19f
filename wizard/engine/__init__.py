"""The wizard's rule engine: answers in, next question or result out (standard library only).

Runs unchanged on CPython and under Pyodide; takes an already-loaded bundle (a dict), does no I/O.
"""

# The engine's public surface: the tooling and the web layer import these names from
# `wizard.engine`, never from its modules (tests/engine/test_purity.py checks it).
from .conditions import OPERATORS, Env, Operator, QuestionArg
from .dates import add_days
from .engine import FALLBACK_OUTCOME, Engine
from .legacy import translate as translate_old_answers
from .plurals import category as plural_category
from .policies import HOURS_PER
from .present import format_date, format_quantity
from .question_types import (
    DEFAULT_DAYS,
    MULTI_SEPARATOR,
    NONE_OF_THESE,
    QUESTION_TYPES,
    UNKNOWN,
    UNKNOWN_IN_SENTENCE,
    UNKNOWN_PLACEHOLDER,
    UNKNOWN_REASON,
    UNKNOWN_WORDS,
    QuestionType,
)
from .routes import decide
from .shapes import Json, Value
from .texts import texts_for, without_texts

__all__ = [
    "DEFAULT_DAYS",
    "FALLBACK_OUTCOME",
    "HOURS_PER",
    "MULTI_SEPARATOR",
    "NONE_OF_THESE",
    "UNKNOWN",
    "UNKNOWN_IN_SENTENCE",
    "UNKNOWN_PLACEHOLDER",
    "UNKNOWN_REASON",
    "UNKNOWN_WORDS",
    "OPERATORS",
    "QUESTION_TYPES",
    "Engine",
    "Env",
    "Operator",
    "QuestionArg",
    "QuestionType",
    "Json",
    "Value",
    "add_days",
    "decide",
    "format_date",
    "format_quantity",
    "plural_category",
    "texts_for",
    "translate_old_answers",
    "without_texts",
]
