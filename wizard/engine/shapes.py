"""Names for the data the engine passes around, for the type checker: rule JSON from the bundle
and the views it returns are plain dicts; a parsed answer is a string, an int for a number, or
the ticked options of a tick-all-that-apply question."""

from typing import Any

Json = dict[str, Any]  # a mapping from the bundle (rule JSON), or a JSON-ready view for the page
# A parsed answer: choice, yes/no, country and date answers stay strings; a multi answer is a tuple.
Value = str | int | tuple[str, ...]
