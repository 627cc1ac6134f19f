"""Turns the engine's views into the wizard's HTML; every text is escaped here, once.

The same functions pre-render the first question at build time and render each step in the
browser, so both show the same markup. Interface words come from the `ui` catalogue.
"""

from collections.abc import Callable
from typing import NamedTuple

from wizard.engine import MULTI_SEPARATOR, Json

from . import fragment as fragments

UI = dict[str, str]  # the interface words of one language


def escape(text: str, quote: bool = True) -> str:
    """As html.escape (the tests hold it to that), here because importing html costs Pyodide about
    30 ms of compiling its entity table on every cold start."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;") if quote else text


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _text(value: object) -> str:
    return escape(str(value or ""), quote=False)


def _link(href_fragment: str, label: str, css: str = "") -> str:
    css_attr = f' class="{css}"' if css else ""
    return f'<a href="#{_attr(href_fragment)}"{css_attr}>{_text(label)}</a>'


def notices(items: list[Json]) -> str:
    if not items:
        return ""
    lines = "".join(f"<li>{_text(item.get('message'))}</li>" for item in items)
    return f'<div class="wizard-notice" role="note"><ul>{lines}</ul></div>'


def _country_select(question: Json, current: str | None, ui: UI) -> str:
    name = _attr(question["id"])
    options = "".join(
        f'<option value="{_attr(o["value"])}"{" selected" if o["value"] == current else ""}>{_text(o["label"])}</option>'
        for o in question["options"]
    )
    placeholder = f'<option value=""{"" if current else " selected"} disabled>{_text(ui["choose_country"])}</option>'
    return f'<select id="wizard-input" name="{name}" required aria-describedby="wizard-hint">{placeholder}{options}</select>'


def _radios(question: Json, current: str | None, ui: UI) -> str:
    name = _attr(question["id"])
    rows = []
    for index, option in enumerate(question["options"]):
        checked = " checked" if option["value"] == current else ""
        rows.append(
            f'<div class="wizard-option"><input type="radio" id="wizard-option-{index}" name="{name}" '
            f'value="{_attr(option["value"])}" required{checked}>'
            f'<label for="wizard-option-{index}">{_text(option["label"])}</label></div>'
        )
    return "".join(rows)


def _boxes(question: Json, current: str | None, ui: UI) -> str:
    name = _attr(question["id"])
    ticked = set((current or "").split(MULTI_SEPARATOR))
    boxes = [option | {"checked": option["value"] in ticked} for option in question["options"]]
    none = question["none"] | {"checked": current == question["none"]["value"]}
    # "None of these" is its own box after an "or" (wizard.js unticks the others when it
    # is ticked, and it when another is); the engine rejects a mix of both.
    return (
        "".join(_checkbox(name, index, box) for index, box in enumerate(boxes))
        + f'<p class="wizard-or">{_text(ui["or"])}</p>'
        + _checkbox(name, len(boxes), none, exclusive=True)
    )


def _input(kind: str) -> Callable[[Json, str | None, UI], str]:
    """A one-line input of this HTML type (number or date), within the question's min and max."""

    def field(question: Json, current: str | None, ui: UI) -> str:
        name = _attr(question["id"])
        limits = "".join(f' {key}="{_attr(question[key])}"' for key in ("min", "max") if question.get(key) is not None)
        step = ' step="1" inputmode="numeric"' if kind == "number" else ""
        # A date starts at the engine's default (today), as the hint says; a number starts empty.
        unknown = question.get("unknown")
        open_ended = unknown is not None and current == unknown["value"]
        shown = None if open_ended else current or question.get("default")
        value = f' value="{_attr(shown)}"' if shown else ""
        # Ticking "not sure" disables the number (wizard.js), so the form sends the box's value alone.
        disabled = " disabled" if open_ended else ""
        field = f'<input id="wizard-input" type="{kind}" name="{name}" required{limits}{step}{value}{disabled} aria-describedby="wizard-hint wizard-error">'
        if unknown is None:
            return field
        ticked = " checked" if open_ended else ""
        return (
            f'{field}<p class="wizard-or">{_text(ui["or"])}</p>'
            f'<div class="wizard-option"><input type="checkbox" id="wizard-unknown" name="{name}" '
            f'value="{_attr(unknown["value"])}" data-unknown{ticked} aria-describedby="wizard-hint">'
            f'<label for="wizard-unknown">{_text(unknown["label"])}</label></div>'
        )

    return field


