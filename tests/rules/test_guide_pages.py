"""Guide links in the rules reach a page and a heading in every language's docs
(wizard/tooling/guide_pages.py), on a small docs tree of two languages."""

from wizard.tooling.guide_pages import anchors, problems


def docs_tree(tmp_path, zh_heading):
    for lang, heading in (("en", "## Where to apply"), ("zh", zh_heading)):
        page = tmp_path / lang / "visas" / "tourism-l.md"
        page.parent.mkdir(parents=True)
        page.write_text("# Title\n\n```\n## not a heading\n```\n\n%s\n\nText.\n" % heading, encoding="utf-8")
    return tmp_path / "en"


def test_a_heading_gives_its_explicit_id_or_its_slug(tmp_path):
    root = docs_tree(tmp_path, "## 在哪里申请 {#where-to-apply}")
    assert anchors(root / "visas" / "tourism-l.md") == {"title", "where-to-apply"}
    assert anchors(tmp_path / "zh" / "visas" / "tourism-l.md") == {"title", "where-to-apply"}


def test_a_guide_whose_page_and_anchor_exist_in_every_language_has_no_problem(tmp_path):
    assert (
        problems(
            docs_tree(tmp_path, "## 在哪里申请 {#where-to-apply}"), "visas/tourism-l/#where-to-apply", ["en", "zh"]
        )
        == []
    )


def test_an_anchor_missing_from_one_languages_page_is_reported_for_that_language(tmp_path):
    root = docs_tree(tmp_path, "## 在哪里申请")  # the translation lost the English anchor
    found = problems(root, "visas/tourism-l/#where-to-apply", ["en", "zh"])
    assert len(found) == 1 and found[0].startswith("no heading with anchor #where-to-apply in") and "/zh/" in found[0]


def test_a_page_missing_from_one_language_is_reported(tmp_path):
    root = docs_tree(tmp_path, "## 在哪里申请 {#where-to-apply}")
    (tmp_path / "zh" / "visas" / "tourism-l.md").unlink()
    assert problems(root, "visas/tourism-l/", ["en", "zh"]) == [
        "no guide page for 'visas/tourism-l/' in %s" % (tmp_path / "zh")
    ]
