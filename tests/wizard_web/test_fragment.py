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


# Hostile and odd fragments: escapes cut short, bad UTF-8, '+', empty keys and values, '=' in values.
ODD_FRAGMENTS = [
    "",
    "&&&",
    "a",
    "a=",
    "=v",
    "a=1&a=2",
    "a=b=c",
    "a+b=c+d",
    "a%2Bb=%2B",
    "k=%",
    "k=%4",
    "k=%zz%41",
    "k=%E4%B8%AD",
    "k=%E4%B8",
    "k=%E4a%B8",
    "k=%F0%9F%98",
    "k=%ED%A0%80",
    "k=中%E4文",
    "k=%00%0A%7F",
    "%3Cscript%3E=%22%27",
    "k=v;x=y",
]


def test_odd_fragments_are_read_exactly_as_urllib_reads_them():
    from urllib.parse import parse_qsl

    for text in ODD_FRAGMENTS:
        assert fragment.read_pairs(text) == parse_qsl(text), text


def test_random_fragments_are_read_exactly_as_urllib_reads_them():
    import random
    from urllib.parse import parse_qsl

    pieces = [
        "%",
        "%4",
        "%41",
        "%e4",
        "%B8",
        "%AD",
        "%C3",
        "%A9",
        "%zz",
        "+",
        "=",
        "&",
        "a",
        "Z",
        "9",
        "中",
        "é",
        " ",
        ";",
    ]
    rng = random.Random(20261129)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert fragment.read_pairs(text) == parse_qsl(text), text


def test_fragments_are_written_exactly_as_urllib_writes_them():
    import random
    from urllib.parse import urlencode

    alphabet = "aZ09_.-~ +&=%#?/<>\"'中é😀\t\n"
    rng = random.Random(11)
    for _ in range(2000):
        answers = {
            "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))): "".join(
                rng.choice(alphabet) for _ in range(rng.randint(1, 8))
            )
            for _ in range(rng.randint(0, 4))
        }
        assert fragment.build(answers) == urlencode(list(answers.items())), answers
