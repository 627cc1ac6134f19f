"""Every page's script policy: no inline script anywhere (Material's are moved into files), a <meta>
policy on every page and the same as a hosting header; pages, search, the language switch and the
wizard work under it with no violation, over http and from the offline copy (file://)."""

import re

import pytest

from sitebuild import script_policy
from sitebuild.languages import languages
from testkit.static_server import serve

from search_driver import search_results
from wizard_driver import answer, current_question, wait_ready, wait_rendered

pytestmark = pytest.mark.browser

WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# The wizard page of every language, as a folder's index (web) or a file (offline copy).
WIZARD_PAGES = {f"{language.prefix}wizard{end}" for language in languages() for end in ("/index.html", ".html")}


def pages_of(root):
    return sorted(path for path in root.rglob("*.html") if "assets" not in path.parts)


@pytest.mark.parametrize("which", ["site", "offline_copy"])
def test_no_page_has_an_inline_script_and_each_carries_its_policy(which, site_dir, offline_copy):
    root = site_dir if which == "site" else offline_copy.site_dir
    pages = pages_of(root)
    assert len(pages) > 40
    for path in pages:
        html = path.read_text("utf-8")
        assert not INLINE_SCRIPT.search(html), path
        policies = META.findall(html)
        assert len(policies) == 1, path
        relative = path.relative_to(root).as_posix()
        if "wizard-embed" in relative:
            expected = script_policy.EMBED_CSP
        elif relative in WIZARD_PAGES:
            expected = script_policy.WIZARD_PAGE_CSP
        else:
            expected = script_policy.PAGE_CSP
        assert policies[0] == expected, path
        assert "'unsafe-inline'" not in policies[0] and "'unsafe-eval'" not in policies[0]


class Watched:
    """A page whose policy violations and console errors are recorded from its first script on."""

    def __init__(self, browser, route_only_files=False):
        self.context = browser.new_context(service_workers="block")
        self.context.add_init_script(WATCH_VIOLATIONS)
        if route_only_files:
            self.context.route(
                "**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort()
            )
        self.page = self.context.new_page()
        self.console = []
        self.page.on("console", lambda message: self.console.append(message.text))
        self.page.on("pageerror", lambda error: self.console.append(str(error)))

    def violations(self):
        csp = [text for text in self.console if "Content Security Policy" in text or "Refused to" in text]
        return self.page.evaluate("() => window.__violations") + csp

    def inline_script_is_refused(self):
        self.page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.append(s); }"
        )
        # An allowed inline script runs inside append(); the violation is reported in a task after it.
        refused = self.page.evaluate("() => window.__inline") is None
        self.page.wait_for_function("() => window.__violations.some((v) => v.startsWith('script-src'))")
        self.page.evaluate("() => { window.__violations = []; }")  # the one this check caused
        self.console.clear()
        return refused

    def search(self, query):
        return len(search_results(self.page, query))

    def answers_a_question_in_the_wizard(self, url):
        self.page.goto(url + "#purpose=work&status=outside")
        wait_ready(self.page)
        wait_rendered(self.page)
        answer(self.page, "nationality", "US")
        return current_question(self.page) not in (None, "nationality")  # Python answered: the next step


@pytest.fixture(scope="module")
def hosted(site_dir):
    """The site served with the hosting headers README documents."""
    with serve(site_dir, headers=script_policy.hosting_headers) as url:
        yield url


@pytest.fixture
def watched(browser):
    made = []

    def make(**options):
        made.append(Watched(browser, **options))
        return made[-1]

    yield make
    for item in made:
        item.context.close()


@pytest.mark.parametrize("path", ["", "visas/", "zh/visa-free/", "about/", "wizard/webmasters/"])
def test_pages_load_under_the_hosting_policy_with_no_violation_and_refuse_inline_script(watched, hosted, path):
    view = watched()
    view.page.goto(hosted + path, wait_until="networkidle")
    assert view.page.locator("h1").first.inner_text().strip()
    assert view.violations() == []
    assert view.inline_script_is_refused()


def test_search_and_the_language_switch_work_under_the_policy(watched, hosted):
    view = watched()
    view.page.goto(hosted + "visas/", wait_until="networkidle")
    assert view.search("Five-Star") > 0
    view.page.keyboard.press("Escape")
    view.page.locator(".md-select__link[hreflang=zh]").evaluate("link => link.click()")
    view.page.wait_for_url(hosted + "zh/visas/")
    assert view.page.evaluate("document.documentElement.lang") == "zh"
    assert view.search("五星卡") > 0
    assert view.violations() == []


def test_the_wizard_runs_python_under_the_policy_with_no_violation(watched, hosted):
    view = watched()
    assert view.answers_a_question_in_the_wizard(hosted + "wizard/")
    assert view.violations() == []
    assert view.inline_script_is_refused()


def test_the_offline_copy_works_under_its_meta_policy_search_switch_and_wizard_included(watched, offline_copy):
    root = offline_copy.site_dir.as_uri() + "/"
    view = watched(route_only_files=True)
    view.page.goto(root + "visas/index.html")
    assert view.search("Five-Star") > 0
    view.page.keyboard.press("Escape")
    view.page.locator(".md-select__link[hreflang=zh]").evaluate("link => link.click()")
    view.page.wait_for_url(root + "zh/visas/index.html")
    assert view.violations() == []
    assert view.inline_script_is_refused()
    assert view.answers_a_question_in_the_wizard(root + "zh/wizard/index.html")
    assert view.violations() == []
