"""What the build writes for newcomers: an OPEN-ME file in the unzipped offline copy, the Chinese
snippet builder preset to Chinese, the embed's visible title, and named search dialogs."""

from sitebuild.offline_copy import OPEN_ME


def test_the_unzipped_offline_copy_has_an_open_me_file_linking_each_language_s_home(offline_copy):
    page = (offline_copy.site_dir / OPEN_ME).read_text(encoding="utf-8")
    assert 'href="index.html"' in page and 'href="zh/index.html"' in page
    assert "<script" not in page
    for href in ("index.html", "zh/index.html"):
        assert (offline_copy.site_dir / href).exists()


def test_the_chinese_snippet_builder_starts_in_chinese(site_dir):
    html = (site_dir / "zh" / "wizard" / "webmasters" / "index.html").read_text(encoding="utf-8")
    assert '<option value="zh" selected>' in html
    english = (site_dir / "wizard" / "webmasters" / "index.html").read_text(encoding="utf-8")
    assert '<option value="en" selected>' in english


def test_every_page_s_search_dialog_has_a_name(site_dir):
    for lang_root, name in ((site_dir, "Search this guide"), (site_dir / "zh", "搜索本指南")):
        html = (lang_root / "visas" / "index.html").read_text(encoding="utf-8")
        assert f'role="dialog" aria-label="{name}"' in html
