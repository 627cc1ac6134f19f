"""Answers in the ids of earlier question sets, turned into today's: `from_country`,
`onward_destination` and `onward_ticket` become `onward`; the three checklist answers imply
`applicant_circumstances`."""

TRANSIT_IDS = ("from_country", "onward_destination", "onward_ticket")
# The checklist details and the answer that means "nothing special" for each.
USUAL = {"apply_in_home_country": "yes", "under_18": "no", "former_chinese": "no"}


def translate(answers: dict[str, str]) -> tuple[dict[str, str], tuple[str, ...]]:
    """(answers with today's ids, the old ids used up). Answers already in today's ids win."""
    used_up: tuple[str, ...] = ()
    if "onward" not in answers and "from_country" in answers and "onward_destination" in answers:
        if answers["from_country"] == answers["onward_destination"]:
            onward = "same_country"
        elif answers.get("onward_ticket") == "no":
            onward = "third_country_no_ticket"
        else:
            onward = "third_country"
        answers = {k: v for k, v in answers.items() if k not in TRANSIT_IDS}
        answers["onward"] = onward
        used_up = TRANSIT_IDS
    given = [qid for qid in USUAL if qid in answers]
    if "applicant_circumstances" not in answers and given:
        unusual = any(answers[qid] != USUAL[qid] for qid in given)
        answers = dict(answers, applicant_circumstances="yes" if unusual else "no")
        if not unusual:  # all usual: the details are implied by "no" and not asked
            answers = {k: v for k, v in answers.items() if k not in USUAL}
            used_up = used_up + tuple(given)
    return answers, used_up
