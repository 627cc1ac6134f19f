"""The public "What changed" pages show the changelog from the rules, in English and Chinese."""

from wizard.tooling.changelog import PLACEHOLDER


def test_the_what_changed_pages_show_the_dated_changes_from_the_rules(site_dir):
    en = (site_dir / "changes" / "index.html").read_text(encoding="utf-8")
    zh = (site_dir / "zh" / "changes" / "index.html").read_text(encoding="utf-8")
    for page in (en, zh):
        assert PLACEHOLDER not in page
        assert 'href="http://en.people.cn/n3/2025/0902/c90000-20361235.html"' in page
    assert "<strong>17 December 2024</strong>: 72-hour and 144-hour visa-free transit became 240 hours" in en
    assert en.index("14 September 2026") < en.index("17 December 2024") < en.index("1 December 2023")
    assert "<strong>2024年12月17日</strong>：72小时、144小时过境免签停留时间延长为240小时" in zh
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="changes/"' in home  # in the navigation
