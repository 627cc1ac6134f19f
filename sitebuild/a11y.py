"""Accessibility fixes to Material's generated HTML that its template blocks cannot reach: the search
dialog gets a name, and each nested navigation section is named by its own title. Each fix names the exact markup it expects, so a Material update that changes
it fails the build instead of silently dropping the fix."""

import re
from html import escape

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


class MarkupChanged(ValueError):
    """Material's markup no longer has what a fix expects."""


def name_search_dialog(html: str, label: str) -> str:
    """Material's search dialog has no accessible name (axe: aria-dialog-name); give it one."""
    if SEARCH_DIALOG not in html:
        if 'data-md-component="search"' in html:
            raise MarkupChanged("Material's search dialog markup changed; update sitebuild/a11y.py")
        return html  # a page without Material's header (the embed) has no search dialog
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{escape(label, quote=True)}">', 1)


# A nested section's nav is labelled by the toggle beside the section's index link, which holds only
# an icon: every section nav had an empty name (axe: landmark-unique). Its own title label has the text.
_SECTION_NAV = re.compile(
    r'(<nav class="md-nav" data-md-level="\d+" )aria-labelledby="(__nav_[\w]+)_label"( aria-expanded="\w+">\s*)'
    r'<label class="md-nav__title" for="\2">'
)


def name_section_navs(html: str) -> str:
    """Point each nested section nav at its title label (which gets an id), so each has a unique name."""
    fixed, count = _SECTION_NAV.subn(
        r'\1aria-labelledby="\2_title"\3<label class="md-nav__title" for="\2" id="\2_title">', html
    )
    if count == 0 and re.search(r'<nav class="md-nav" data-md-level="\d+" aria-labelledby="__nav_', html):
        raise MarkupChanged("Material's section navigation markup changed; update sitebuild/a11y.py")
    return fixed
