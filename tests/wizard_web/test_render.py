"""The wizard's HTML: every text escaped, forms carrying the answers so far, checklists bilingual."""

import pytest

from wizard.engine import QUESTION_TYPES
from wizard.web import render

from shared_rules import compiled

UI = compiled().bundle["ui"]["en"]
REVIEWED = "2030-06-01"  # the date the views made here say their rules were reviewed on
HOSTILE = '<img src=x onerror="alert(1)">'


def _question_view(**question):
    base = {
        "id": "purpose",
        "text": "Why are you going?",
        "hint": "",
        "type": "choice",
        "options": [{"value": "work", "label": "Work"}, {"value": "study", "label": "Study"}],
    }
    return {"kind": "question", "question": {**base, **question}, "answered": [], "notices": []}


def _outcome(**fields):
    return {
        "id": "visa_z",
        "title": "Z visa",
        "summary": "Work",
        "reasons": ["You will work"],
        "checklist": [
            {"id": "passport", "label": "Passport", "label_officials": "护照", "officials_lang": "zh", "detail": ""}
        ],
        "duties": ["Apply for a residence permit within 30 days"],
        "not_allowed": [],
        "sources": [{"publisher": "NIA", "title": "Law", "url": "https://www.nia.gov.cn/", "date": "2013-07-01"}],
        "guide": "visas/work-z-talent-r/",
        **fields,
    }


def _result_view(primary, **fields):
    """A result view of the engine's shape with one outcome and nothing else, but fields."""
    return {
        "kind": "result",
        "primary": primary,
        "alternatives": [],
        "answered": [],
        "rules_reviewed": REVIEWED,
        "notices": [],
        **fields,
    }


def test_every_question_type_of_the_engine_has_a_form_control():
    assert set(render.CONTROLS) == set(QUESTION_TYPES)


def test_hostile_text_in_a_notice_or_answer_is_escaped():
    view = _question_view()
    view["notices"] = [{"code": "unknown_question", "message": f"Ignored {HOSTILE}"}]
    view["answered"] = [{"id": "nationality", "question": "Nationality", "value": HOSTILE, "label": HOSTILE}]
    html = render.question(view, UI, {"nationality": HOSTILE}, back="")
    assert "<img" not in html
    assert "&lt;img src=x" in html


def test_a_choice_question_is_a_labelled_radio_group_with_the_answers_so_far():
    html = render.question(_question_view(), UI, {"nationality": "FR"}, back=None)
    assert 'data-base="nationality=FR"' in html
    assert html.count('type="radio"') == 2
    assert '<label for="wizard-option-0">Work</label>' in html
    assert "<fieldset" in html and UI["back"] not in html


def _multi_view():
    return _question_view(
        id="circumstances",
        type="multi",
        options=[{"value": "urgent", "label": "Urgent"}, {"value": "under_18", "label": "Under 18"}],
        none={"value": "none", "label": "None of these"},
    )


def test_a_tick_all_that_apply_question_is_a_group_of_boxes_with_none_of_these_last():
    html = render.question(_multi_view(), UI, {}, back=None)
    assert html.count('type="checkbox"') == 3 and 'type="radio"' not in html
    assert "<fieldset" in html and "data-exclusive" in html
    assert html.index('value="under_18"') < html.index(f'wizard-or">{UI["or"]}<') < html.index('value="none"')
    assert UI["tick_required"].replace('"', "&quot;") in html or UI["tick_required"] in html


def test_changing_a_tick_all_that_apply_answer_keeps_the_ticked_boxes():
    html = render.question(_multi_view(), UI, {}, back=None, current="urgent,under_18")
    assert html.count(" checked") == 2 and 'value="none" checked' not in html
    html = render.question(_multi_view(), UI, {}, back=None, current="none")
    assert html.count(" checked") == 1 and 'value="none" checked' in html


def test_changing_an_answer_preselects_the_current_value():
    html = render.question(_question_view(), UI, {}, back="purpose=study", current="study")
    assert 'value="study" required checked' in html
    assert 'value="work" required>' in html


@pytest.mark.parametrize("kind", ["number", "date"])
def test_number_and_date_questions_keep_their_limits(kind):
    html = render.question(_question_view(type=kind, options=[], min="1", max="3650"), UI, {}, back=None)
    assert f'type="{kind}"' in html and 'min="1"' in html and 'max="3650"' in html


