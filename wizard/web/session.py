"""One wizard step for the web: fragment in, HTML and the canonical fragment out.

Called with the raw location.hash by the browser worker and with '' at build time. It never
raises: whatever the fragment holds, the visitor gets a page and a notice.
"""

from wizard.engine import Engine, Json

from . import fragment as fragments, render
from .render import UI


def handle(engine: Engine, raw_fragment: str, lang: str, today: str, ui: UI, guide_root: str = "../") -> Json:
    try:
        return _handle(engine, raw_fragment, lang, today, ui, guide_root)
    except Exception as problem:  # noqa: BLE001 - the page must always get an answer, never a traceback
        view = {
            "kind": "error",
            "errors": [{"code": "internal", "message": f"{ui['internal_error']} ({type(problem).__name__})"}],
        }
        return {"kind": "error", "html": render.error(view, ui), "fragment": "", "announce": ui["error_heading"]}


def _handle(engine: Engine, raw_fragment: str, lang: str, today: str, ui: UI, guide_root: str) -> Json:
    answers, change, truncated = fragments.parse(raw_fragment)
    view = engine.step(answers, lang, today)
    if truncated:
        view.setdefault("notices", []).append({"code": "fragment_truncated", "message": ui["fragment_truncated"]})
    if view["kind"] == "error":
        return {"kind": "error", "html": render.error(view, ui), "fragment": "", "announce": ui["error_heading"]}

    kept = {item["id"]: item["value"] for item in view.get("answered", [])}
    # A deep link's answers to questions not reached yet ride along until the path gets there.
    presets = {item["id"]: item["value"] for item in view.get("presets", [])}
    carried = {**kept, **presets}
    if change is not None and change in kept:
        changing = _change_view(engine, kept, change, lang, today)
        if changing is not None:
            changing["notices"] = view.get("notices", [])
            base = {key: value for key, value in carried.items() if key != change}
            html = render.question(changing, ui, base, back=fragments.build(carried), current=kept[change])
            return _reply("question", html, fragments.build(carried, change), changing["question"]["text"])

    back = fragments.build({**dict(list(kept.items())[:-1]), **presets}) if kept else None
    if view["kind"] == "question":
        html = render.question(view, ui, carried, back)
        return _reply("question", html, fragments.build(carried), view["question"]["text"])
    html = render.result(view, ui, lang, guide_root, back)
    return _reply("result", html, fragments.build(kept), view["primary"].get("headline") or view["primary"]["title"])


def _change_view(engine: Engine, kept: dict[str, str], change: str, lang: str, today: str) -> Json | None:
    """The view asking `change` again: the answers given before it lead back to it."""
    order = list(kept)
    before = {key: kept[key] for key in order[: order.index(change)]}
    view = engine.step(before, lang, today)
    if view["kind"] == "question" and view["question"]["id"] == change:
        return view
    return None


def _reply(kind: str, html: str, fragment: str, announce: str) -> Json:
    return {"kind": kind, "html": html, "fragment": fragment, "announce": announce}
