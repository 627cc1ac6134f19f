"""Every documented deep-link example reaches the question or result it says (webmasters pages in
each language, wizard/README.md), and the READMEs show the policy and headers sitebuild/script_policy.py defines."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

from sitebuild import embed, script_policy
from sitebuild.languages import languages
from sitebuild.paths import ROOT

from shared_rules import BUILD_DATE


class _Examples(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for kind in ("question", "result"):
            if tag == "a" and f"data-expect-{kind}" in attrs:
                self.found.append((attrs["href"], kind, attrs[f"data-expect-{kind}"]))


def _page_examples(site_dir, prefix):
    parser = _Examples()
    parser.feed((site_dir / prefix / "wizard" / "webmasters" / "index.html").read_text(encoding="utf-8"))
    return parser.found


def _readme_examples():
    text = (ROOT / "wizard" / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^\| `#([^`]+)` \| (question|result) `(\w+)`", text, re.M)


def _reaches(engine, fragment, kind, expected):
    outcome = engine.evaluate(dict(parse_qsl(unquote(fragment))), BUILD_DATE.isoformat())
    assert outcome["kind"] == kind, (fragment, outcome)
    assert outcome["question" if kind == "question" else "primary"] == expected, fragment
    assert "invalid_value" not in outcome["notices"] and "unknown_question" not in outcome["notices"]


@pytest.mark.parametrize("language", [language.prefix for language in languages()], ids=lambda p: p or "en")
def test_every_example_link_on_the_webmasters_page_reaches_the_question_or_result_it_names(site_dir, rules_engine, language):
    examples = _page_examples(site_dir, language)
    assert len(examples) >= 6
    purposes = set()
    for href, kind, expected in examples:
        parts = urlsplit(href)
        assert parts.path == "../", href  # the full wizard of the same language
        _reaches(rules_engine, parts.fragment, kind, expected)
        purposes.add(dict(parse_qsl(unquote(parts.fragment)))["purpose"])
    assert {"study", "work", "family_chinese"} <= purposes  # a student, a worker, a spouse of a Chinese citizen


def test_every_example_in_the_wizard_readme_reaches_what_it_names(rules_engine):
    examples = _readme_examples()
    assert len(examples) >= 4
    for fragment, kind, expected in examples:
        _reaches(rules_engine, fragment, kind, expected)


def test_the_readme_shows_the_embed_policy_and_hosting_headers_of_the_script_policy():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"\n{script_policy.EMBED_CSP}\n" in readme
    for paths, header, value in script_policy.headers_table():
        assert f"| {paths} | `{header}` | `{value}` |" in readme


def test_the_webmasters_pages_show_the_policy_and_headers_of_the_script_policy(site_dir):
    for language in languages():
        html = (site_dir / language.prefix / "wizard" / "webmasters" / "index.html").read_text(encoding="utf-8")
        assert embed.csp_html() in html
        assert script_policy.EMBED_HEADER_CSP.replace("'", "&#x27;") in html