def test_a_result_shows_the_checklist_with_chinese_names_sources_and_duties():
    view = _result_view(
        _outcome(),
        alternatives=[_outcome(id="alt", title="Alternative")],
        answered=[{"id": "purpose", "question": "Purpose", "value": "work", "label": "Work"}],
    )
    html = render.result(view, UI, "en", "../", back="")
    assert '<span class="wizard-also" lang="zh">护照</span>' in html
    assert 'href="https://www.nia.gov.cn/"' in html and "2013-07-01" in html
    assert "Apply for a residence permit within 30 days" in html
    assert 'href="../visas/work-z-talent-r/"' in html
    assert UI["alternatives"] in html and "Alternative" in html
    assert 'href="#purpose=work&amp;_change=purpose"' in html
    assert 'datetime="%s"' % REVIEWED in html


def test_a_source_whose_page_was_not_opened_says_so_after_its_link_in_the_guides_words():
    unopened = {"publisher": "NPC", "title": "Law", "url": "http://www.npc.gov.cn/law.htm", "date": "2012-06-30"}
    view = _result_view(_outcome(sources=[{**unopened, "unopened": True}]))
    html = render.result(view, UI, "en", "../", back=None)
    assert (
        '<a href="http://www.npc.gov.cn/law.htm" rel="noopener noreferrer">Law</a> (page not opened in review), NPC'
        in html
    )
    view["primary"] = _outcome(sources=[unopened])
    assert "not opened" not in render.result(view, UI, "en", "../", back=None)


def test_a_checklist_item_without_the_officials_name_shows_one_name():
    # The engine leaves the officials' name out where the page is in their language.
    item = {"id": "passport", "label": "护照", "detail": ""}
    view = _result_view(_outcome(checklist=[item]))
    assert "wizard-also" not in render.result(view, compiled().bundle["ui"]["zh"], "zh", "../", back=None)


def test_a_duty_with_a_guide_links_to_that_page_and_section():
    item = _outcome(
        duties=["Register where you stay within 24 hours", "Extend before the stay ends"],
        duty_guides=["newcomers/after-arrival/#register-your-place-of-stay", None],
    )
    view = _result_view(item)
    html = render.result(view, UI, "en", "../", back=None)
    assert (
        '<li><a href="../newcomers/after-arrival/#register-your-place-of-stay">'
        "Register where you stay within 24 hours</a></li>"
    ) in html
    assert "<li>Extend before the stay ends</li>" in html


def test_the_renderer_escapes_exactly_as_the_standard_library_does():
    import html

    from wizard.web.render import escape

    for text in [
        "",
        "plain",
        "<script>alert('x')</script>",
        'a "quoted" & <b>',
        "&amp; already",
        "中文 & é",
        "'\"<>&" * 3,
    ]:
        assert escape(text) == html.escape(text), text
        assert escape(text, quote=False) == html.escape(text, quote=False), text


@pytest.mark.parametrize("kind", sorted(QUESTION_TYPES))
def test_every_link_of_the_error_summary_leads_to_a_field_of_its_own_question(kind):
    import re

    extra = {"min": 1, "max": 9} if kind == "number" else {}
    if kind == "multi":
        view = _multi_view()
    else:
        view = _question_view(type=kind, **extra)
    html = render.question(view, UI, {}, back=None)
    ids = set(re.findall(r' id="([^"]+)"', html))
    targets = re.findall(r'<a href="#([^"]+)"', html.split('class="wizard-error-summary"', 1)[1].split("</div>", 1)[0])
    assert targets and set(targets) <= ids, (targets, sorted(ids))


def test_a_number_offers_the_not_sure_box_only_where_the_rules_say_what_it_means():
    plain = render.question(_question_view(type="number", options=[], min="1", max="720"), UI, {}, back=None)
    assert 'type="checkbox"' not in plain and "wizard-or" not in plain
    box = {"value": "unknown", "label": HOSTILE}
    html = render.question(
        _question_view(type="number", options=[], min="1", max="3650", unknown=box), UI, {}, back=None
    )
    assert (
        '<input type="checkbox" id="wizard-unknown" name="purpose" value="unknown" data-unknown aria-describedby'
        in html
    )
    assert '<label for="wizard-unknown">&lt;img' in html and f'<p class="wizard-or">{UI["or"]}</p>' in html
    assert " disabled" not in html and " checked" not in html
