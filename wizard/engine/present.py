"""Presentation: localized, JSON-ready views of questions, answers, outcomes and notices."""

import re

from .applies import Applies
from .conditions import Env
from .dates import add_days
from .plurals import category as plural_category
from .policies import Policy
from .question_types import Asked
from .questions import Flow, Question
from .routes import Reasons
from .shapes import Json, Value
from .texts import second_language
from .unannounced import END_NOT_ANNOUNCED, Unannounced

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
# Step topics the first screen shows on their own lines, so never as the first thing to do.
_FACT_TOPICS = ("fee", "time", "validity")


class Catalogue:
    """One language's messages plus its country names."""

    def __init__(self, lang: str, messages: Json, country_names: dict[str, str], country_order: list[str]) -> None:
        self.lang = lang
        self.m = messages
        self.countries = country_names
        # The language's collation order (pinyin for zh), computed at build time with ICU.
        self._rank = {code: index for index, code in enumerate(country_order)}
        self._country_options: dict[str, list[dict[str, str]]] = {}
        meta = messages["meta"]
        self.units: dict[str, dict[str, str]] = meta["units"]
        # Required by the schema; rule sets from before tick-all-that-apply questions (the policy diff
        # compiles them) have neither the separator nor an answer that needs it.
        self.list_separator: str = meta.get("list_separator", "")

    def get(self, section: str, key: str, field: str | None = None, default: str = "") -> str:
        entry = self.m.get(section, {}).get(key)
        if field is not None:
            entry = entry.get(field) if isinstance(entry, dict) else None
        return entry if isinstance(entry, str) else default

    def date(self, iso: str) -> str:
        return format_date(self.m["meta"], iso)

    def quantity(self, number: Value, unit: str | None) -> str:
        if not unit or not self.units.get(unit):
            return str(number)
        return format_quantity(self.m["meta"], number, unit)

    def option(self, section: str, value: str) -> str:
        """The label of an option in the messages' options section (a question's id, or yesno)."""
        label: str = self.m.get("options", {}).get(section, {}).get(value, value)
        return label

    def answer_label(self, question: Question, value: Value) -> str:
        return question.kind.label(question, value, self)

    def answer_in_sentence(self, question: Question, value: Value) -> str:
        return question.kind.in_sentence(question, value, self)

    def country_options(self, question: Asked) -> list[dict[str, str]]:
        """A country question's options, labelled and sorted in this language (computed once)."""
        cached = self._country_options.get(question.id)
        if cached is None:
            rank = self._rank
            cached = [{"value": c, "label": self.countries.get(c, c)} for c in sorted(question.country_set)]
            cached.sort(key=lambda o: (rank.get(o["value"], len(rank)), o["label"], o["value"]))
            self._country_options[question.id] = cached
        return cached


def format_date(meta: Json, iso: str) -> str:
    """An ISO date in a catalogue's language: CLDR's long format and month names, as the build put them in `meta`."""
    year, month, day = iso.split("-")
    return str(meta["date_format"]).format(year=year, month=meta["months"][int(month) - 1], day=int(day))


def format_quantity(meta: Json, number: Value, unit: str) -> str:
    """'{n} days' in a catalogue's language, in the plural form CLDR's rules (shipped by the build in
    `meta`, wizard/tooling/cldr.py) choose for the number; without rules, every number is 'other'."""
    forms = meta["units"][unit]
    return str(forms.get(plural_category(meta.get("plural", []), number), forms["other"])).format(n=number)


def fill(template: str, params: dict[str, str]) -> str:
    """Replace {name} with params[name]; unknown names (a validation error) become '…'."""
    return _PLACEHOLDER.sub(lambda m: params.get(m.group(1), "…"), template)


