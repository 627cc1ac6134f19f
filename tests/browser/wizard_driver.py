"""Drives the wizard page in Chromium the way a visitor does: read the question, answer it, continue."""

import datetime as dt

from testkit.wizard_state import READY, RENDERED

from shared_rules import BUILD_DATE

MAX_STEPS = 30


def in_days(days: int) -> str:
    """A travel date `days` after the pages' today (the tests' one date, tests/browser/conftest.py)."""
    return (BUILD_DATE + dt.timedelta(days=days)).isoformat()


def wait_ready(page, timeout_ms: int = 60000) -> None:
    page.wait_for_function(READY, timeout=timeout_ms)


class HeldPython:
    """Pyodide's wasm requests, held by a route until release_python."""

    def __init__(self, page, pattern: str) -> None:
        self.pattern = pattern
        self.routes: list = []

        def hold(route) -> None:  # a function of its own: Playwright tags the handler, and unroute names it
            self.routes.append(route)

        self.hold = hold
        page.route(pattern, hold)


def hold_python(page, pattern: str = "**/pyodide.asm.wasm") -> HeldPython:
    """Hold Pyodide's wasm until release_python, so answers given meanwhile surely come first."""
    return HeldPython(page, pattern)


def release_python(page, held: HeldPython) -> None:
    """Let the held requests go, then stop holding: a request the route has not reached yet goes
    unheld (no poll for it to arrive), and Python is ready when this returns. Unrouting lets go of
    a request the handler took meanwhile (Playwright falls back for a handler it stops)."""
    for route in held.routes:
        route.continue_()
    page.unroute(held.pattern, held.hold)
    wait_ready(page)


def current_question(page) -> str | None:
    form = page.locator("form[data-question]")
    return form.get_attribute("data-question") if form.count() else None


def answer(page, question: str, value: str) -> None:
    """Fill in one answer through the form's own controls and press Continue."""
    form = page.locator(f"form[data-question='{question}']")
    radio = form.locator(f"input[type=radio][value='{value}']")
    unknown = form.locator("input[data-unknown]")  # a number's "open-ended, or not sure yet" box
    if radio.count():
        radio.check()
    elif unknown.count() and value == unknown.get_attribute("value"):
        unknown.check()
    elif form.locator("input[type=checkbox]:not([data-unknown])").count():  # tick all that apply: "a,b" or "none"
        for ticked in value.split(","):
            form.locator(f"input[type=checkbox][value='{ticked}']").check()
    elif form.locator("select").count():
        form.locator("select").select_option(value)
    else:
        form.locator("#wizard-input").fill(value)
    before = page.evaluate("location.hash")
    form.locator("button[type=submit]").click()
    page.wait_for_function("before => location.hash !== before", arg=before)
    wait_rendered(page)


def wait_rendered(page) -> None:
    """Wait until the view shows what Python made of the current fragment."""
    page.wait_for_function(RENDERED)


def complete(page, answers: dict[str, str]) -> str:
    """Answer every question the wizard asks from `answers`; return the primary outcome's id."""
    for _ in range(MAX_STEPS):
        question = current_question(page)
        if question is None:
            return page.locator(".wizard-result [data-outcome]").first.get_attribute("data-outcome")
        assert question in answers, f"the wizard asked '{question}', which this journey does not answer"
        answer(page, question, answers[question])
    raise AssertionError("the journey did not reach a result")
