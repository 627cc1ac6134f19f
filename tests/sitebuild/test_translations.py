"""Translation checks: each translation keeps the English structure and records the English it was made from."""
import pytest

from sitebuild import translations

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
    assert translations.differences(translations.structure(source.read_text(encoding="utf-8")), translations.structure(text)) == []
