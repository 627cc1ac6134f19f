"""Build-time HTML: one Jinja template per piece of markup in sitebuild/templates/, rendered with
autoescape on (every value is escaped unless Python hands it over as Markup) and StrictUndefined (a
value a template names but is not given fails the build, naming the template and its line)."""

import html
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, UndefinedError
from markupsafe import Markup

from .paths import ROOT

FOLDER = Path(__file__).resolve().parent / "templates"


class TemplateValueMissing(RuntimeError):
    """A template names a value its caller did not give: 'sitebuild/templates/x.html:3: ...'."""


def escaped(value: object) -> Markup:
    """Every value a template prints, as escaped text unless it is Markup already. The standard
    library's html.escape spells quotes as the pages always have (&quot; and &#x27;, where
    autoescape alone writes &#34; and &#39;), so published pages, and tests reading them, stay the same."""
    return value if isinstance(value, Markup) else Markup(html.escape(str(value)))


def policy_attribute(policy: str) -> Markup:
    """A Content-Security-Policy for a double-quoted attribute: escaped, its single quotes ('self') kept
    as written, which is safe between double quotes and keeps the policy readable in the page's source."""
    return Markup(html.escape(policy).replace("&#x27;", "'"))


@cache
def environment() -> Environment:
    # trim_blocks and lstrip_blocks: a line holding only a {% tag %} leaves nothing in the output.
    env = Environment(
        loader=FileSystemLoader(FOLDER),
        autoescape=True,
        finalize=escaped,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["policy_attribute"] = policy_attribute
    return env


def render(name: str, **values: object) -> str:
    """The template `name` filled with values; HTML that must go in as it is comes as markupsafe.Markup.

    Raises TemplateValueMissing when the template uses a value that is not given.
    """
    try:
        return environment().get_template(name).render(values)
    except UndefinedError as error:
        raise TemplateValueMissing(f"{_where(name, error)}: {error.message}") from None


def _where(name: str, error: UndefinedError) -> str:
    """'sitebuild/templates/<file>:<line>' of the innermost template line that failed (Jinja puts the
    templates' own file names and lines into the traceback), else the template's name."""
    place, traceback = str(FOLDER / name), error.__traceback__
    line = None
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.startswith(str(FOLDER)):
            place, line = filename, traceback.tb_lineno
        traceback = traceback.tb_next
    relative = Path(place).relative_to(ROOT).as_posix()
    return f"{relative}:{line}" if line else relative
