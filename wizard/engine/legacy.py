"""Answers from links made before a question was replaced, turned into today's question ids:
`from_country`, `onward_destination` and `onward_ticket` (until 2026-11-29) become `onward`."""

TRANSIT_IDS = ("from_country", "onward_destination", "onward_ticket")


def translate(answers):
    """(answers with today's ids, the old ids used up). Answers already in today's ids win."""
    if "onward" in answers or "from_country" not in answers or "onward_destination" not in answers:
        return answers, ()
    if answers["from_country"] == answers["onward_destination"]:
        onward = "same_country"
    elif answers.get("onward_ticket") == "no":
        onward = "third_country_no_ticket"
    else:
        onward = "third_country"
    translated = {k: v for k, v in answers.items() if k not in TRANSIT_IDS}
    translated["onward"] = onward
    return translated, TRANSIT_IDS
