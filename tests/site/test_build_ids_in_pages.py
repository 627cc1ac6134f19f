"""The built site's pages name their build in every URL of the site's own assets (decision 0009), and
no page keeps the templates' placeholder, in the web site or in the offline copy."""

import re

from sitebuild.service_worker import BUILD_PLACEHOLDER, read_manifest

# The site's own stylesheets and scripts, as a page's src/href attributes name them.
OWN_ASSET = re.compile(r'(?:src|href)="([^"]*(?:site\.css|offline-cache\.js|assets/wizard/[\w.-]+\.(?:js|css))[^"]*)"')


def test_every_page_names_the_build_of_its_own_assets(site_dir):
    build = read_manifest(site_dir)["build"]
    pages = [page for page in site_dir.rglob("*.html") if not page.relative_to(site_dir).parts[0] == "downloads"]
    unstamped = {}
    for page in pages:
        urls = OWN_ASSET.findall(page.read_text("utf-8"))
        wrong = [url for url in urls if not url.endswith(f"?build={build}")]
        if wrong:
            unstamped[page.relative_to(site_dir).as_posix()] = wrong
    assert not unstamped
    about = (site_dir / "about" / "index.html").read_text("utf-8")
    assert f"site.css?build={build}" in about and f"offline-cache.js?build={build}" in about


def test_no_page_keeps_the_placeholder_in_the_site_or_the_offline_copy(site_dir, offline_copy):
    for root in (site_dir, offline_copy.site_dir):
        left = [page for page in root.rglob("*.html") if f"build={BUILD_PLACEHOLDER}" in page.read_text("utf-8")]
        assert not left, left[:5]
