"""Translation checks: each translation keeps the English structure and records the English it was made from."""

import pytest

from sitebuild import translations
from sitebuild.languages import languages

ENGLISH = """---
reviewed: 2026-11-23
---

# Study visas

## Who it is for

| Visa | Stay |
|---|---|
| X1 | > 180 days |

See [the wizard](../wizard/index.md#purpose=study) and [residence](../residence/index.md).

```
## not a heading inside a code block
```
"""

CHINESE = """---
reviewed: 2026-11-23
---

# 学习签证

## 适用对象 {#who-it-is-for}

| 签证 | 停留期 |
|---|---|
| X1 | 超过 180 天 |

请参阅[居留](../residence/index.md)和[向导](../wizard/index.md#purpose=study)。
"""


def test_a_faithful_translation_has_the_same_structure():
    assert translations.differences(translations.structure(ENGLISH), translations.structure(CHINESE)) == []


def test_a_heading_without_the_english_anchor_is_reported():
    broken = CHINESE.replace(" {#who-it-is-for}", "")
    problems = translations.differences(translations.structure(ENGLISH), translations.structure(broken))
    assert any("headings/anchors" in problem for problem in problems)


def test_a_dropped_link_or_table_row_is_reported():
    broken = CHINESE.replace("和[向导](../wizard/index.md#purpose=study)", "").replace("| X1 | 超过 180 天 |\n", "")
    problems = translations.differences(translations.structure(ENGLISH), translations.structure(broken))
    assert any("links differ" in problem for problem in problems)
    assert any("tables differ" in problem for problem in problems)


