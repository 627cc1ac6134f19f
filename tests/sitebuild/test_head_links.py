"""The head's language links are dropped (Material fetched a sitemap beside each, two 404s a page),
the language switcher's links stay, and a change in Material's markup fails the build."""

import pytest

from sitebuild.head_links import HeadChanged, drop_language_links

PAGE = """<html><head>
      <link rel="canonical" href="http://127.0.0.1:8000/wizard/">
          <link rel="alternate" href="./" hreflang="en">
          <link rel="alternate" href="../zh/wizard/" hreflang="zh">
      <link rel="icon" href="../assets/images/favicon.png">
</head><body><a href="../zh/wizard/" hreflang="zh" class="md-select__link">简体中文</a></body></html>"""


def test_the_head_loses_its_language_links_and_keeps_the_rest():
    html = drop_language_links(PAGE)
    assert 'rel="alternate"' not in html
    assert 'rel="canonical"' in html and 'rel="icon"' in html
    assert '<a href="../zh/wizard/" hreflang="zh" class="md-select__link">' in html


def test_a_page_without_them_is_unchanged():
    page = "<html><head><title>x</title></head><body></body></html>"
    assert drop_language_links(page) == page


def test_language_links_in_another_form_fail_the_build():
    with pytest.raises(HeadChanged, match="head_links.py"):
        drop_language_links('<html><head><link hreflang="zh" rel="alternate" href="../zh/"></head></html>')
