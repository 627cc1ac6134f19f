"""Every dated change a policy file records has its entry in rules/changelog.yaml: a member's first
day and end, the policy's start and its last extension. Read from the files, not from git
history, so a new country or a new end date without its public "What changed" line fails the build."""

import datetime as _dt

# Dates before this are history from before the changelog was kept (the 2019 transit list, Hainan's
# 2018 list): they need no entry. Everything from the first unilateral list on does.
KEPT_FROM = "2023-12-01"


def _next_day(iso):
    return (_dt.date.fromisoformat(str(iso)) + _dt.timedelta(days=1)).isoformat()


def dated_changes(data):
    """(pointer, dates any of which an entry may carry, what happened) for each dated change of a
    policy file's data. An end matches an entry on its last day or the day after (the day it took
    effect); a start whose first day is not confirmed is no dated change."""
    if data.get("last_extended"):
        yield "/last_extended/date", (data["last_extended"]["date"],), "the list was extended"
    if data.get("valid_from"):
        yield "/valid_from", (data["valid_from"],), "the policy starts"
    for i, member in enumerate(data.get("members") or []):
        code = member["country"]
        if member.get("start_confirmed") is not False:
            yield "/members/%d/valid_from" % i, (member["valid_from"],), "%s joins" % code
        if member.get("valid_to"):
            ends = (member["valid_to"], _next_day(member["valid_to"]))
            yield "/members/%d/valid_to" % i, ends, "%s's membership ends" % code


def check(policy_files, changelog_file, problems):
    """policy_files: {policy id: LoadedFile}; one problem per dated change without its entry."""
    logged = {(c.get("policy"), str(c["date"])) for c in changelog_file.data["changes"]}
    for pid, loaded in sorted(policy_files.items()):
        for pointer, dates, what in dated_changes(loaded.data):
            dates = tuple(str(d) for d in dates)
            if dates[0] < KEPT_FROM or any((pid, d) in logged for d in dates):
                continue
            problems.add(
                loaded,
                pointer,
                "%s on %s, but rules/changelog.yaml has no entry for policy %s on that date: add one "
                "(date, policy, text in every language, sources)" % (what, dates[0], pid),
            )
