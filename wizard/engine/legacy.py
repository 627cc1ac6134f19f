"""Answers in the ids of earlier question sets, turned into today's: `from_country`,
`onward_destination` and `onward_ticket` become `onward`; `urgent`, `applicant_circumstances`
and the three checklist answers become the ticked boxes of `circumstances`."""

TRANSIT_IDS = ("from_country", "onward_destination", "onward_ticket")
# The yes/no questions that became boxes of `circumstances`: (box, the answer that ticks it).
BOXES = {
    "urgent": ("urgent", "yes"),
    "apply_in_home_country": ("apply_elsewhere", "no"),
    "under_18": ("under_18", "yes"),
    "former_chinese": ("former_chinese", "yes"),
}
DETAILS = ("apply_in_home_country", "under_18", "former_chinese")
CIRCUMSTANCES_IDS = ("applicant_circumstances",) + tuple(BOXES)


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
    given = [qid for qid in CIRCUMSTANCES_IDS if qid in answers]
    if "circumstances" in answers or not given:
        return answers, used_up
    ticked = [box for qid, (box, ticks) in BOXES.items() if answers.get(qid) == ticks]
    # The old questions were answered (or "no special circumstances", or "urgent", which ended
    # the old path at the port visa): the boxes are known. `under_18` was not asked when the
    # relationship settled the age. Otherwise the visitor is asked the new question, and the
    # old answers are reported as unknown.
    settled = (
        answers.get("applicant_circumstances") == "no"
        or answers.get("urgent") == "yes"
        or all(qid in answers for qid in DETAILS if qid != "under_18")
    )
    if not settled:
        return answers, used_up
    answers = {k: v for k, v in answers.items() if k not in CIRCUMSTANCES_IDS}
    answers["circumstances"] = ",".join(ticked) if ticked else "none"
    return answers, used_up + tuple(given)
