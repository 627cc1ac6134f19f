"""The changelog (rules/changelog.yaml) is checked against the rules and rendered newest first: on a
copy of the real rules whose changelog starts with a small fixture (three changes, out of date order,
citing two fixture sources: one with a link, one whose original was not found), newer than the real
changes that follow it (kept, as every dated change of the policies needs its entry)."""

import re
import shutil
from pathlib import Path

import pytest

from wizard.tooling.bundle import compile_rules
from wizard.tooling.changelog import page_markdown
from wizard.tooling.errors import RuleError
from wizard.tooling.yamlfiles import load

from shared_rules import BUILD_DATE

RULES = Path(__file__).resolve().parents[2] / "rules"
POLICY = "unilateral_30"  # a policy of the real rules; the fixture's changes belong to it

CHANGELOG = """\
kind: changelog
changes:
  - date: 2030-02-01
    policy: unilateral_30
    text:
      en: "A fixture country joined the *fixture* list, until 2030-12-31."
      zh: 测试国家加入测试免签名单，实施至2030年12月31日。
    sources: [S901, S902]
  - date: 2030-06-30
    policy: unilateral_30
    text:
      en: A fixture country's trial ended as announced.
      zh: 测试国家的试行政策按期结束。
    sources: [S902]
  - date: 2029-11-01
    text:
      en: A change that belongs to no policy of the rules.
      zh: 不属于任何政策的一项测试变更。
    sources: [S901]
"""
SOURCES = """\
  S901:
    publisher: National Immigration Administration
    title: "Fixture announcement [1]"
    url: https://www.nia.gov.cn/fixture/901.html
    date: 2030-01-15
  S902:
    publisher: National Immigration Administration
    title: Fixture FAQ (original not found; read only in a repost)
    title_zh: 测试常见问题解答（未找到原页面）
    read_at: www.fixture-repost.example/faq.html (repost)
    note: The fixture's repost of a page whose original was not found.
    date: 2030-01-20
"""


def fixture_rules(tmp_path, old=None, new=None):
    """A copy of the real rules with the fixture changes (and their two sources) before the real
    ones, `old` replaced by `new` in the fixture."""
    target = tmp_path / "rules"
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("scenarios"))
    text = CHANGELOG
    if old is not None:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    # The site's other languages carry the English words: the fixture checks the changelog, not them.
    others = sorted(path.stem for path in (target / "messages").glob("*.yaml") if path.stem not in ("en", "zh"))
    text = re.sub(
        r"( +)en: (.*)\n",
        lambda m: m.group(0) + "".join(f"{m.group(1)}{lang}: {m.group(2)}\n" for lang in others),
        text,
    )
    real = (RULES / "changelog.yaml").read_text(encoding="utf-8").split("\nchanges:\n", 1)[1]
    (target / "changelog.yaml").write_text(text + real, encoding="utf-8")
    sources = target / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").rstrip("\n") + "\n" + SOURCES, encoding="utf-8")
    return target


def _broken(tmp_path, old, new):
    """The one-line reason the fixture rules with `old` replaced by `new` do not compile."""
    with pytest.raises(RuleError) as caught:
        compile_rules(fixture_rules(tmp_path, old, new), BUILD_DATE, deep=False)
    return str(caught.value)


def test_the_fixture_changelog_compiles_with_the_real_rules(tmp_path):
    assert compile_rules(fixture_rules(tmp_path), BUILD_DATE, deep=False).bundle["policies"][POLICY]


def test_a_change_naming_an_unknown_policy_fails_with_file_line_and_pointer(tmp_path):
    message = _broken(
        tmp_path,
        '    policy: unilateral_30\n    text:\n      en: "A fixture',
        '    policy: transit_999\n    text:\n      en: "A fixture',
    )
    assert re.match(r"rules/changelog\.yaml:4:/changes/0/policy: unknown policy 'transit_999'", message), message


def test_a_change_citing_an_unknown_source_fails(tmp_path):
    message = _broken(tmp_path, "    sources: [S902]\n", "    sources: [S98]\n")
    lines = (tmp_path / "rules" / "changelog.yaml").read_text(encoding="utf-8").splitlines()
    line = lines.index("    sources: [S98]") + 1
    assert re.match(rf"rules/changelog\.yaml:{line}:/changes/1/sources/0: unknown source 'S98'", message), message


def test_a_change_without_a_chinese_text_fails(tmp_path):
    message = _broken(tmp_path, "      zh: 不属于任何政策的一项测试变更。\n", "")
    assert re.match(r"rules/changelog\.yaml:\d+:/changes/2/text: no zh text for this change", message), message


def test_the_page_lists_every_change_newest_first_in_each_language(tmp_path):
    rules = fixture_rules(tmp_path)
    changes = load(rules / "changelog.yaml", "rules/changelog.yaml").data["changes"][:3]  # the fixture's
    real = load(RULES / "changelog.yaml", "rules/changelog.yaml").data["changes"]
    for lang in ("en", "zh"):
        lines = page_markdown(rules, lang).strip().splitlines()
        assert len(lines) == len(changes) + len(real)
        lines = lines[:3]  # the fixture's are newer than every real change
        shown = [c["text"][lang] for c in sorted(changes, key=lambda c: c["date"], reverse=True)]
        for line, text in zip(lines, shown, strict=True):
            assert text.replace("*", "\\*") in line
    en = page_markdown(rules, "en").splitlines()
    assert (
        en[0]
        == "- **30 June 2030**: A fixture country's trial ended as announced. (Fixture FAQ (original not found; read only in a repost))"
    )
    # a source with a link is linked, with its title's brackets escaped; one whose original page
    # was not found is named without a link, and where it was read stays out of the page
    assert en[1] == (
        "- **1 February 2030**: A fixture country joined the \\*fixture\\* list, until 2030-12-31. "
        "([Fixture announcement \\[1\\]](https://www.nia.gov.cn/fixture/901.html); "
        "Fixture FAQ (original not found; read only in a repost))"
    )
    assert en[2].startswith("- **1 November 2029**: ")
    assert "fixture-repost" not in page_markdown(rules, "en") + page_markdown(rules, "zh")
    assert "测试常见问题解答（未找到原页面）" in page_markdown(rules, "zh")


def test_a_catalogue_s_punctuation_writes_the_change_lines_and_the_default_is_latin(tmp_path):
    rules = fixture_rules(tmp_path)
    catalogue = rules / "messages" / "en.yaml"
    en = page_markdown(rules, "en").splitlines()[0]
    assert en.startswith("- **30 June 2030**: ") and en.endswith(
        " (Fixture FAQ (original not found; read only in a repost))"
    )
    text = catalogue.read_text(encoding="utf-8").replace(
        "meta:\n", 'meta:\n  punctuation: {colon: " — ", opening: " [", separator: " / ", closing: "]"}\n', 1
    )
    catalogue.write_text(text, encoding="utf-8")
    en = page_markdown(rules, "en").splitlines()[0]
    assert en.startswith("- **30 June 2030** — ") and en.endswith(
        " [Fixture FAQ (original not found; read only in a repost)]"
    )
