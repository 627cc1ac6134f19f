"""The coverage map (rules/coverage.yaml): each entry the law or the NIA enumerates has a route
(outcomes reached in its scenario files) or says why it is guide only, and every outcome is in an
entry. Checked at build time; the page "What this guide covers" renders it (sitebuild)."""

from pathlib import Path

from wizard.engine import FALLBACK_OUTCOME

from .yamlfiles import load

COVERAGE_FILE = "coverage.yaml"


def _reached(rules_dir: Path, name: str):
    """The outcomes the cases of scenario file `name` expect (primary and alternatives), or None."""
    path = rules_dir / "scenarios" / (name + ".yaml")
    if not path.is_file():
        return None
    reached = set()
    for case in load(path, "rules/scenarios/%s.yaml" % name).data.get("cases", []):
        expect = case.get("expect", {})
        reached.update(
            [expect.get("primary")] + expect.get("alternatives", []) + expect.get("alternatives_include", [])
        )
    return reached


def check(loaded, outcome_ids, languages, rules_dir, check_guide, problems, outcome_files=None):
    """Every entry has a route or a reason; every outcome is in an entry; names in every language;
    every visa outcome's letter is the visa of a category entry that lists it (given outcome_files,
    the outcome id -> its file, for the report).

    Scenario files are checked only where the rules folder has its scenarios (copies made for a
    test may leave them out); guide pages only where docs are given (check_guide)."""
    has_scenarios = (Path(rules_dir) / "scenarios").is_dir()
    covered, ids, letters = set(), set(), {}
    for i, entry in enumerate(loaded.data["entries"]):
        ptr = "/entries/%d" % i
        if entry["id"] in ids:
            problems.add(loaded, ptr + "/id", "entry %r appears twice" % entry["id"])
        ids.add(entry["id"])
        outcomes, scenarios = entry.get("outcomes", []), entry.get("scenarios", [])
        if "guide_only" in entry:
            if outcomes or scenarios:
                problems.add(loaded, ptr + "/guide_only", "a guide-only entry lists outcomes or scenarios")
        elif not outcomes or not scenarios:
            problems.add(
                loaded,
                ptr,
                "entry %r has no route: give its outcomes and scenarios, or guide_only with a reason" % entry["id"],
            )
        for j, oid in enumerate(outcomes):
            if oid not in outcome_ids:
                problems.add(loaded, "%s/outcomes/%d" % (ptr, j), "unknown outcome %r (not in outcomes/*.yaml)" % oid)
        covered.update(outcomes)
        if "visa" in entry:
            letters.update((oid, entry["visa"]) for oid in outcomes)
        for j, name in enumerate(scenarios if has_scenarios else ()):
            reached = _reached(Path(rules_dir), name)
            if reached is None:
                problems.add(loaded, "%s/scenarios/%d" % (ptr, j), "no scenario file rules/scenarios/%s.yaml" % name)
            elif not reached & set(outcomes):
                problems.add(
                    loaded,
                    "%s/scenarios/%d" % (ptr, j),
                    "no case in rules/scenarios/%s.yaml reaches %s" % (name, ", ".join(outcomes)),
                )
        for j, guide in enumerate(entry["guide"]):
            check_guide(loaded, "%s/guide/%d" % (ptr, j), guide)
        for key in ("name", "guide_only"):
            for lang in sorted(set(languages) - set(entry.get(key, languages))):
                problems.add(loaded, "%s/%s" % (ptr, key), "no %s text" % lang)
    # The hotline fallback is shown only where no route fits, so no scenario reaches it: its entry
    # is guide only, and the outcome needs no entry.
    for oid in sorted(set(outcome_ids) - covered - {FALLBACK_OUTCOME}):
        problems.add(loaded, "/entries", "outcome %r is in no entry of the coverage map" % oid)
    if outcome_files is not None:
        _check_letters(loaded, outcome_ids, letters, outcome_files, problems)


def _check_letters(loaded, outcomes, letters, outcome_files, problems):
    """The categories are the visa_category entries of the map, so the letters live there once: a
    visa outcome's letter must be the visa of the category entry that lists it."""
    categories = sorted(set(letters.values()))
    for oid, outcome in sorted(outcomes.items()):
        if outcome.get("kind") != "visa" or letters.get(oid) == outcome.get("visa"):
            continue
        letter = outcome.get("visa")
        if letter not in categories:
            reason = "visa letter %r is not a category of rules/coverage.yaml (its visa_category entries: %s)" % (
                letter,
                ", ".join(categories),
            )
        elif oid not in letters:
            reason = "no visa_category entry of rules/coverage.yaml lists %r (category %r)" % (oid, letter)
        else:
            reason = "visa letter %r differs from the category of its entry in rules/coverage.yaml (%r)" % (
                letter,
                letters[oid],
            )
        problems.add(outcome_files.get(oid, loaded), "/outcomes/%s/visa" % oid, reason)
