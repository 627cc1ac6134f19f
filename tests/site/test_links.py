"""Internal links and their anchors resolve in every language; no page fetches anything from elsewhere."""

from testkit.built_html import built_pages, is_external, read_page, resolve_local


def _is_answer_fragment(fragment: str) -> bool:
    """Wizard links carry answers in the fragment (purpose=work), not an element id."""
    return "=" in fragment


def test_internal_links_and_anchors_resolve(site_dir):
    pages = {page.path: page for page in built_pages(site_dir)}
    problems = []
    for page in pages.values():
        if page.path.name == "404.html":
            continue  # served at any missing path, so MkDocs gives it site-absolute links by design
        for href in page.links:
            if is_external(href) or href.startswith(("mailto:", "tel:", "javascript:")):
                continue
            target, fragment = resolve_local(page.path, href)
            where = f"{page.path.relative_to(site_dir)} -> {href}"
            if not target.exists():
                problems.append(f"{where}: no such file")
                continue
            if fragment and not _is_answer_fragment(fragment) and target.suffix == ".html":
                target_page = pages.get(target) or read_page(target)
                if fragment not in target_page.ids:
                    problems.append(f"{where}: no element with id '{fragment}'")
    assert not problems, "\n".join(problems[:50])


def test_no_page_loads_scripts_styles_fonts_images_or_frames_from_another_site(site_dir):
    problems = []
    for page in built_pages(site_dir):
        for url in page.resources:
            if is_external(url) or url.startswith("//"):
                problems.append(f"{page.path.relative_to(site_dir)} loads {url}")
        for style in page.inline_styles:
            if "url(http" in style or "@import" in style:
                problems.append(f"{page.path.relative_to(site_dir)} has a style that fetches: {style[:80]}")
    assert not problems, "\n".join(problems)


def test_no_stylesheet_imports_from_another_site(site_dir):
    problems = []
    for stylesheet in site_dir.rglob("*.css"):
        text = stylesheet.read_text(encoding="utf-8", errors="replace")
        for marker in ("url(http", "url(//", "@import url(http", "fonts.googleapis", "fonts.gstatic"):
            if marker in text:
                problems.append(f"{stylesheet.relative_to(site_dir)} contains {marker}")
    assert not problems, "\n".join(problems)
