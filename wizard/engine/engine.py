"""The Engine: compiles a bundle once, then answers `step` calls without ever raising."""

import re
from typing import Any

from . import legacy
from .applies import Applies
from .conditions import Context, Env, build
from .dates import add_days, parse_iso
from .policies import Policy
from .present import Catalogue, Presenter, rules_old
from .question_types import DEFAULT_DAYS, QUESTION_TYPES
from .questions import Flow, Question
from .routes import Decision, Reasons, Route, decide
from .shapes import Json
from .texts import DOCUMENT_NAMES, TEXT_SECTIONS, document_names
from .unannounced import END_NOT_ANNOUNCED, Continuation, Unannounced

FALLBACK_OUTCOME = "ask_12367"
_SAFE_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_ANSWERS = 100


class Evaluation:
    """Ids-level outcome of one call: the path, the next question or the decision, notices."""

    __slots__ = ("env", "asked", "question", "decision", "notices", "raw", "unannounced")

    def __init__(
        self,
        env: Env,
        asked: list[str],
        question: Question | None,
        decision: Decision | None,
        notices: list[tuple[str, str | None]],
        raw: dict[str, str] | None = None,
        unannounced: Unannounced | None = None,
    ) -> None:
        self.env, self.asked, self.question = env, asked, question
        self.decision, self.notices = decision, notices
        self.raw = raw or {}  # the answers to known questions, as given
        # A visa-free answer lost to a scheduled end that passed with no word on what follows.
        self.unannounced = unannounced


