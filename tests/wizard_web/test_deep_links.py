"""Deep links in the web layer: presets stay in the fragment, in every form and in the back link,
until their question is reached. Asked of the dated copy (tests/dated_policy.py), on which FR's
place on the fixture list ends within the dates a trip may take, so the travel date is asked."""

import re

import pytest

from wizard.web.session import handle

from dated_policy import TODAY, dated_engine


@pytest.fixture(scope="module")
def wizard():
    """The dated copy's engine and its English interface strings."""
    engine = dated_engine()
    return engine, engine.bundle["ui"]["en"]


def _step(wizard, fragment):
    engine, ui = wizard
    reply = handle(engine, fragment, "en", TODAY, ui)
    question = re.search(r'data-question="(\w+)"', reply["html"])
    base = re.search(r'data-base="([^"]*)"', reply["html"])
    return reply, question and question.group(1), base and base.group(1).replace("&amp;", "&")


def test_a_partial_link_starts_at_the_first_unanswered_question_and_keeps_its_presets(wizard):
    reply, question, base = _step(wizard, "#nationality=FR&purpose=study")
    assert question == "status"
    assert reply["fragment"] == "purpose=study&nationality=FR"
    assert base == "purpose=study&nationality=FR"


def test_a_link_with_only_a_later_answer_still_asks_the_first_question(wizard):
    reply, question, base = _step(wizard, "#nationality=FR")
    assert question == "purpose" and reply["fragment"] == "nationality=FR" and base == "nationality=FR"


def test_answering_after_a_partial_link_uses_the_presets(wizard):
    _, question, _ = _step(wizard, "#purpose=study&nationality=FR&status=outside")
    assert question == "travel_date"


def test_the_back_link_keeps_the_presets(wizard):
    reply, _, _ = _step(wizard, "#purpose=study&nationality=FR")
    assert 'href="#nationality=FR"' in reply["html"]


def test_a_hostile_preset_is_not_carried_and_not_echoed(wizard):
    reply, question, base = _step(wizard, "#purpose=study&nationality=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert question == "status" and reply["fragment"] == "purpose=study" and base == "purpose=study"
    assert "<script" not in reply["html"] and "alert(1)" not in reply["html"]