class Control(NamedTuple):
    """How the page asks one type of question."""

    field: Callable[[Json, str | None, UI], str]  # the form control, given the question's view
    grouped: bool  # several inputs in a fieldset named by the question (else one labelled input)
    unanswered: str  # the `ui` message shown when it is submitted unanswered


# One entry per question type of the engine (wizard.engine.QUESTION_TYPES; a test compares).
CONTROLS: dict[str, Control] = {
    "choice": Control(_radios, True, "answer_required"),
    "yesno": Control(_radios, True, "answer_required"),
    "multi": Control(_boxes, True, "tick_required"),
    "country": Control(_country_select, False, "answer_required"),
    "number": Control(_input("number"), False, "answer_required"),
    "date": Control(_input("date"), False, "answer_required"),
}


def _checkbox(name: str, index: int, box: Json, exclusive: bool = False) -> str:
    flags = (" checked" if box["checked"] else "") + (" data-exclusive" if exclusive else "")
    return (
        f'<div class="wizard-option"><input type="checkbox" id="wizard-option-{index}" name="{name}" '
        f'value="{_attr(box["value"])}"{flags}>'
        f'<label for="wizard-option-{index}">{_text(box["label"])}</label></div>'
    )


def question(view: Json, ui: UI, base_answers: dict[str, str], back: str | None, current: str | None = None) -> str:
    """A question as a form; submitting it adds its answer to base_answers in the fragment."""
    q = view["question"]
    control = CONTROLS[q["type"]]
    heading = f'<h2 id="wizard-heading" tabindex="-1" elementtiming="wizard-question">{_text(q["text"])}</h2>'
    hint = (
        f'<p id="wizard-hint" class="wizard-hint">{_text(q.get("hint"))}</p>'
        if q.get("hint")
        else '<p id="wizard-hint" hidden></p>'
    )
    field = control.field(q, current, ui)
    if control.grouped:
        field = f'<fieldset aria-labelledby="wizard-heading" aria-describedby="wizard-hint"><legend class="visually-hidden">{_text(q["text"])}</legend>{field}</fieldset>'
    else:
        field = f'<label class="visually-hidden" for="wizard-input">{_text(q["text"])}</label>{field}'
    nav = [f'<button type="submit" class="md-button md-button--primary">{_text(ui["continue"])}</button>']
    if back is not None:
        nav.append(_link(back, ui["back"], "md-button"))
    # The error summary opens the question (GOV.UK's pattern): the script shows the message that
    # applies, focuses the summary and keeps what was typed. A number or date out of its range
    # names the range.
    limits = [str(q[key]) for key in ("min", "max") if q.get(key) is not None]
    out_of_range = f"{ui['out_of_range']} {' – '.join(limits)}" if len(limits) == 2 else ui["out_of_range"]
    # Each message links the field to fix: the input, or the first option of a group (as GOV.UK does).
    target = "#wizard-option-0" if control.grouped else "#wizard-input"
    summary = (
        f'<div class="wizard-error-summary" id="wizard-error" role="alert" tabindex="-1" hidden>'
        f'<p class="wizard-error-title">{_text(ui["error_summary"])}</p>'
        f'<p class="wizard-error" data-error="unanswered"><a href="{target}">{_text(ui[control.unanswered])}</a></p>'
        f'<p class="wizard-error" data-error="range" hidden><a href="{target}">{_text(out_of_range)}</a></p></div>'
    )
    return (
        notices(view.get("notices", []))
        + f'<form class="wizard-question" data-question="{_attr(q["id"])}" data-base="{_attr(fragments.build(base_answers))}" data-change="{_attr(fragments.CHANGE_KEY)}" novalidate>'
        + summary
        + heading
        + hint
        + field
        + f'<div class="wizard-nav">{"".join(nav)}</div></form>'
        + answers_summary(view.get("answered", []), ui)
    )


def answers_summary(answered: list[Json], ui: UI, folded: bool = False) -> str:
    """The answers so far, each with its change link; under a result folded (one tap opens it, and
    paper prints it), so the result itself stays within two phone screens."""
    if not answered:
        return ""
    answers = {item["id"]: item["value"] for item in answered}
    rows = "".join(
        f'<div class="wizard-answer"><dt>{_text(item["question"])}</dt><dd>{_text(item["label"])} '
        f"{_link(fragments.build(answers, change=item['id']), ui['change'])}"
        f'<span class="visually-hidden"> {_text(item["question"])}</span></dd></div>'
        for item in answered
    )
    if folded:
        return (
            '<section class="wizard-answers" aria-labelledby="wizard-answers-heading">'
            f'<details class="wizard-fold wizard-fold-answers"><summary><span id="wizard-answers-heading">'
            f'{_text(ui["your_answers"])}</span> <span class="wizard-count">({len(answered)})</span></summary>'
            f"<dl>{rows}</dl></details></section>"
        )
    return f'<section class="wizard-answers" aria-labelledby="wizard-answers-heading"><h2 id="wizard-answers-heading">{_text(ui["your_answers"])}</h2><dl>{rows}</dl></section>'


