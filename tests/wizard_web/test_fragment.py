"""The URL fragment: parsed as plain pairs, capped in size, written back in answer order."""

from wizard.web import fragment


def test_a_fragment_gives_answers_keyed_by_question_id():
    answers, change, truncated = fragment.parse("#purpose=work&stay_days=200")
    assert answers == {"purpose": "work", "stay_days": "200"}
    assert change is None and truncated is False


def test_the_change_key_is_not_an_answer():
    answers, change, _ = fragment.parse("purpose=work&_change=purpose")
    assert answers == {"purpose": "work"} and change == "purpose"


def test_a_script_payload_stays_an_inert_string():
    answers, _, _ = fragment.parse("#purpose=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert answers == {"purpose": "<script>alert(1)</script>"}


def test_an_oversized_fragment_is_cut_and_says_so():
    answers, _, truncated = fragment.parse("a=" + "x" * 5000)
    assert truncated is True
    assert len(answers["a"]) < fragment.MAX_FRAGMENT_LENGTH


def test_too_many_pairs_are_cut_and_say_so():
    answers, _, truncated = fragment.parse("&".join(f"q{i}=v" for i in range(100)))
    assert truncated is True and len(answers) == fragment.MAX_PAIRS


def test_building_a_fragment_round_trips_through_parsing():
    answers = {"purpose": "family_chinese", "relationship": "spouse", "note": "a&b=c"}
    assert fragment.parse(fragment.build(answers, change="purpose"))[:2] == (answers, "purpose")
