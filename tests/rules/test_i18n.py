"""Every message id exists in every catalogue, and the Chinese one is written in Chinese."""

import re

import pytest

CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def flatten(node, prefix=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from flatten(value, "%s/%s" % (prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from flatten(value, "%s/%d" % (prefix, i))
    else:
        yield prefix, node


@pytest.fixture(scope="module")
def catalogues(bundle):
    """Each language's texts by pointer: its messages and its interface strings (bundle["ui"])."""
    return {lang: dict(flatten({**m, "interface": bundle["ui"][lang]})) for lang, m in bundle["messages"].items()}


def test_english_and_chinese_catalogues_are_present_the_default_language_first(bundle):
    languages = bundle["languages"]
    assert {"en", "zh"} <= set(languages) == set(bundle["messages"])
    assert languages == [bundle["default_language"]] + sorted(set(languages) - {bundle["default_language"]})


def test_every_message_id_is_in_every_catalogue(catalogues):
    def ids(cat):
        return {k for k in cat if not k.startswith("/meta")}

    english = ids(catalogues["en"])
    for lang, cat in catalogues.items():
        assert ids(cat) == english, lang


def test_each_reason_uses_the_same_placeholders_in_every_language(catalogues):
    for key, text in catalogues["en"].items():
        if key.startswith("/meta"):  # forms and CLDR data differ by language; units are checked below
            continue
        for lang, cat in catalogues.items():
            assert set(PLACEHOLDER.findall(cat[key])) == set(PLACEHOLDER.findall(text)), (lang, key)


def test_every_plural_form_of_every_unit_shows_the_number(bundle):
    for lang, messages in bundle["messages"].items():
        for unit, forms in messages["meta"]["units"].items():
            assert all(PLACEHOLDER.findall(form) == ["n"] for form in forms.values()), (lang, unit, forms)


def test_every_chinese_text_is_written_in_chinese(catalogues):
    for key, text in catalogues["zh"].items():
        if key.startswith("/meta"):
            continue
        assert CJK.search(text), key


def test_chinese_text_uses_chinese_punctuation(catalogues):
    for key, text in catalogues["zh"].items():
        if key.startswith("/meta"):
            continue
        bare = PLACEHOLDER.sub("", text)
        assert not re.search(r"[\u4e00-\u9fff][,;:?!]", bare), (key, text)


def test_country_names_come_from_cldr_for_every_language(bundle):
    names = bundle["country_names"]
    assert names["en"]["GB"] == "United Kingdom" and names["zh"]["GB"] == "英国"
    assert names["zh"]["HK"].startswith("中国香港")
    for lang in bundle["languages"]:
        assert set(names[lang]) == set(bundle["countries"]["all"])
