"""rules/how-to-get.yaml is checked like the other rule files: an outcome without steps, an unknown
step or source, or a missing text stops the build with file, place and reason. Each case changes
one entry of a copy of the real rules, the first the file has, whatever it is today."""

import shutil
from pathlib import Path

import pytest
import yaml

from wizard.tooling.bundle import compile_rules
from wizard.tooling.errors import RuleError
from wizard.tooling.yamlfiles import load

from shared_rules import BUILD_DATE

RULES = Path(__file__).resolve().parents[2] / "rules"
HOW_TO_GET = load(RULES / "how-to-get.yaml", "rules/how-to-get.yaml").data
OUTCOME_KINDS = {
    oid: o["kind"]
    for path in sorted((RULES / "outcomes").glob("*.yaml"))
    for oid, o in load(path, "rules/outcomes/" + path.name).data["outcomes"].items()
}
# the first outcome whose kind has no default: without its entry it has no steps at all
FIRST_OUTCOME = next(o for o in HOW_TO_GET["outcomes"] if OUTCOME_KINDS[o] not in HOW_TO_GET.get("defaults", {}))
FIRST_STEP = next(iter(HOW_TO_GET["steps"]))
OFFICIAL_LINKS = load(RULES / "official-links.yaml", "rules/official-links.yaml").data
SOURCES = load(RULES / "sources.yaml", "rules/sources.yaml").data["sources"]
UNKNOWN_SOURCE = next("S%d" % n for n in range(999, 9, -1) if "S%d" % n not in SOURCES)  # a well-formed id


def _broken(tmp_path, file, change):
    """The problems of a copy of the real rules whose `file` is rewritten by `change(data)`."""
    target = tmp_path / "rules"
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("scenarios"))
    path = target / file
    data = load(path, "rules/" + file).data
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        compile_rules(target, BUILD_DATE, deep=False)
    return [str(p) for p in caught.value.problems]


def test_an_outcome_without_steps_stops_the_build(tmp_path):
    def rename(data):
        data["outcomes"]["not_" + FIRST_OUTCOME] = data["outcomes"].pop(FIRST_OUTCOME)

    problems = _broken(tmp_path, "how-to-get.yaml", rename)
    assert any(
        p.startswith("rules/how-to-get.yaml:") and "outcome %r has no entry" % FIRST_OUTCOME in p for p in problems
    ), problems


def test_an_outcome_without_an_entry_takes_its_kind_s_default_and_an_entry_replaces_it():
    bundle = compile_rules(RULES, BUILD_DATE, deep=False).bundle
    for section, data in (("how_to_get", HOW_TO_GET), ("official_links", OFFICIAL_LINKS)):
        defaults, own = data["defaults"], data["outcomes"]
        assert defaults, section
        for oid, kind in OUTCOME_KINDS.items():
            expected = own.get(oid, defaults.get(kind))
            assert bundle[section]["outcomes"].get(oid) == expected, (section, oid)
        assert any(kind in defaults and oid not in own for oid, kind in OUTCOME_KINDS.items()), section


def test_an_unknown_step_or_source_is_named_with_its_place(tmp_path):
    position = len(HOW_TO_GET["steps"][FIRST_STEP]["sources"])
    problems = _broken(
        tmp_path, "how-to-get.yaml", lambda data: data["steps"][FIRST_STEP]["sources"].append(UNKNOWN_SOURCE)
    )
    wanted = "/steps/%s/sources/%d: unknown source %r" % (FIRST_STEP, position, UNKNOWN_SOURCE)
    assert any(wanted in p for p in problems), problems


def test_route_sources_for_an_outcome_that_does_not_list_the_step_or_unknown_stop_the_build(tmp_path):
    other = next(oid for oid, listed in HOW_TO_GET["outcomes"].items() if FIRST_STEP not in listed)

    def cite_per_route(data):
        data["steps"][FIRST_STEP]["sources_by_outcome"] = {other: [UNKNOWN_SOURCE]}

    problems = _broken(tmp_path, "how-to-get.yaml", cite_per_route)
    place = "/steps/%s/sources_by_outcome/%s" % (FIRST_STEP, other)
    assert any(place + "/0: unknown source %r" % UNKNOWN_SOURCE in p for p in problems), problems
    assert any(place + ": outcome %r does not list step %r" % (other, FIRST_STEP) in p for p in problems), problems


def test_a_missing_step_text_is_a_missing_translation(tmp_path):
    problems = _broken(tmp_path, "messages/zh.yaml", lambda data: data["how_to_get"]["steps"].pop(FIRST_STEP))
    assert any(p.startswith("rules/messages/zh.yaml:") and "how_to_get steps %r" % FIRST_STEP in p for p in problems), (
        problems
    )


def test_an_outcome_without_official_links_is_a_warning_not_an_error(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("scenarios"))
    path = target / "official-links.yaml"
    data = load(path, "rules/official-links.yaml").data
    first = next(o for o in data["outcomes"] if OUTCOME_KINDS[o] not in data.get("defaults", {}))
    del data["outcomes"][first]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    compiled = compile_rules(target, BUILD_DATE, deep=False)
    assert any("outcome %r has no official links" % first in str(w) for w in compiled.warnings), compiled.warnings
    assert first not in compiled.bundle["official_links"]["outcomes"]


def test_an_official_link_to_an_unknown_link_or_without_an_address_stops_the_build(tmp_path):
    def change(data):
        first = next(iter(data["outcomes"]))
        data["outcomes"][first].append("no_such_link")
        data["links"]["nowhere"] = {"source": next(s for s, src in SOURCES.items() if "url" not in src)}
        data["outcomes"][first].append("nowhere")

    problems = _broken(tmp_path, "official-links.yaml", change)
    assert any("unknown link 'no_such_link'" in p and p.startswith("rules/official-links.yaml:") for p in problems)
    assert any("link 'nowhere' has neither a phone number nor a source with a url" in p for p in problems), problems


def test_an_official_link_off_an_accepted_publisher_s_domain_stops_the_build(tmp_path):
    def change(data):
        data["sources"]["S280"]["url"] = "https://cova.example.com/VISA/"

    problems = _broken(tmp_path, "sources.yaml", change)
    assert any("/sources/S280/url: cova.example.com is not on an accepted publisher's domain" in p for p in problems), (
        problems
    )


def test_a_source_with_an_address_says_not_opened_through_its_flag_not_in_its_title():
    # Pages and results say "not opened" in the catalogue's words (interface source_unopened) when a
    # source is `unopened`; a title saying it too would say it twice, in other words. The official
    # links' pages (S280-S284, S272) could not be opened in the review of 2026-12-06.
    for sid, source in SOURCES.items():
        if source.get("url"):
            assert "not opened" not in source["title"] and "未能打开" not in source.get("title_zh", ""), sid
    links = load(RULES / "official-links.yaml", "rules/official-links.yaml").data["links"]
    assert all(SOURCES[link["source"]].get("unopened") for link in links.values() if SOURCES[link["source"]].get("url"))