class Engine:
    """The wizard's brain. `Engine(bundle).step(answers, lang, today)` -> JSON-ready dict."""

    def __init__(self, bundle: Json) -> None:
        self.bundle = bundle
        self.languages: list[str] = list(bundle["languages"])
        self.default_language: str = bundle.get("default_language", self.languages[0])
        self.reviewed: str = bundle["reviewed"]
        self.warn_days = int(bundle["warn_days_before_expiry"])
        self.policies = {pid: Policy(pid, p) for pid, p in bundle["policies"].items()}
        self.ctx, self.flow, self.routes = self._rules(self.policies)
        for name in self.ctx.named_src:  # build every named condition now: fail at load, not later
            self.ctx.ref(name)
        questions = bundle["policy_questions"]
        self.continuation = Continuation(
            self.policies, bundle["outcomes"], self._rules, (questions["country"], questions["date"])
        )
        self.doc_when = {d: build(doc["when"], self.ctx) for d, doc in bundle["documents"].items() if "when" in doc}
        # An outcome may list a document only for some answers: {doc: id, when: condition}.
        self.item_when = {
            (oid, index): build(item["when"], self.ctx)
            for oid, outcome in bundle["outcomes"].items()
            for index, item in enumerate(outcome.get("documents", []))
            if isinstance(item, dict) and "when" in item
        }
        self.applies = Applies(bundle, self.ctx)
        # The languages whose texts the bundle holds (all of them as compiled; none in the browser's
        # shared bundle, until add_texts gives the page's own).
        self.catalogues: dict[str, Catalogue] = {}
        self.document_names: dict[str, dict[str, str]] = {}
        self.add_texts({section: dict(bundle.get(section, {})) for section in TEXT_SECTIONS})
        self.presenter = Presenter(bundle, self.flow, self.policies, self.catalogues, self.applies, self.document_names)

    def add_texts(self, texts: Json) -> None:
        """Take in languages' texts (wizard.engine.texts.texts_for): each language's catalogue, interface
        words and country names replace any it had, and the second language's document names are kept."""
        for section in TEXT_SECTIONS:
            self.bundle.setdefault(section, {}).update(texts.get(section, {}))
        for lang, messages in texts.get("messages", {}).items():
            self.catalogues[lang] = Catalogue(
                lang,
                messages,
                self.bundle["country_names"].get(lang, {}),
                self.bundle["country_order"].get(lang, []),
            )
            self.document_names[lang] = document_names(messages)
        self.document_names.update(texts.get(DOCUMENT_NAMES, {}))

    def _rules(self, policies: dict[str, Policy]) -> tuple[Context, Flow, list[Route]]:
        """The questions and routes, their conditions built on these policies."""
        bundle = self.bundle
        units = {q["id"]: q.get("unit") for q in bundle["questions"]}
        windows = {
            q["id"]: list(q.get("days_from_today", DEFAULT_DAYS))
            for q in bundle["questions"]
            if QUESTION_TYPES[q["type"]].answers_a_day
        }
        ctx = Context(policies, units, bundle.get("conditions", {}), windows)
        flow = Flow([Question(q, ctx, bundle["countries"]) for q in bundle["questions"]])
        return ctx, flow, [Route(r, ctx) for r in bundle["routes"]]

    # -- public API --------------------------------------------------------------------
    def step(self, answers: Any, lang: Any, today: Any) -> Json:
        """Next question or result for `answers` (question id -> string), in `lang`.

        Never raises: a malformed call gives {"kind": "error", "errors": [...]}.
        """
        try:
            errors = self._check_call(answers, lang, today)
            if errors:
                cat = (
                    self.catalogues.get(lang if isinstance(lang, str) else "")
                    or self.catalogues.get(self.default_language)
                    or next(iter(self.catalogues.values()))
                )
                return {"kind": "error", "errors": [{"code": c, "message": cat.get("errors", c)} for c in errors]}
            return self._present(self.evaluate_raw(answers, today), self.catalogues[lang])
        except Exception as exc:  # noqa: BLE001 - a bug must not escape to the page; say what it was
            return {"kind": "error", "errors": [{"code": "internal", "message": "%s: %s" % (type(exc).__name__, exc)}]}

    def evaluate(self, answers: dict[str, str], today: str) -> Json:
        """Ids only, for tests and tools: the next question id, or the outcome ids and reasons."""
        ev = self.evaluate_raw(answers, today)
        out: Json = {"notices": [code for code, _ in ev.notices], "answered": list(ev.asked)}
        if ev.unannounced is not None:
            out["notices"].append(END_NOT_ANNOUNCED)
        if ev.question is not None:
            out.update(kind="question", question=ev.question.id)
            return out
        out["kind"] = "result"
        outcomes = self._outcomes(ev)
        out["primary"] = outcomes[0][0]
        out["alternatives"] = [o for o, _, _ in outcomes[1:]]
        out["details"] = {
            o: {
                "reasons": [r for r, _ in reasons],
                "checklist": checklist,
                "duties": self.applies.duties(o, ev.env),
                "steps": self.applies.steps(o, ev.env, self._nationality(ev.env)),
            }
            for o, reasons, checklist in outcomes
        }
        return out

    def evaluate_raw(self, answers: dict[str, str], today: str) -> Evaluation:
        env = Env({}, today, self.ctx)
        answers, used_up = legacy.translate(answers)
        raw = {qid: value for qid, value in answers.items() if qid in self.flow.by_id}
        unknown = [qid for qid in answers if qid not in raw and qid not in used_up]
        # One notice however many unknown ids: its message does not name them (5,000 gave 5,000).
        notices: list[tuple[str, str | None]] = (
            [("unknown_question", next((q for q in unknown if _SAFE_ID.match(q)), None))] if unknown else []
        )
        asked, question, flow_notices = self.flow.walk(raw, env)
        notices += list(flow_notices)
        decision = decide(self.routes, env) if question is None else None
        unannounced = self.continuation.check(raw, env, decision)
        return Evaluation(env, asked, question, decision, notices, raw, unannounced)

    def checklist(self, outcome_id: str, env: Env) -> list[str]:
        seen: set[str] = set()
        out: list[str] = []
        sets = self.bundle.get("document_sets", {})
        for index, item in enumerate(self.bundle["outcomes"][outcome_id].get("documents", [])):
            item_pred = self.item_when.get((outcome_id, index))
            if item_pred is not None and not item_pred(env):
                continue
            if isinstance(item, dict):
                ids = sets[item["set"]] if "set" in item else [item["doc"]]
            else:
                ids = [item]
            for doc in ids:
                if doc in seen:
                    continue
                seen.add(doc)
                pred = self.doc_when.get(doc)
                if pred is None or pred(env):
                    out.append(doc)
        return out

    # -- internals ---------------------------------------------------------------------
    def _check_call(self, answers: object, lang: object, today: object) -> list[str]:
        errors = []
        if (
            not isinstance(answers, dict)
            or len(answers) > MAX_ANSWERS
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in answers.items())
        ):
            errors.append("bad_answers")
        if not isinstance(lang, str) or lang not in self.catalogues:
            errors.append("bad_language")
        if parse_iso(today) is None:
            errors.append("bad_date")
        return errors

    def _outcomes(self, ev: Evaluation) -> list[tuple[str, Reasons, list[str]]]:
        """[(outcome id, [(reason id, policy)], [document ids])], primary first."""
        decision = ev.decision
        if decision is None:
            raise ValueError("no decision: the path still has a question to ask")
        matches: list[tuple[str, Reasons]] = []
        if decision.primary is None:
            matches.append((FALLBACK_OUTCOME, []))
        else:
            matches.append((decision.primary[0].outcome, decision.primary[1]))
        matches += [(route.outcome, reasons) for route, reasons in decision.alternatives]
        return [(o, reasons, self.checklist(o, ev.env)) for o, reasons in matches]

    def _nationality(self, env: Env) -> str | None:
        value = env.values.get(self.bundle["policy_questions"]["country"])
        return value if isinstance(value, str) else None

    def _present(self, ev: Evaluation, cat: Catalogue) -> Json:
        p = self.presenter
        presets, rejected = self._presets(ev) if ev.question is not None else ([], [])
        notices = [p.notice(code, qid, cat) for code, qid in ev.notices]
        notices += [p.notice("invalid_value", qid, cat) for qid in rejected]
        if rules_old(self.reviewed, ev.env.today, self.bundle["rules_old_after_days"]):
            notices.append(p.notice("rules_old", None, cat))
        answered = p.answered(ev.asked, ev.env, cat)
        if ev.question is not None:
            return {
                "kind": "question",
                "question": p.question(ev.question, ev.env, cat),
                "answered": answered,
                "presets": presets,
                "notices": notices,
            }
        outcomes = self._outcomes(ev)
        views = [p.outcome(o, reasons, ev.env, cat, checklist) for o, reasons, checklist in outcomes]
        ends = self._ends_soon(views, ev.env)
        if ends:
            notices.append(p.notice("policy_ends_soon", None, cat, {"valid_to": cat.date(ends)}))
        notices += p.policy_notices(self.policies, outcomes[0][0], ev.env, cat)
        if ev.unannounced is not None:  # lead with it; the safe route (a visa) stays the answer
            headline, lead = p.unannounced(ev.unannounced, ev.env, cat)
            notices = lead + notices
            if views[0]["kind"] != "visa_free":
                views[0]["headline"] = headline
        return {
            "kind": "result",
            "answered": answered,
            "primary": views[0],
            "alternatives": views[1:],
            "rules_reviewed": self.reviewed,
            "notices": notices,
        }

    def _presets(self, ev: Evaluation) -> tuple[list[dict[str, str]], list[str]]:
        """Answers to questions the path has not reached yet (a deep link's presets), in asking
        order and kept for when it does; and the ids of those that could never be valid there."""
        raw = ev.raw
        kept: list[dict[str, str]] = []
        rejected: list[str] = []
        asking = ev.question.id if ev.question is not None else None
        for question in self.flow.questions:
            qid = question.id
            if qid not in raw or qid in ev.env.values or qid == asking:
                continue
            if question.plausible(raw[qid], ev.env.today):
                kept.append({"id": qid, "value": raw[qid]})
            else:
                rejected.append(qid)
        return kept, rejected

    def _ends_soon(self, views: list[Json], env: Env) -> str | None:
        day = env.day("travel_date")
        horizon = add_days(day, self.warn_days)
        """The earliest end date, within the warning horizon of the travel date, of a visa-free
        policy in these views; None if there is none."""
        ends = [
            v["valid_to"]
            for v in views
            if v["kind"] == "visa_free" and v.get("valid_to") and day <= v["valid_to"] <= horizon
        ]
        return min(ends) if ends else None
