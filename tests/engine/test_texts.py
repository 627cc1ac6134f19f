"""The bundle's texts by language (wizard/engine/texts.py): a browser fetches the shared bundle once and
only its page's language; the engine built that way answers exactly as one built from the whole bundle."""

import copy
import json

import pytest

from wizard.engine import Engine, texts_for, without_texts
from wizard.engine.texts import TEXT_SECTIONS, second_language

import dated_policy


@pytest.fixture(scope="module")
def whole(dated_engine):
    return copy.deepcopy(dated_engine.bundle)


@pytest.fixture
def visa_answers(tourist_fr):
    """A visa (45 days is beyond the fixture's visa-free 30), so the result has a checklist to print."""
    return dict(tourist_fr, stay_days="45", special_status="none", circumstances="none")


def split_engine(whole: dict, lang: str) -> Engine:
    """As the browser builds it: the shared bundle, through JSON, then the page's texts."""
    engine = Engine(json.loads(json.dumps(without_texts(whole))))
    engine.add_texts(json.loads(json.dumps(texts_for(whole, lang))))
    return engine


def test_the_shared_bundle_holds_no_language_s_words(whole):
    shared = json.dumps(without_texts(whole), ensure_ascii=False)
    assert not set(TEXT_SECTIONS) & set(without_texts(whole))
    for lang in whole["languages"]:
        assert whole["messages"][lang]["outcomes"]["ask_12367"]["title"] not in shared, lang


def test_a_language_s_texts_hold_nothing_of_another_language_but_the_document_names_for_the_printout(whole):
    for lang in whole["languages"]:
        texts = texts_for(whole, lang)
        for section in TEXT_SECTIONS:
            assert list(texts[section]) == [lang], (lang, section)
        also = second_language(whole, lang)
        assert list(texts["document_names"]) == [also]
        assert texts["document_names"][also]["passport"] == whole["messages"][also]["documents"]["passport"]["label"]


def test_the_engine_built_from_the_shared_bundle_and_one_language_answers_as_the_whole_bundle_does(
    whole, tourist_fr, visa_answers
):
    complete = Engine(copy.deepcopy(whole))
    for lang in whole["languages"]:
        engine = split_engine(whole, lang)
        for answers in [{}, {"purpose": "tourism"}, tourist_fr, visa_answers, {"purpose": "nonsense"}]:
            assert engine.step(answers, lang, dated_policy.TODAY) == complete.step(answers, lang, dated_policy.TODAY)


def test_the_printout_names_each_document_in_the_second_language_from_a_language_s_texts_alone(whole, visa_answers):
    for lang in whole["languages"]:
        checklist = split_engine(whole, lang).step(visa_answers, lang, dated_policy.TODAY)["primary"]["checklist"]
        passport = next(item for item in checklist if item["id"] == "passport")
        also = second_language(whole, lang)
        assert passport["officials_lang"] == also
        assert passport["label_officials"] == whole["messages"][also]["documents"]["passport"]["label"]


def test_a_language_the_engine_has_no_texts_for_is_a_clear_error_not_a_crash(whole):
    view = split_engine(whole, "ru").step({}, "ja", dated_policy.TODAY)
    assert view["kind"] == "error" and [e["code"] for e in view["errors"]] == ["bad_language"]
    assert view["errors"][0]["message"] == whole["messages"]["ru"]["errors"]["bad_language"]


def test_texts_added_again_replace_the_older_ones(whole):
    engine = split_engine(whole, "en")
    newer = copy.deepcopy(texts_for(whole, "en"))
    newer["messages"]["en"]["outcomes"]["ask_12367"]["title"] = "Newer title"
    engine.add_texts(newer)
    assert engine.catalogues["en"].get("outcomes", "ask_12367", "title") == "Newer title"
