"""The web layer's step: the fragment is the only state (decision 0003), so an answer of "not sure"
to the stay question must come back from the fragment as it went in, on the question and the result."""

import re

from wizard.web import fragment
from wizard.web.session import handle

from shared_rules import TODAY, engine

WORKER = "status=outside&purpose=work&nationality=US&travel_date=%s&circumstances=none" % TODAY


def _reply(fragment_text, lang="en"):
    rules = engine()
    return handle(rules, fragment_text, lang, TODAY, rules.bundle["ui"][lang])


def test_an_open_ended_stay_stays_unknown_in_the_result_s_fragment_and_its_reasons_say_the_assumption():
    reply = _reply(WORKER + "&stay_days=unknown")
    assert reply["kind"] == "result"
    answers, _, _ = fragment.parse(reply["fragment"])
    assert answers["stay_days"] == "unknown"
    assert "more than 180 days" in reply["html"]


def test_asking_the_stay_again_after_not_sure_ticks_the_box_and_leaves_the_number_off():
    reply = _reply(fragment.build({**fragment.parse(WORKER)[0], "stay_days": "unknown"}, change="stay_days"))
    form = reply["html"]
    assert reply["kind"] == "question" and 'data-question="stay_days"' in form
    assert re.search(
        r'<input type="checkbox" id="wizard-unknown" name="stay_days" value="unknown" data-unknown checked', form
    )
    assert re.search(r'<input id="wizard-input" type="number" name="stay_days" required[^>]* disabled', form)
    assert not re.search(r'id="wizard-input"[^>]* value=', form)


def test_asking_the_stay_again_after_a_number_keeps_the_number_and_leaves_the_box_unticked():
    reply = _reply(fragment.build({**fragment.parse(WORKER)[0], "stay_days": "200"}, change="stay_days"))
    form = reply["html"]
    assert 'value="200"' in form and " disabled" not in form
    assert re.search(r'id="wizard-unknown" name="stay_days" value="unknown" data-unknown aria-describedby', form)


def test_the_stay_question_offers_the_box_labelled_in_each_language():
    for lang in ("en", "zh"):
        form = _reply(WORKER, lang)["html"]
        label = engine().catalogues[lang].option("stay_days", "unknown")
        assert f'<label for="wizard-unknown">{label}</label>' in form, lang
