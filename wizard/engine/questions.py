"""Questions: which one comes next on a path, and turning raw answer strings into values."""

from .conditions import Context, Env, Predicate, always, build
from .dates import add_days
from .question_types import DEFAULT_DAYS, MAX_RAW, QUESTION_TYPES, QuestionType
from .shapes import Json, Value


class Question:
    """A compiled question: its ask_if, option filters and type (question_types.QUESTION_TYPES)."""

    def __init__(self, data: Json, ctx: Context, countries: dict[str, list[str]]) -> None:
        self.id: str = data["id"]
        self.type: str = data["type"]
        self.kind: QuestionType = QUESTION_TYPES[self.type]
        self.data = data
        self.ask_if = build(data["ask_if"], ctx) if "ask_if" in data else always
        self.options: list[tuple[str, Predicate]] = [(value, always) for value in self.kind.fixed_options]
        for opt in data.get("options", []):
            self.options.append((opt["value"], build(opt["when"], ctx) if "when" in opt else always))
        self._when = dict(self.options)
        # The messages' section of its option labels: its own, or one its type shares (yesno).
        self.option_section: str = self.kind.shared_section or self.id
        self.min: int | None = data.get("min")
        self.max: int | None = data.get("max")
        self.unit: str | None = data.get("unit")
        self.unknown_means: int | None = data.get("unknown_means")
        self.country_set = frozenset(countries.get(data.get("countries", ""), ()))
        self.country_list = list(countries.get(data.get("countries", ""), ()))
        self.days: list[int] = list(data.get("days_from_today", DEFAULT_DAYS))
        # Other words for another reader (a parent answering for a child, a resident).
        self.wordings = [(w["key"], build(w["when"], ctx)) for w in data.get("wordings", [])]

    def text_key(self, env: Env) -> str:
        """The message id of this question's words for the answers so far."""
        for key, pred in self.wordings:
            if pred(env):
                return "%s_%s" % (self.id, key)
        return self.id

    def listed(self) -> list[str]:
        """Every option value, in order, whether or not it is offered on a path."""
        return [value for value, _ in self.options]

    def option_values(self, env: Env) -> list[str]:
        return [value for value, pred in self.options if pred(env)]

    def date_bounds(self, today: str) -> tuple[str, str]:
        return add_days(today, self.days[0]), add_days(today, self.days[1])

    def plausible(self, raw: object, today: str) -> bool:
        """Whether raw could answer this question once it is reached (a preset in a link).

        Checked without the earlier answers: the full check is `parse`, when the path gets here.
        """
        if not isinstance(raw, str) or len(raw) > MAX_RAW:
            return False
        return self.kind.parse(self, raw, today, self._when.__contains__) is not None

    def parse(self, raw: object, env: Env) -> Value | None:
        """Return the value for a raw answer string, or None when it is not acceptable here."""
        if not isinstance(raw, str) or len(raw) > MAX_RAW:
            return None

        def offered(value: str) -> bool:
            pred = self._when.get(value)
            return pred is not None and pred(env)

        return self.kind.parse(self, raw, env.today, offered)

    def raw(self, value: Value) -> str:
        """The fragment form of a parsed value (what `parse` reads back)."""
        return self.kind.raw(value)


class Flow:
    """The ordered questions. A question is asked when its ask_if holds for earlier answers."""

    def __init__(self, questions: list[Question]) -> None:
        self.questions = questions
        self.by_id = {q.id: q for q in questions}

    def raw_answers(self, values: dict[str, Value]) -> dict[str, str]:
        """Parsed answers back in their fragment form (what a link to them holds)."""
        return {qid: self.by_id[qid].raw(value) for qid, value in values.items()}

    def next_from(self, position: int, env: Env) -> int | None:
        """Index of the first question at or after `position` to ask now, or None."""
        questions = self.questions
        for index in range(position, len(questions)):
            if questions[index].ask_if(env):
                return index
        return None

    def walk(self, raw: dict[str, str], env: Env) -> tuple[list[str], Question | None, list[tuple[str, str]]]:
        """Follow the path given raw answers. Returns (asked ids, next question or None, notices).

        Valid answers on the path go into env.values; an invalid one stops the walk at its
        question; answers off the path are reported once the path is complete.
        """
        asked: list[str] = []
        notices: list[tuple[str, str]] = []
        position = 0
        while True:
            index = self.next_from(position, env)
            if index is None:
                break
            question = self.questions[index]
            position = index + 1
            if question.id not in raw:
                return asked, question, notices
            value = question.parse(raw[question.id], env)
            if value is None:
                notices.append(("invalid_value", question.id))
                return asked, question, notices
            env.values[question.id] = value
            asked.append(question.id)
        for qid in raw:
            if qid not in env.values and qid in self.by_id:
                notices.append(("not_on_path", qid))
        return asked, None, notices
