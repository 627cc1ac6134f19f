"""Keeps the language switcher's links relative, so they work under file:// and on any sub-path.

mkdocs-static-i18n leaves the home pages' switcher links absolute ('/', '/zh/'); MkDocs' url filter
makes a site-relative link relative to the page, so the leading slash is all that must go.
"""


def site_relative_alternates(alternates):
    if not alternates:
        return alternates
    return [
        {**entry, "link": entry["link"].lstrip("/") or "./"}
        if entry.get("link", "").startswith("/") and not entry["link"].startswith("//")
        else entry
        for entry in alternates
    ]