def _source_title(source: Json, ui: UI) -> str:
    # A source whose original page was not found has no url; its title says so.
    if not source.get("url"):
        return _text(source["title"])
    unopened = _text(ui["source_unopened"]) if source.get("unopened") else ""
    return f'<a href="{_attr(source["url"])}" rel="noopener noreferrer">{_text(source["title"])}</a>{unopened}'


def _source_list(sources: list[Json], ui: UI) -> str:
    # An undated source (a service's home page) shows no date, rather than an empty one.
    items = "".join(
        f"<li>{_source_title(s, ui)}, {_text(s['publisher'])}"
        + (f', <time datetime="{_attr(s["date"])}">{_text(s["date"])}</time>' if s.get("date") else "")
        + "</li>"
        for s in sources
    )
    return f'<ul class="wizard-sources">{items}</ul>' if items else ""


def _sources(sources: list[Json], ui: UI, h: str) -> str:
    return f"<{h}>{_text(ui['sources'])}</{h}>{_source_list(sources, ui)}" if sources else ""


def _fold(css: str, summary: str, body: str, count: int | None = None) -> str:
    """A part of the result folded under a summary (one tap opens it; on paper it is open)."""
    if not body:
        return ""
    number = f' <span class="wizard-count">({count})</span>' if count else ""
    return f'<details class="wizard-fold {css}"><summary>{_text(summary)}{number}</summary>{body}</details>'


def _checklist_items(outcome: Json, prefix: str) -> str:
    items = []
    for index, item in enumerate(outcome.get("checklist", [])):
        box = f"{prefix}-item-{index}"
        officials = ""  # the document's name in the officials' language, when the page is in another
        if item.get("label_officials"):
            officials = f' <span class="wizard-also" lang="{_attr(item["officials_lang"])}">{_text(item["label_officials"])}</span>'
        detail = f'<span class="wizard-detail">{_text(item["detail"])}</span>' if item.get("detail") else ""
        items.append(
            f'<li><input type="checkbox" id="{box}"><label for="{box}">{_text(item["label"])}{officials}</label>{detail}</li>'
        )
    return f'<ul class="wizard-checklist">{"".join(items)}</ul>' if items else ""


def _entries(entries: list[str], css: str) -> str:
    return f'<ul class="{css}">{"".join(f"<li>{_text(e)}</li>" for e in entries)}</ul>' if entries else ""


def _steps(steps: list[Json], ui: UI, guide_root: str) -> str:
    """Steps as a definition list: the topic's label, then the text and its guide link."""
    rows = []
    for step in steps:
        more = ""
        if step.get("guide"):
            more = f' <a href="{_attr(guide_root + step["guide"])}">{_text(ui["step_guide"])}</a>'
        rows.append(
            f'<div class="wizard-step" data-topic="{_attr(step["topic"])}"><dt>{_text(step["label"])}</dt>'
            f"<dd>{_text(step['text'])}{more}</dd></div>"
        )
    return f'<dl class="wizard-how">{"".join(rows)}</dl>' if rows else ""


def _official_links(links: list[Json], ui: UI) -> str:
    """Where to act: the application form, the visa centres, the missions, the NIA, 12367."""
    items = []
    for link in links:
        if link.get("phone"):
            target = f'<a href="tel:{_attr(link["phone"])}">{_text(ui["call"])} {_text(link["phone"])}</a>'
            items.append(f"<li>{_text(link['label'])}: {target}</li>")
        elif link.get("url"):
            items.append(
                f'<li><a href="{_attr(link["url"])}" rel="noopener noreferrer">{_text(link["label"])}</a></li>'
            )
    if not items:
        return ""
    return f'<p class="wizard-links-label">{_text(ui["official_links"])}</p> <ul class="wizard-links">{"".join(items)}</ul>'


