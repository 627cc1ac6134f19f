"""Every built page links to the same page in each other language, and that link resolves."""

from testkit.built_html import built_pages, resolve_local
from sitebuild.languages import languages


def _content_pages(site_dir):
    # The embed (wizard-embed) goes in other sites' iframes: no header, so no language switch.
    return [
        page
        for page in built_pages(site_dir)
        if page.path.name != "404.html" and page.path.parent.name != "wizard-embed"
    ]


def test_every_page_links_to_its_counterpart_in_every_language(site_dir):
    codes = {language.code for language in languages()}
    problems = []
    for page in _content_pages(site_dir):
        missing = codes - set(page.alternates)
        if missing:
            problems.append(f"{page.path.relative_to(site_dir)} has no switch to {sorted(missing)}")
    assert not problems, "\n".join(problems)


def test_each_language_switch_lands_on_the_same_page_in_that_language(site_dir):
    problems = []
    for page in _content_pages(site_dir):
        relative = page.path.relative_to(site_dir)
        own = next((lang for lang in languages() if not lang.default and relative.parts[0] == lang.code), None)
        page_within_language = relative.relative_to(own.code) if own else relative
        for language in languages():
            target, _ = resolve_local(page.path, page.alternates[language.code])
            expected = site_dir / language.prefix / page_within_language
            if target != expected:
                problems.append(f"{relative} switches to {target.relative_to(site_dir)} for {language.code}")
            elif not target.is_file():
                problems.append(f"{relative}: {language.code} counterpart {target} does not exist")
    assert not problems, "\n".join(problems)


def test_each_page_declares_its_own_language(site_dir):
    for page in _content_pages(site_dir):
        relative = page.path.relative_to(site_dir)
        expected = next(
            (lang.code for lang in languages() if not lang.default and relative.parts[0] == lang.code), None
        )
        expected = expected or next(lang.code for lang in languages() if lang.default)
        assert page.lang == expected, f"{relative} says lang={page.lang!r}"
