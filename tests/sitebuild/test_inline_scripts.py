"""Moving inline scripts into files: executable ones move (same order, same bytes), data blocks stay,
the policy goes right after the charset, and a page with its own policy keeps it."""

import pytest

from sitebuild.inline_scripts import FOLDER, PageShapeChanged, externalize

PAGE = (
    '<html><head><meta charset="utf-8"><script>var a=1</script>'
    '<script id="__config" type="application/json">{"x":1}</script></head>'
    '<body><script src="x.js"></script><script>var b=2</script></body></html>'
)


def test_inline_scripts_become_files_and_the_policy_follows_the_charset(tmp_path):
    html = externalize(PAGE, "../", tmp_path, "script-src 'self'")
    assert html.startswith(
        '<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="script-src \'self\'">'
    )
    assert "var a=1" not in html and "var b=2" not in html
    assert '{"x":1}</script>' in html and '<script src="x.js"></script>' in html
    moved = sorted((tmp_path / FOLDER).iterdir())
    assert sorted(path.read_text("utf-8") for path in moved) == ["var a=1", "var b=2"]
    first, second = (f'src="../{FOLDER}{path.name}"' for path in moved)
    assert (html.index(first) < html.index(second)) == (moved[0].read_text("utf-8") == "var a=1")


def test_a_page_with_its_own_policy_keeps_it_and_a_page_without_a_charset_fails_loudly(tmp_path):
    own = PAGE.replace(
        '<meta charset="utf-8">',
        '<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">',
    )
    assert externalize(own, "", tmp_path, "script-src 'self'").count("Content-Security-Policy") == 1
    with pytest.raises(PageShapeChanged):
        externalize(PAGE.replace('<meta charset="utf-8">', ""), "", tmp_path, "script-src 'self'")