def _first_screen(item: Json, ui: UI) -> str:
    """What a reader acts on at once: the first thing to do with the official links, the cost and
    the time (as the rules know them for this reader, or where to ask)."""
    step = item.get("next")
    fee, time = item.get("fee"), item.get("time")
    rows = []
    if step:
        rows.append(
            f'<div class="wizard-fact wizard-next" data-topic="{_attr(step["topic"])}"><dt>{_text(ui["next_step"])}</dt>'
            f"<dd>{_text(step['text'])}{_official_links(item.get('links', []), ui)}</dd></div>"
        )
    rows.append(
        f'<div class="wizard-fact wizard-fact-fee"><dt>{_text(ui["fee"])}</dt><dd>{_text(fee["text"] if fee else ui["fee_unknown"])}</dd></div>'
    )
    rows.append(
        f'<div class="wizard-fact wizard-fact-time"><dt>{_text(ui["time"])}</dt><dd>{_text(time["text"] if time else ui["time_unknown"])}</dd></div>'
    )
    return f'<dl class="wizard-facts">{"".join(rows)}</dl>'


def _dates(item: Json, ui: UI) -> str:
    dates = []
    if item.get("valid_from"):
        dates.append(
            f'{_text(ui["valid_from"])} <time datetime="{_attr(item["valid_from"])}">{_text(item["valid_from"])}</time>'
        )
    if item.get("valid_to"):
        dates.append(
            f'{_text(ui["valid_to"])} <time datetime="{_attr(item["valid_to"])}">{_text(item["valid_to"])}</time>'
        )
    return f'<p class="wizard-dates">{" · ".join(dates)}</p>' if dates else ""


def _folds(item: Json, ui: UI, guide_root: str, prefix: str) -> str:
    """Everything after the first screen, folded, in the order a reader goes on: every step, what
    to prepare, why this fits, what to do after arriving, what is not allowed."""
    shown = {id(item.get(k)) for k in ("next", "fee", "time") if item.get(k)}
    rest = [step for step in item.get("how_to_get") or [] if id(step) not in shown]
    duties = item.get("duties", [])
    guides = item.get("duty_guides") or [None] * len(duties)
    duty_items = "".join(
        f'<li><a href="{_attr(guide_root + guide)}">{_text(text)}</a></li>' if guide else f"<li>{_text(text)}</li>"
        for text, guide in zip(duties, guides, strict=True)
    )
    why = f'<p class="wizard-summary"><strong class="wizard-outcome-title">{_text(item["title"])}</strong>: {_text(item.get("summary"))}</p>'
    return (
        _fold("wizard-fold-steps", ui["all_steps"], _steps(rest, ui, guide_root), len(rest))
        + _fold(
            "wizard-fold-checklist", ui["checklist"], _checklist_items(item, prefix), len(item.get("checklist", []))
        )
        + _fold("wizard-fold-reasons", ui["reasons"], why + _entries(item.get("reasons", []), "wizard-reasons"))
        + _fold(
            "wizard-fold-duties",
            ui["duties"],
            f'<ul class="wizard-duties">{duty_items}</ul>' if duties else "",
            len(duties),
        )
        + _fold(
            "wizard-fold-not-allowed",
            ui["not_allowed"],
            _entries(item.get("not_allowed", []), "wizard-not-allowed"),
            len(item.get("not_allowed", [])),
        )
    )


def _details(item: Json, ui: UI, lang: str, guide_root: str, prefix: str, h: str) -> str:
    """An alternative's details (folded as a whole): how to get it, what to prepare, why, duties,
    what is not allowed, its sources."""
    checklist = _checklist_items(item, prefix)
    duties = item.get("duties", [])
    return (
        (
            f"<{h}>{_text(ui['how_to_get'])}</{h}>" + _steps(item.get("how_to_get") or [], ui, guide_root)
            if item.get("how_to_get")
            else ""
        )
        + (f"<{h}>{_text(ui['checklist'])}</{h}>{checklist}" if checklist else "")
        + (
            f"<{h}>{_text(ui['reasons'])}</{h}>" + _entries(item.get("reasons", []), "wizard-reasons")
            if item.get("reasons")
            else ""
        )
        + (f"<{h}>{_text(ui['duties'])}</{h}>" + _entries(duties, "wizard-duties") if duties else "")
        + (
            f"<{h}>{_text(ui['not_allowed'])}</{h}>" + _entries(item["not_allowed"], "wizard-not-allowed")
            if item.get("not_allowed")
            else ""
        )
        + _sources(item.get("sources", []), ui, h)
    )


