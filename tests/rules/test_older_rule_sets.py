"""The policy diff compiles rule sets older than this code: their catalogues' notices are taken as
this engine's (the diff compares answers by id, never a notice's text); a current build is not."""

import shutil

import pytest

from wizard.tooling.bundle import compile_rules
from wizard.tooling.errors import RuleError

from shared_rules import BUILD_DATE, RULES


def older_copy(tmp_path):
    """The real rules with a notice the engine has since retired and without one it added."""
    target = tmp_path / "rules"
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("scenarios"))
    for lang in ("en", "zh"):
        path = target / "messages" / f"{lang}.yaml"
        text = path.read_text(encoding="utf-8")
        start = text.index("  extended_before:")
        end = text.index("\n", start) + 1
        path.write_text(text[:start] + '  continuation_unknown: "retired"\n' + text[end:], encoding="utf-8")
    return target


def test_an_older_rule_set_compiles_for_the_diff_with_this_engines_notices(tmp_path):
    bundle = compile_rules(older_copy(tmp_path), BUILD_DATE, deep=False, older_settings={}).bundle
    assert bundle["messages"]["en"]["notices"]["extended_before"] == ""
    assert "continuation_unknown" not in bundle["messages"]["en"]["notices"]


def test_a_current_build_still_refuses_a_catalogue_that_lacks_a_notice(tmp_path):
    with pytest.raises(RuleError) as caught:
        compile_rules(older_copy(tmp_path), BUILD_DATE, deep=False)
    assert "missing translation: notice 'extended_before'" in str(caught.value)
