"""The changelog (rules/changelog.yaml) is checked against the rules and rendered newest first."""

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from wizard.tooling.bundle import compile_rules
from wizard.tooling.changelog import page_markdown
from wizard.tooling.errors import RuleError
from wizard.tooling.yamlfiles import load

RULES = Path(__file__).resolve().parents[2] / "rules"


def _broken(tmp_path, old, new):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("scenarios"))
    path = target / "changelog.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        compile_rules(target, dt.date(2026, 11, 23), deep=False)
    return str(caught.value)


def test_a_change_naming_an_unknown_policy_fails_with_file_line_and_pointer(tmp_path):
    message = _broken(tmp_path, "    policy: transit_240\n", "    policy: transit_999\n")
    assert re.match(r"rules/changelog\.yaml:\d+:/changes/\d+/policy: unknown policy 'transit_999'", message), message


def test_a_change_citing_an_unknown_source_fails(tmp_path):
    message = _broken(tmp_path, "    sources: [S27]\n", "    sources: [S98]\n")
    assert re.match(r"rules/changelog\.yaml:\d+:/changes/0/sources/0: unknown source 'S98'", message), message


def test_a_change_without_a_chinese_text_fails(tmp_path):
    message = _broken(tmp_path, "      zh: 英国、加拿大持普通护照人员适用30天免签政策，实施至2026年12月31日。\n", "")
    assert re.match(r"rules/changelog\.yaml:\d+:/changes/2/text: no zh text for this change", message), message


def test_the_page_lists_every_change_newest_first_in_each_language():
    changes = load(RULES / "changelog.yaml", "rules/changelog.yaml").data["changes"]
    for lang in ("en", "zh"):
        lines = page_markdown(RULES, lang).strip().splitlines()
        assert len(lines) == len(changes)
        shown = [c["text"][lang] for c in sorted(changes, key=lambda c: c["date"], reverse=True)]
        for line, text in zip(lines, shown, strict=True):
            assert text.replace("*", "\\*") in line
    en = page_markdown(RULES, "en")
    assert en.startswith("- **14 September 2026**: Russia's")
    assert (
        "[China to trial visa-free policy for Russian citizens](http://en.people.cn/n3/2025/0902/c90000-20361235.html)"
        in en
    )
    # a source whose original page was not found is named without a link
    assert "FAQ on the unilateral visa-free policy, 23 November (original not found" in en
    assert "bairuiedu" not in en