def test_the_fingerprint_changes_when_the_english_page_changes(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(ENGLISH, encoding="utf-8")
    before = translations.fingerprint(page)
    page.write_text(ENGLISH.replace("180", "181"), encoding="utf-8")
    assert translations.fingerprint(page) != before and len(before) == 12


@pytest.mark.parametrize(
    "source, translated, code", list(translations.translation_pairs()), ids=lambda value: str(value).split("docs/")[-1]
)
def test_every_translation_matches_its_english_page_and_is_current(source, translated, code):
    assert translated.exists(), f"{translated} is missing"
    text = translated.read_text(encoding="utf-8")
    assert translations.front_matter(text).get("translation_of") == translations.fingerprint(source), (
        f"{translated} was made from another version of {source}: update it, then its translation_of"
    )
    assert translations.page_problems(source, text, code) == []


TERMS = [
    {"en": "residence permit", "zh": "居留许可", "reject": ["居留证件"]},
    {"en": "quotation marks around Chinese text", "zh": "“”", "reject": ['"[^"\\n]*[\\u4e00-\\u9fff][^"\\n]*"']},
]


def test_a_variant_the_termbase_rejects_is_reported_with_its_line():
    page = "---\nreviewed: 2026-11-29\n---\n\n# 居留\n\n请办理居留证件。\n"
    assert translations.term_problems(page, TERMS, "zh") == [
        "line 7: '居留证件' rejected by the termbase; use '居留许可' (residence permit)"
    ]


def test_admonition_titles_and_link_targets_are_syntax_not_prose():
    page = '!!! note "出行前请核实"\n    见[居留许可](../residence/index.md "居留证件")。\n'
    assert translations.term_problems(page, TERMS, "zh") == []


def test_ascii_quotes_around_chinese_text_are_reported():
    assert translations.term_problems('凭"口岸签证通知"申请。\n', TERMS, "zh") == [
        "line 1: '\"口岸签证通知\"' rejected by the termbase; use '“”' (quotation marks around Chinese text)"
    ]


def test_the_termbase_sends_chinese_readers_to_the_chinese_nia_site_without_a_structure_difference():
    english = translations.structure("See [NIA](https://en.nia.gov.cn/).\n")
    chinese = translations.structure("见[国家移民管理局](https://www.nia.gov.cn/)。\n")
    links = {"https://en.nia.gov.cn/": "https://www.nia.gov.cn/"}
    assert translations.differences(translations.localized(english, links), chinese) == []
    assert translations.differences(english, chinese) != []


def test_the_chinese_termbase_file_is_loaded():
    terms = translations.termbase("zh")
    assert any(term["zh"] == "居留许可" for term in terms["terms"]) and terms["links"]


@pytest.mark.parametrize("code", [language.code for language in languages()])
def test_every_languages_termbase_file_is_well_formed(code):
    assert translations.termbase_problems(code) == []


def _termbase(tmp_path, text):
    path = tmp_path / "xx.termbase.yml"
    path.write_text(text, encoding="utf-8")
    return translations.termbase_problems("xx", path)


SOURCED = """terms:
  - en: residence permit
    xx: permis de séjour
    reject: ["carte de séjour"]
    source: https://www.nia.gov.cn/
  - en: port visa
    xx: visa au port
    note: no official page in this language names it
links: {}
"""


def test_a_new_languages_termbase_with_a_source_or_a_note_per_entry_passes(tmp_path):
    assert _termbase(tmp_path, SOURCED) == []


def test_a_new_languages_term_with_neither_source_nor_note_is_reported(tmp_path):
    assert _termbase(tmp_path, SOURCED.replace("    note: no official page in this language names it\n", "")) == [
        "xx.termbase.yml: terms[1] (port visa): neither `source:` (the official page using the term) nor `note:` (why none)"
    ]


def test_a_term_under_another_languages_key_is_reported(tmp_path):
    problems = _termbase(tmp_path, SOURCED.replace("xx: permis", "zh: permis"))
    assert problems == [
        "xx.termbase.yml: terms[0] (residence permit): no `xx:` text",
        "xx.termbase.yml: terms[0] (residence permit): unknown keys ['zh'] (a xx termbase has en, xx, reject, source, note)",
    ]


def test_a_reject_pattern_that_is_no_regular_expression_is_reported_not_raised(tmp_path):
    problems = _termbase(tmp_path, SOURCED.replace('"carte de séjour"', '"carte (de"'))
    assert len(problems) == 1 and "reject pattern 'carte (de' is not a regular expression" in problems[0]


def test_a_source_that_is_no_url_and_links_that_are_no_mapping_are_reported(tmp_path):
    problems = _termbase(
        tmp_path, SOURCED.replace("https://www.nia.gov.cn/", "NIA website").replace("links: {}", "links: [a]")
    )
    assert problems == [
        "xx.termbase.yml: terms[0] (residence permit): `source:` is not a URL or a {url, title} mapping: 'NIA website'",
        "xx.termbase.yml: `links` is not a mapping of English-site links to this language's",
    ]


def test_a_source_given_as_its_url_and_title_passes_and_one_without_a_title_is_reported(tmp_path):
    titled = 'source: {url: "https://www.nia.gov.cn/", title: "NIA"}'
    assert _termbase(tmp_path, SOURCED.replace("source: https://www.nia.gov.cn/", titled)) == []
    untitled = 'source: {url: "https://www.nia.gov.cn/", title: ""}'
    assert len(_termbase(tmp_path, SOURCED.replace("source: https://www.nia.gov.cn/", untitled))) == 1


def test_a_termbase_that_is_not_yaml_is_reported_in_one_line(tmp_path):
    assert _termbase(tmp_path, "terms: [\n")[0].startswith("xx.termbase.yml: not YAML: ")


def test_a_rejected_variant_names_the_term_in_the_pages_own_language():
    terms = [{"en": "residence permit", "ru": "вид на жительство", "reject": ["разрешение на проживание"]}]
    assert translations.term_problems("Получите разрешение на проживание.\n", terms, "ru") == [
        "line 1: 'разрешение на проживание' rejected by the termbase; use 'вид на жительство' (residence permit)"
    ]
