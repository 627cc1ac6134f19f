"""The embed page's Content-Security-Policy: Pyodide loads and answers under it with no violation,
inline script is really refused, and with the documented hosting headers only the embed is frameable."""

import pytest

from sitebuild import script_policy
from testkit.static_server import serve

from wizard_driver import answer, current_question, wait_ready, wait_rendered

pytestmark = pytest.mark.browser

WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def _csp_console(messages):
    return [text for text in messages if "Content Security Policy" in text or "Refused to" in text]


def _open_under_csp(browser, url):
    context = browser.new_context()
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.on("pageerror", lambda error: console.append(str(error)))
    page.goto(url)
    wait_ready(page)
    wait_rendered(page)
    return context, page, console


def test_the_embed_page_carries_the_policy_defined_once_in_python(site_dir):
    html = (site_dir / "wizard-embed" / "index.html").read_text(encoding="utf-8")
    head = html.split("<head>", 1)[1]
    assert head.lstrip().startswith(f'<meta http-equiv="Content-Security-Policy" content="{script_policy.EMBED_CSP}">')
    assert "<script>" not in html and "<style>" not in html and " style=" not in html
    assert "'wasm-unsafe-eval'" in script_policy.EMBED_CSP and "'unsafe-eval'" not in script_policy.EMBED_CSP.replace(
        "'wasm-unsafe-eval'", ""
    )
    assert "'unsafe-inline'" not in script_policy.EMBED_CSP


def test_pyodide_loads_and_answers_under_the_embed_policy_with_no_violation(browser, site_url):
    context, page, console = _open_under_csp(browser, site_url + "zh/wizard-embed/#purpose=work&status=outside")
    assert current_question(page) == "nationality"
    answer(page, "nationality", "FR")  # a French passport is asked the travel date
    assert current_question(page) == "travel_date"
    assert page.evaluate("window.__violations") == []
    assert _csp_console(console) == []
    # The policy is really in force: an inline script added now is refused, and reported.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.append(s); }"
    )
    # An allowed inline script runs inside append(), so __inline is already set or never will be; the
    # violation event is reported in a task after it, so wait for that.
    assert page.evaluate("() => window.__inline") is None
    page.wait_for_function("() => window.__violations.some((v) => v.startsWith('script-src'))")
    context.close()


@pytest.fixture(scope="module")
def strict_site(site_dir):
    """The site with the embed policy sent as a header on every response, the worker and Pyodide included."""
    with serve(site_dir, headers=lambda path: {"Content-Security-Policy": script_policy.EMBED_CSP}) as url:
        yield url


def test_pyodide_in_the_worker_needs_nothing_beyond_the_policy(browser, strict_site):
    context, page, console = _open_under_csp(browser, strict_site + "wizard-embed/#purpose=study")
    assert current_question(page) == "status"
    assert page.evaluate("window.__violations") == [] and _csp_console(console) == []
    context.close()


@pytest.fixture(scope="module")
def hosted_site(site_dir):
    """The site served with the hosting headers README documents (sitebuild.script_policy.hosting_headers)."""
    with serve(site_dir, headers=script_policy.hosting_headers) as url:
        yield url


def test_with_the_hosting_headers_only_the_embed_page_can_be_framed_by_another_origin(browser, hosted_site, tmp_path):
    page_html = (
        f'<!doctype html><title>host</title><iframe id="embed" title="embed" src="{hosted_site}wizard-embed/"></iframe>'
        f'<iframe id="full" title="full" src="{hosted_site}wizard/"></iframe>'
    )
    (tmp_path / "index.html").write_text(page_html, encoding="utf-8")
    with serve(tmp_path) as host_url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(host_url)
        embed_frame = page.wait_for_selector("#embed").content_frame()
        wait_ready(embed_frame)
        full = page.wait_for_selector("#full").content_frame()
        # Wait until the frame has committed its navigation and loaded: the wizard page if it was allowed
        # to be framed, Chromium's error page if refused.
        full.wait_for_url(lambda url: url != "about:blank")
        full.wait_for_load_state("load")
        print("blocked frame:", full.url)
        assert full.locator("#wizard").count() == 0  # refused: Chromium shows its error page instead
        context.close()
