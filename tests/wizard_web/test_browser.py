"""The Wizard the browser's Python holds (wizard/web/browser.py): built from the bundle every language
shares, then given the page's language's texts; texts it cannot use are refused with a clear error."""

import json

import pytest

from wizard.engine import texts_for, without_texts
from wizard.web.browser import Wizard

DAY = "2026-12-06"


@pytest.fixture
def shared_wizard(compiled_rules):
    return Wizard(json.dumps(without_texts(compiled_rules.bundle)))


def test_the_shared_bundle_and_one_language_s_texts_render_that_language_s_first_question(
    shared_wizard, compiled_rules
):
    shared_wizard.add_texts(json.dumps(texts_for(compiled_rules.bundle, "ru")))
    reply = json.loads(shared_wizard.step("", "ru", DAY))
    assert reply["kind"] == "question"
    whole = Wizard(json.dumps(compiled_rules.bundle))
    assert reply == json.loads(whole.step("", "ru", DAY))


@pytest.mark.parametrize("damaged", ["{}", "[]", '{"messages": {}}', '"texts"'])
def test_texts_with_no_language_s_messages_are_refused_saying_so(shared_wizard, damaged):
    with pytest.raises(ValueError, match="not a language's texts"):
        shared_wizard.add_texts(damaged)


def test_a_step_before_any_texts_were_added_says_so_instead_of_failing_obscurely(shared_wizard):
    with pytest.raises(ValueError, match="no language's texts were added"):
        shared_wizard.step("", "en", DAY)


def test_the_snapshot_probe_is_the_first_question_in_the_language_whose_texts_came_last(shared_wizard, compiled_rules):
    # A snapshot is made after the page's texts are added, and probed on restore before the next
    # page's are: the probe is in the language the snapshot holds.
    for lang in ("ru", "zh"):
        shared_wizard.add_texts(json.dumps(texts_for(compiled_rules.bundle, lang)))
        assert shared_wizard.probe() == shared_wizard.step("", lang, "2000-01-01")
        assert json.loads(shared_wizard.probe())["kind"] == "question"
