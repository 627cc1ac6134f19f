"""Policy groups on a date: is a nationality a member, which terms apply, what limits and dates."""

from collections.abc import Callable

from .dates import add_days, in_range
from .shapes import Json

HOURS_PER = {"hours": 1, "days": 24}


class Policy:
    """One visa-free policy from the bundle: its date range, terms by period and members."""

    def __init__(self, pid: str, data: Json) -> None:
        self.id = pid
        self._data = data
        self.valid_from = data.get("valid_from")
        self.checked: str | None = data.get("checked")  # the day someone last checked this policy
        self.last_extended: Json | None = data.get("last_extended")
        self.valid_to = data.get("valid_to")
        self.sources: list[str] = list(data.get("sources", []))
        self.terms: list[Json] = list(data.get("terms", []))
        members = data.get("members")
        # None = open to every nationality; otherwise code -> list of membership periods.
        self.members: dict[str, list[Json]] | None = (
            None if members is None else {c: list(p) for c, p in members.items()}
        )

    @property
    def open_to_all(self) -> bool:
        return self.members is None

    def in_force(self, day: str) -> bool:
        return in_range(day, self.valid_from, self.valid_to)

    def term_on(self, day: str) -> Json | None:
        if not self.in_force(day):
            return None
        for term in self.terms:
            if in_range(day, term.get("valid_from"), term.get("valid_to")):
                return term
        return None

    def membership_on(self, country: str | None, day: str) -> Json | None:
        """The membership period covering `day` (a dict), or None. Open policies: {}."""
        if not self.in_force(day):
            return None
        if self.members is None:
            return {}
        for period in self.members.get(country or "", ()):
            if in_range(day, period.get("valid_from"), period.get("valid_to")):
                return period
        return None

    def member_count_on(self, day: str) -> int | None:
        """How many countries are listed on `day` (the count a reason may say), or None for a
        policy open to all."""
        if self.members is None:
            return None
        return sum(self.membership_on(country, day) is not None for country in self.members)

    def changes_between(self, country: str | None, low: str, high: str) -> bool:
        """True when the policy, its terms or `country`'s membership (if given) change on a day
        after `low` and up to `high`: then the exact date within that window matters. A listed
        policy never matters for a country that is never on its list, and its own or its terms'
        bounds matter for a country only while it is listed (a former member, Singapore after it
        moved to a mutual exemption, is not asked its travel date for the list's end)."""
        listed = country is not None and self.members is not None
        periods = self.members.get(country or "", []) if self.members is not None else []
        if listed and not periods:
            return False
        bounds = [(self.valid_from, self.valid_to)]
        bounds += [(t.get("valid_from"), t.get("valid_to")) for t in self.terms]
        own = [(p.get("valid_from"), p.get("valid_to")) for p in periods]
        for start, end in bounds + own:
            for day in (start, add_days(end, 1) if end else None):
                if day is None or not low < day <= high:
                    continue
                if (start, end) in own or not listed or self._listed_around(periods, day):
                    return True
        return False

    @staticmethod
    def _listed_around(periods: list[Json], day: str) -> bool:
        """True when a membership period covers `day` or the day before: a change on `day` then
        changes what the country's travellers are told."""
        before = add_days(day, -1)
        return any(in_range(d, p.get("valid_from"), p.get("valid_to")) for p in periods for d in (day, before))

    def ever_member(self, country: str) -> bool:
        return self.members is None or bool(self.members.get(country))

    def within(self, stay: int, unit: str, day: str, purpose: str | None = None, country: str | None = None) -> bool:
        """True when a stay of `stay` `unit`s on `day` (for `purpose`) is within the terms."""
        term = self.term_on(day)
        if term is None:
            return False
        purposes = term.get("purposes")
        if purpose is not None and purposes is not None and purpose not in purposes:
            return False
        limit: int = term["max_stay"]
        if country is not None and self.members is not None:
            period = self.membership_on(country, day)
            if period and period.get("max_stay") is not None:
                limit = period["max_stay"]
        return stay * HOURS_PER[unit] <= limit * HOURS_PER[term["unit"]]

    def covers(self, country: str | None, day: str) -> bool:
        """True when the policy, a term and (for a listed policy) `country`'s membership are in
        force on `day` (the purposes and the stay are the routes' business)."""
        return self.term_on(day) is not None and self.membership_on(country, day) is not None

    def unannounced_end(self, country: str | None, day: str) -> str | None:
        """The scheduled end (an end with no word yet on what follows) that `day` is past: the last
        day before `day` on which the policy covered `country`, when a range with a scheduled end
        ends on it and nothing covers `day`; else None. Ends announced as final give None."""
        if self.covers(country, day):
            return None
        ranges = self._ranges(country)
        covered: list[str] = [
            r["valid_to"]
            for r in ranges
            if r.get("valid_to") and r["valid_to"] < day and self.covers(country, r["valid_to"])
        ]
        if not covered:
            return None
        last = max(covered)
        if any(r.get("valid_to") == last and r.get("end") == "scheduled" for r in ranges):
            return last
        return None

    def scheduled_ends(self) -> list[str]:
        """Every scheduled end in the policy: its own, its terms' and its members'."""
        ranges = self._ranges(None) + [p for periods in (self.members or {}).values() for p in periods]
        return [r["valid_to"] for r in ranges if r.get("end") == "scheduled" and r.get("valid_to")]

    def _ranges(self, country: str | None) -> list[Json]:
        """The policy's own range, its terms' and (given a country) that country's periods."""
        ranges = [self._data, *self.terms]
        if country is not None and self.members is not None:
            ranges += self.members.get(country, [])
        return ranges

    def continued(self) -> "Policy":
        """This policy as if every scheduled end had been extended with no end yet: what the rules
        would answer had the extension been announced (the engine says so, never assumes it)."""

        def opened(entry: Json) -> Json:
            if entry.get("end") != "scheduled":
                return entry
            return {k: v for k, v in entry.items() if k not in ("valid_to", "end")}

        data = opened(self._data)
        data = {
            **data,
            "terms": [opened(t) for t in self.terms],
            "members": None
            if self.members is None
            else {c: [opened(p) for p in periods] for c, periods in self.members.items()},
        }
        return Policy(self.id, data)

    def member_terms(self, country: str, day: str) -> Json:
        """The membership period's own terms on `day`: {'cumulative': {...}, 'terms_confirmed': bool}."""
        period = self.membership_on(country, day) if self.members is not None else None
        period = period or {}
        return {"cumulative": period.get("cumulative"), "terms_confirmed": period.get("terms_confirmed", True)}

    def dates_for(
        self, country: str | None, day: str
    ) -> tuple[str | None, str | None, int | None, str | None, list[str]]:
        """(valid_from, valid_to, max_stay, unit, member_sources) to show for `country` near `day`.

        Uses the period covering `day`, or else the latest period; for open policies, the
        policy's own range.
        """
        start, end, member_sources = self.valid_from, self.valid_to, []
        if self.members is not None:
            periods = self.members.get(country or "") or []
            chosen = None
            for period in periods:
                if in_range(day, period.get("valid_from"), period.get("valid_to")):
                    chosen = period
                    break
            if chosen is None and periods:
                chosen = max(periods, key=lambda p: p.get("valid_from") or "")
            if chosen is not None:
                start = _bound(max, start, chosen.get("valid_from"))
                end = _bound(min, end, chosen.get("valid_to"))
                member_sources = list(chosen.get("sources", []))
        term = self.term_on(day) or (self.terms[-1] if self.terms else None)
        max_stay = unit = None
        if term is not None:
            max_stay, unit = term["max_stay"], term["unit"]
            covering = self.membership_on(country, day) if self.members is not None else None
            if covering and covering.get("max_stay") is not None:
                max_stay = covering["max_stay"]
        return start, end, max_stay, unit, member_sources

    def terms_dates_for(self, country: str | None, day: str) -> tuple[str | None, str | None]:
        """(valid_from, valid_to) of the answer itself: the country's period narrowed to the
        terms in force on `day` (240-hour transit for a country listed since 2019 starts on
        2024-12-17, when the 240 hours began)."""
        start, end = self.dates_for(country, day)[:2]
        term = self.term_on(day)
        if term is not None:
            start = _bound(max, start, term.get("valid_from"))
            end = _bound(min, end, term.get("valid_to"))
        return start, end


def _bound(choose: Callable[[str, str], str], a: str | None, b: str | None) -> str | None:
    """choose(a, b) of two optional date bounds; a missing bound (None) leaves the other."""
    if a is None or b is None:
        return b if a is None else a
    return choose(a, b)