def primary(item: Json, ui: UI, lang: str, guide_root: str) -> str:
    """The suggestion: its first screen open (next step, cost, time), the rest folded."""
    return (
        f'<section class="wizard-outcome wizard-primary" data-outcome="{_attr(item["id"])}" aria-labelledby="wizard-heading">'
        + _first_screen(item, ui)
        + _dates(item, ui)
        + _folds(item, ui, guide_root, "wizard-primary")
        + "</section>"
    )


def alternative(item: Json, ui: UI, lang: str, guide_root: str, prefix: str) -> str:
    """Another route, summarised: its headline and summary open, the rest folded (and left off paper)."""
    return (
        f'<section class="wizard-outcome wizard-alternative" data-outcome="{_attr(item["id"])}" aria-labelledby="{prefix}-title">'
        f'<h3 id="{prefix}-title">{_text(item["title"])}</h3>'
        f'<p class="wizard-alt-headline">{_text(item.get("headline"))}</p>'
        f'<p class="wizard-summary">{_text(item.get("summary"))}</p>'
        + _dates(item, ui)
        + f'<details class="wizard-more"><summary>{_text(ui["details"])}</summary>'
        + _details(item, ui, lang, guide_root, prefix, "h4")
        + "</details></section>"
    )


def result(view: Json, ui: UI, lang: str, guide_root: str, back: str | None) -> str:
    primary_view = view["primary"]
    alternatives = view.get("alternatives", [])
    parts = [
        '<div class="wizard-result">',
        f'<h2 class="wizard-headline" id="wizard-heading" tabindex="-1">{_text(primary_view.get("headline") or primary_view["title"])}</h2>',
        notices(view.get("notices", [])),
        primary(primary_view, ui, lang, guide_root),
    ]
    if alternatives:  # folded as one part after the suggestion's, each still a summary when opened
        parts.append(
            _fold(
                "wizard-fold-alternatives",
                ui["alternatives"],
                "".join(
                    alternative(alt, ui, lang, guide_root, f"wizard-alt-{index}")
                    for index, alt in enumerate(alternatives)
                ),
                len(alternatives),
            )
        )
    sources = primary_view.get("sources", [])
    if sources:  # the suggestion's sources, last: compact on paper
        parts.append(_fold("wizard-fold-sources", ui["sources"], _source_list(sources, ui), len(sources)))
    if primary_view.get("guide"):
        parts.append(
            f'<p class="wizard-guide"><a href="{_attr(guide_root + primary_view["guide"])}">{_text(ui["read_guide"])}</a></p>'
        )
    # The result says it is unofficial itself: the site's banner may have been hidden for the visit.
    parts.append(
        f'<p class="wizard-reviewed"><span class="wizard-unofficial">{_text(ui["unofficial"])}</span> '
        f'{_text(ui["rules_reviewed"])} <time datetime="{_attr(view["rules_reviewed"])}">{_text(view["rules_reviewed"])}</time></p>'
    )
    # On paper only: where the printout came from and when. The script fills in the address and
    # the visitor's date, so a step rendered at build time carries no build date.
    parts.append(
        f'<p class="wizard-print-meta">{_text(ui["printed_from"])} <span data-print-url></span> '
        f"{_text(ui['printed_on'])} <time data-print-date></time></p>"
    )
    nav = [
        f'<button type="button" class="md-button md-button--primary" data-action="print">{_text(ui["print"])}</button>',
        f'<button type="button" class="md-button" data-action="copy-link" data-done="{_attr(ui["link_copied"])}">{_text(ui["copy_link"])}</button>',
    ]
    if back is not None:
        nav.append(_link(back, ui["back"], "md-button"))
    nav.append(_link("", ui["start_over"], "md-button"))
    parts.append(f'<div class="wizard-nav">{"".join(nav)}</div>')
    parts.append(
        f'<p class="wizard-copied" data-copied role="status" hidden></p>'
        f'<p class="wizard-link-field" data-link-field hidden><label for="wizard-link">{_text(ui["copy_manually"])}</label> '
        f'<input id="wizard-link" type="url" readonly></p></div>'
    )
    parts.append(answers_summary(view.get("answered", []), ui, folded=True))
    return "".join(parts)


def error(view: Json, ui: UI) -> str:
    messages = "".join(f"<li>{_text(e.get('message'))}</li>" for e in view.get("errors", []))
    return (
        f'<div class="wizard-notice" role="alert"><h2 id="wizard-heading" tabindex="-1">{_text(ui["error_heading"])}</h2>'
        f"<ul>{messages}</ul>{_link('', ui['start_over'], 'md-button')}</div>"
    )
