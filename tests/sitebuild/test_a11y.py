"""The fixes to Material's HTML apply to the markup they expect and fail loudly when it changes."""

import pytest

from sitebuild import a11y

SECTION = (
    '<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_2_label" aria-expanded="false">\n'
    '          <label class="md-nav__title" for="__nav_2">Visas</label>'
)


def test_a_section_nav_is_named_by_its_own_title():
    fixed = a11y.name_section_navs(SECTION)
    assert 'aria-labelledby="__nav_2_title"' in fixed and 'for="__nav_2" id="__nav_2_title">Visas' in fixed


def test_changed_section_markup_fails_instead_of_passing_silently():
    with pytest.raises(a11y.MarkupChanged):
        a11y.name_section_navs(SECTION.replace("md-nav__title", "md-nav__heading"))


def test_the_search_dialog_gets_its_name_escaped():
    html = a11y.name_search_dialog(a11y.SEARCH_DIALOG, 'Search "this"')
    assert 'role="dialog" aria-label="Search &quot;this&quot;">' in html


def test_a_page_without_material_s_header_is_left_alone():
    assert a11y.name_search_dialog("<main>embed</main>", "Search") == "<main>embed</main>"