class Presenter:
    """Builds the dicts `Engine.step` returns, from evaluated ids and the bundle's texts."""

    def __init__(
        self,
        bundle: Json,
        flow: Flow,
        policies: dict[str, Policy],
        catalogues: dict[str, Catalogue],
        applies: Applies,
        document_names: dict[str, dict[str, str]],
    ) -> None:
        self.bundle = bundle
        self.document_names = document_names  # {language: {document: label}}, for the printout
        self.applies = applies  # which duties and steps this reader is shown
        self.flow = flow
        self.policies = policies
        self.catalogues = catalogues
        self.country_question: str = bundle["policy_questions"]["country"]
        self.date_question: str = bundle["policy_questions"]["date"]
        # (outcome, document) -> the sources for that document in that outcome, where the
        # outcome names its own ({doc: id, sources: [...]}): a passport in a permanent-residence
        # application cites the Measures, not a visa checklist.
        self.doc_sources: dict[tuple[str, str], list[str]] = {
            (oid, item["doc"]): item["sources"]
            for oid, outcome in bundle["outcomes"].items()
            for item in outcome.get("documents", [])
            if isinstance(item, dict) and "sources" in item
        }

    def document_sources(self, outcome_id: str, doc: str) -> list[str]:
        """The sources a document cites in this outcome."""
        found = self.doc_sources.get((outcome_id, doc))
        listed: list[str] = self.bundle["documents"][doc].get("sources", [])
        return found if found is not None else listed

    # -- questions ---------------------------------------------------------------------
    def question(self, question: Question, env: Env, cat: Catalogue) -> Json:
        key = question.text_key(env)
        view: Json = {
            "id": question.id,
            "text": cat.get("questions", key, "text"),
            "hint": cat.get("questions", key, "hint"),
            "type": question.type,
        }
        view.update(question.kind.fields(question, question.option_values(env), env.today, cat))
        return view

    def answered(self, asked: list[str], env: Env, cat: Catalogue) -> list[Json]:
        out = []
        for qid in asked:
            question = self.flow.by_id[qid]
            value = env.values[qid]
            out.append(
                {
                    "id": qid,
                    "question": cat.get("questions", question.text_key(env), "text"),
                    "value": question.raw(value),
                    "label": cat.answer_label(question, value),
                }
            )
        return out

    # -- outcomes ----------------------------------------------------------------------
    def assumptions(self, env: Env, cat: Catalogue) -> list[str]:
        """What the rules assumed for answers of "not sure", in the order of the questions."""
        said = []
        for question in self.flow.questions:
            if question.id in env.values:
                words = question.kind.assumption(question, env.values[question.id], cat)
                if words is not None:
                    said.append(words)
        return said

    def filled(self, template: str, env: Env, cat: Catalogue, policy_id: str | None = None) -> str:
        """A message with its placeholders filled; the policy's countries are counted only for a
        message that says how many there are (counting is a look-up per listed country)."""
        return fill(template, self.params(env, cat, policy_id, count_members="{member_count}" in template))

    def params(
        self, env: Env, cat: Catalogue, policy_id: str | None = None, count_members: bool = False
    ) -> dict[str, str]:
        params = {}
        for qid, value in env.values.items():
            question = self.flow.by_id.get(qid)
            if question is not None:
                params[qid] = cat.answer_in_sentence(question, value)
        if policy_id is not None:
            start, end, max_stay, unit, _ = self.policy_dates(policy_id, env)
            if start:
                params["valid_from"] = cat.date(start)
            if end:
                params["valid_to"] = cat.date(end)
            if max_stay is not None:
                params["max_stay"] = cat.quantity(max_stay, unit)
            count = self.policies[policy_id].member_count_on(env.day(self.date_question)) if count_members else None
            if count is not None:
                params["member_count"] = str(count)  # filled, so no catalogue writes a list's size
        return params

    def policy_dates(
        self, policy_id: str, env: Env
    ) -> tuple[str | None, str | None, int | None, str | None, list[str]]:
        policy = self.policies[policy_id]
        nationality = env.values.get(self.country_question)
        return policy.dates_for(nationality if isinstance(nationality, str) else None, env.day(self.date_question))

    def outcome(self, outcome_id: str, reasons: Reasons, env: Env, cat: Catalogue, checklist_ids: list[str]) -> Json:
        data = self.bundle["outcomes"][outcome_id]
        duties = self.applies.duties(outcome_id, env)
        # Each document also in a second language, for the printout.
        also = second_language(self.bundle, cat.lang)
        also_names = self.document_names.get(also) if also else None
        view: Json = {
            "id": outcome_id,
            "kind": data["kind"],
            "title": cat.get("outcomes", outcome_id, "title"),
            "summary": cat.get("outcomes", outcome_id, "summary"),
            "reasons": self.assumptions(env, cat)
            + [self.filled(cat.get("reasons", rid), env, cat, policy) for rid, policy in reasons],
            "checklist": [],
            "duties": [cat.get("duties", d) for d in duties],
            # The guide page (with an optional #anchor) for each duty, or None; same order.
            "duty_guides": [self.bundle["duties"][d].get("guide") for d in duties],
            "not_allowed": [cat.get("restrictions", r) for r in data.get("not_allowed", [])],
            "guide": data["guide"],
        }
        if data.get("visa"):
            view["visa"] = data["visa"]
        for doc in checklist_ids:
            view["checklist"].append(
                {
                    "id": doc,
                    "label": cat.get("documents", doc, "label"),
                    "detail": cat.get("documents", doc, "detail"),
                }
            )
            if also_names is not None:  # the name in the second language, for the printout
                view["checklist"][-1].update(label_officials=also_names.get(doc, ""), officials_lang=also)
        source_ids: list[str] = list(data.get("sources", []))
        policy_id = data.get("policy")
        if policy_id:
            member_sources = self.policy_dates(policy_id, env)[4]
            # The dates of the rule the answer rests on, not of the country's listing (the
            # reasons give those): the 240-hour terms began on 2024-12-17.
            nationality = env.values.get(self.country_question)
            start, end = self.policies[policy_id].terms_dates_for(
                nationality if isinstance(nationality, str) else None, env.day(self.date_question)
            )
            if start:
                view["valid_from"] = start
            if end:
                view["valid_to"] = end
            source_ids += member_sources
        for doc in checklist_ids:
            source_ids += self.document_sources(outcome_id, doc)
        for duty in duties:
            source_ids += self.bundle["duties"][duty].get("sources", [])
        headline: str = cat.m.get("how_to_get", {}).get("headlines", {}).get(outcome_id, "")
        view["headline"] = self.filled(headline, env, cat, policy_id) if headline else view["title"]
        raw_country = env.values.get(self.country_question)
        country = raw_country if isinstance(raw_country, str) else None
        steps, step_sources = self.how_to_get(outcome_id, cat, country, env)
        view["how_to_get"] = steps
        source_ids += step_sources
        # The first screen: the first thing to do, the cost and the time as the rules know them for
        # this reader (None where the outcome names no fee or time), and where to act officially.
        view["next"] = next((s for s in steps if s["topic"] not in _FACT_TOPICS), steps[0] if steps else None)
        view["fee"] = next((s for s in steps if s["topic"] == "fee"), None)
        view["time"] = next((s for s in steps if s["topic"] == "time"), None)
        view["links"], link_sources = self.official_links(outcome_id, cat, country)
        source_ids += link_sources
        view["sources"] = self.sources(source_ids, cat)
        return view

    def official_links(self, outcome_id: str, cat: Catalogue, country: str | None) -> tuple[list[Json], list[str]]:
        """The outcome's official links (label, url or phone), with a nationality's own link in
        place of the general one, and the sources they are."""
        data = self.bundle.get("official_links")
        if not data:  # rule sets from before official links
            return [], []
        swaps: dict[str, str] = data.get("by_nationality", {}).get(country or "", {})
        labels = cat.m.get("how_to_get", {}).get("links", {})
        links: list[Json] = []
        for link_id in data["outcomes"].get(outcome_id, []):
            link_id = swaps.get(link_id, link_id)
            link = data["links"][link_id]
            links.append({"id": link_id, "label": labels.get(link_id, ""), "url": link["url"], "phone": link["phone"]})
        return links, [data["links"][link["id"]]["source"] for link in links]

    def how_to_get(
        self, outcome_id: str, cat: Catalogue, nationality: str | None, env: Env
    ) -> tuple[list[Json], list[str]]:
        """The outcome's steps this reader is shown (topic, its label, text, guide link) and the
        sources they cite."""
        data = self.bundle.get("how_to_get", {"steps": {}, "outcomes": {}})
        texts = cat.m.get("how_to_get", {})
        steps: list[Json] = []
        source_ids: list[str] = []
        for step_id in self.applies.steps(outcome_id, env, nationality):
            step = data["steps"][step_id]
            steps.append(
                {
                    "id": step_id,
                    "topic": step["topic"],
                    "label": texts.get("topics", {}).get(step["topic"], ""),
                    "text": texts.get("steps", {}).get(step_id, ""),
                    "guide": step.get("guide", ""),
                }
            )
            # A step shared by routes cites, on each route, only what speaks of it there.
            source_ids += step.get("sources_by_outcome", {}).get(outcome_id, step["sources"])
        return steps, source_ids

    def sources(self, ids: list[str], cat: Catalogue) -> list[Json]:
        """Sources in `cat`'s language (title_<lang> when the source has one); url is None when
        the original page was not found (the title says so)."""
        seen: set[str] = set()
        out: list[Json] = []
        table = self.bundle["sources"]
        for sid in ids:
            if sid in seen:
                continue
            seen.add(sid)
            src = table[sid]
            out.append(
                {
                    "id": sid,
                    "publisher": src["publisher"],
                    "title": src.get("title_" + cat.lang, src["title"]),
                    "url": src.get("url"),
                    # The page at url was not opened in review: the result says so, as the guide pages do.
                    "unopened": bool(src.get("unopened")),
                    "date": src.get("date"),
                }
            )
        return out

    def notice(self, code: str, qid: str | None, cat: Catalogue, params: dict[str, str] | None = None) -> Json:
        message = cat.get("notices", code)
        return {"code": code, "message": fill(message, params) if params else message, "question_id": qid}

    def policy_notices(self, policies: dict[str, Policy], primary_outcome: str, env: Env, cat: Catalogue) -> list[Json]:
        """Notices drawn from policy data for the primary visa-free outcome's per-member stay
        terms (cumulative cap; terms not confirmed)."""
        country, day = env.values.get(self.country_question), env.day(self.date_question)
        if not isinstance(country, str):  # not asked on this path
            return []
        out = []
        pid = self.bundle["outcomes"][primary_outcome].get("policy")
        if pid and policies[pid].members is not None:
            terms = policies[pid].member_terms(country, day)
            _, _, max_stay, unit, _ = self.policy_dates(pid, env)
            cap = terms["cumulative"]
            if cap and max_stay is not None:
                out.append(
                    self.notice(
                        "stay_cap",
                        None,
                        cat,
                        {
                            "max_stay": cat.quantity(max_stay, unit),
                            "cap_days": cat.quantity(cap["max_days"], "days"),
                            "cap_period": cat.quantity(cap["period_days"], "days"),
                        },
                    )
                )
            if not terms["terms_confirmed"]:
                out.append(self.notice("terms_unconfirmed", None, cat))
        return out

    def unannounced(self, lost: Unannounced, env: Env, cat: Catalogue) -> tuple[str, list[Json]]:
        """The headline and the lead notices of a result past a scheduled end nobody announced
        anything about: the end, the date the rules were checked, the safe route, where to check,
        and that the policy was extended before (when it was)."""
        policy = self.policies[lost.policy]
        country = env.values.get(self.country_question)
        params = {
            "policy": cat.get("outcomes", lost.outcome, "title"),
            "nationality": cat.countries.get(country, country) if isinstance(country, str) else "",
            "valid_to": cat.date(lost.end),
            "checked": cat.date(policy.checked or self.bundle["reviewed"]),
        }
        term = policy.continued().term_on(env.day(self.date_question))
        params["max_stay"] = cat.quantity(term["max_stay"], term["unit"]) if term else ""
        notices = [self.notice(END_NOT_ANNOUNCED, None, cat, params)]
        if policy.last_extended and lost.end == policy.valid_to:  # the policy's history, not a member's trial
            notices.append(
                self.notice("extended_before", None, cat, {"last_extended": cat.date(policy.last_extended["date"])})
            )
        return fill(cat.get("notices", END_NOT_ANNOUNCED + "_headline"), params), notices


def rules_old(reviewed: str, today: str, days: int) -> bool:
    return add_days(reviewed, days) < today
