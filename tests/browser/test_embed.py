"""The embeddable wizard, in Chromium, on a host page served from another localhost origin: a whole
journey with the iframe following its content's height, presets, hostile presets, the messages the
host accepts, and no request outside the wizard's own site."""

import json
import math
import re
import time

import pytest

from sitebuild.embed import HEIGHT_MESSAGE, HEIGHT_STEP
from testkit.static_server import serve
from testkit.wizard_state import RENDERED

from embed_host import EmbedVisit, HostSite
from wizard_driver import complete, current_question, in_days, wait_ready, wait_rendered

pytestmark = pytest.mark.browser

STUDENT = {"purpose": "study", "status": "outside", "nationality": "BR", "stay_days": "300", "circumstances": "none"}


@pytest.fixture(scope="module")
def host(tmp_path_factory, site_url):
    folder = tmp_path_factory.mktemp("host")
    with serve(folder) as url:
        assert url != site_url
        yield HostSite(folder, url, site_url)


@pytest.fixture
def visit(browser, site_url, host):
    visit = EmbedVisit(browser, site_url, host.url)
    yield visit
    visit.close()


def test_a_host_on_another_origin_embeds_the_wizard_which_completes_a_journey_and_resizes_its_iframe(
    visit, host, site_url
):
    url = host.page(lang="en")
    started = time.monotonic()
    frame = visit.open(url)
    wait_rendered(frame)
    assert frame.url.startswith(site_url + "wizard-embed/")
    assert visit.page.evaluate("location.origin") != frame.evaluate("location.origin")
    first = visit.wait_fitted(frame)
    assert complete(frame, {**STUDENT, "travel_date": in_days(30)}) == "visa_x1"
    result = visit.wait_fitted(frame)
    print(f"embed journey {time.monotonic() - started:.1f} s; iframe heights: question {first}px, result {result}px")
    # The result is taller than a question (its details folded since issue 27: one HEIGHT_STEP or more).
    assert result > first
    frame.locator(".wizard-nav a", has_text="Start over").click()
    wait_rendered(frame)
    assert visit.wait_fitted(frame) < result  # and the frame shrinks back
    assert visit.page.locator("[data-cig-wizard] iframe").get_attribute("title") == "China visa wizard (unofficial)"
    assert visit.requests_leaving({url}) == []
    assert visit.frame_requests_outside_the_site() == []
    assert any("/pyodide/" in request for request, _ in visit.requests)  # Python really ran in the frame


def test_the_embed_shows_one_line_that_opens_the_full_guide_in_a_new_tab(visit, host, site_url):
    frame = visit.open(host.page(lang="zh"))
    notice = frame.locator(".cig-embed__notice a")
    assert notice.count() == 1 and notice.get_attribute("target") == "_blank"
    assert notice.evaluate("a => a.href") == site_url + "zh/"
    assert frame.locator("header, nav, footer, .md-header, .md-sidebar").count() == 0


def test_preset_answers_language_and_dark_colours_start_at_the_first_unanswered_question(visit, host):
    frame = visit.open(host.page(lang="zh", answers="purpose=study&nationality=FR", theme="dark"))
    wait_rendered(frame)
    assert frame.evaluate("document.documentElement.lang") == "zh"
    assert frame.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert current_question(frame) == "status"
    assert "nationality=FR" in frame.evaluate("location.hash")
    frame.locator("input[value=outside]").check()
    frame.locator("form[data-question] button[type=submit]").click()
    wait_rendered(frame)
    assert current_question(frame) == "travel_date"  # the preset nationality was used, not asked


HOSTILE_PRESETS = {
    "script in a value": {"answers": 'purpose=<img src=x onerror="alert(1);window.__pwned=1">'},
    "script as an id": {"answers": "<script>alert(1)</script>=1&purpose=study"},
    "breaking out of the attribute": {"answers": '"><script>alert(1);window.__pwned=1</script>'},
    "javascript url": {"answers": "javascript:alert(1)"},
    "unknown ids and prototype keys": {"answers": "__proto__=x&constructor=y&visa=Z&purpose=study"},
    "bad values": {"answers": "purpose=study&nationality=XX&stay_days=-5&travel_date=1999-01-01"},
    "a huge value": {"answers": "purpose=study&nationality=" + "A" * 100000},
    "many pairs": {"answers": "&".join(f"q{i}=v" for i in range(500))},
    "hostile language and theme": {
        "lang": '"><script>alert(1)</script>',
        "theme": "javascript:alert(1)",
        "answers": "purpose=study",
    },
    "hostile title": {"title": "<img src=x onerror=alert(1)>", "answers": "purpose=study"},
}


@pytest.mark.parametrize("name", HOSTILE_PRESETS)
def test_a_hostile_preset_is_rejected_and_runs_nothing(visit, host, name):
    url = host.page(**HOSTILE_PRESETS[name])
    frame = visit.open(url)
    wait_rendered(frame)
    # An injected <img onerror> would run once its image fails: wait until every image in both pages
    # has loaded or failed, then (a round trip later, in the evaluates below) check that nothing ran.
    for document in (visit.page, frame):
        document.wait_for_function("() => [...document.images].every((image) => image.complete)", polling=100)
    assert visit.dialogs == []
    assert visit.page.evaluate("window.__pwned") is None and frame.evaluate("window.__pwned") is None
    assert frame.locator("#wizard img, #wizard script, #wizard svg").count() == 0
    # The frame is the wizard's own page, and asks a question: the first one the presets leave open.
    assert frame.url.startswith(visit.site_url)
    assert current_question(frame) in ("purpose", "status")
    assert visit.requests_leaving({url}) == []


def test_the_host_ignores_height_messages_from_other_origins_and_other_frames(visit, host, site_url):
    # A second frame of the wizard's site, made by the page itself, posts its (taller) height too.
    fake = (
        f'<iframe id="other" title="other" src="{site_url}wizard-embed/?host={host.url.rstrip("/")}'
        f'#purpose=work&status=in_china&china_task=renew_permit&stay_ended=no"></iframe>'
        # Heights the other frame posted, so the test can wait for its result's height to arrive.
        '<script>window.__fromOther = []; addEventListener("message", (e) => {'
        ' if (e.source === document.getElementById("other").contentWindow && e.data)'
        " window.__fromOther.push(e.data.height); });</script>"
    )
    url = host.page(body=fake, answers="purpose=study")
    frame = visit.open(url)
    wait_rendered(frame)
    fitted = visit.wait_fitted(frame)
    other = visit.page.frame_locator("#other").locator("body")
    other.locator(".wizard-result").wait_for(timeout=60000)
    other_frame = visit.page.query_selector("#other").content_frame()
    other_content = other_frame.evaluate("document.querySelector('[data-embed-main]').getBoundingClientRect().height")
    other_height = math.ceil(other_content / HEIGHT_STEP) * HEIGHT_STEP
    assert abs(other_height - fitted) >= 1  # else ignoring it would prove nothing
    visit.page.wait_for_function("(h) => window.__fromOther.includes(h)", arg=other_height)
    # Messages reach a window in the order they were posted, each through every listener: once a
    # marker posted after the fakes has arrived here, and in the frame (which answers it), both pages'
    # scripts have handled the fakes, and anything the frame posted about them has arrived here.
    frame.evaluate(
        "() => addEventListener('message', (e) => e.data === 'fakes-sent' && parent.postMessage('fakes-seen', '*'))"
    )
    visit.page.evaluate(
        """(type) => new Promise((resolve) => {
        let markers = 2;
        addEventListener('message', (e) => ['fakes-sent', 'fakes-seen'].includes(e.data) && --markers === 0 && resolve());
        window.postMessage({type, height: 5}, '*');
        const frame = document.querySelector('[data-cig-wizard] iframe').contentWindow;
        frame.postMessage({type, height: 7}, '*');
        frame.postMessage('fakes-sent', '*');
        window.postMessage('fakes-sent', '*');
    })""",
        HEIGHT_MESSAGE,
    )
    assert abs(visit.iframe_height() - fitted) < 1


def test_the_frame_posts_only_its_height_in_one_fixed_shape_to_the_host_origin(visit, host):
    listener = (
        '<script>window.__seen = []; addEventListener("message", (e) => '
        "window.__seen.push({origin: e.origin, data: JSON.stringify(e.data)}));</script>"
    )
    url = host.page(body=listener, answers="purpose=study")
    frame = visit.open(url)
    wait_rendered(frame)
    visit.wait_fitted(frame)
    seen = visit.page.evaluate("window.__seen")
    assert seen, "the frame posted nothing"
    site_origin = frame.evaluate("location.origin")
    for message in seen:
        assert message["origin"] == site_origin
        assert re.fullmatch(r'\{"type":"%s","height":[1-9][0-9]*\}' % re.escape(HEIGHT_MESSAGE), message["data"])
        # Rounded up to a step: heights differ per result and nationality, so exact ones would tell
        # the host page what the visitor answered.
        assert json.loads(message["data"])["height"] % HEIGHT_STEP == 0, message


def test_an_embed_below_the_fold_with_presets_neither_scrolls_nor_takes_focus_from_the_host(visit, host):
    url = host.page(body="", answers="purpose=study&status=outside")
    spacer = '<div style="height:3000px">Long host page</div>'
    url = host.write(
        open(host.folder / url.rsplit("/", 1)[1], encoding="utf-8").read().replace("<h1>", spacer + "<h1>", 1)
    )
    visit.page.goto(url)
    frame = visit.page.wait_for_selector("[data-cig-wizard] iframe").content_frame()
    # Polled by timer: an out-of-view frame gets no animation frames, which Playwright polls by default.
    frame.wait_for_function(
        RENDERED,
        polling=100,
        timeout=60000,
    )
    assert frame.locator("form[data-question]").get_attribute("data-question") == "nationality"
    assert visit.page.evaluate("scrollY") == 0
    assert visit.page.evaluate("document.activeElement.tagName") == "BODY"
    visit.page.wait_for_function(
        "() => Math.abs(document.querySelector('[data-cig-wizard] iframe').getBoundingClientRect().height - 560) > 1",
        polling=100,
    )  # the frame reported its height though nobody looked at it


def test_axe_finds_no_serious_violation_in_the_embed_page_on_a_question_and_a_result(browser, site_url):
    from sitebuild.paths import NODE_MODULES

    # bypass_csp only so that axe-core can be injected; the CSP tests run without it.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(site_url + "wizard-embed/?theme=dark#purpose=work&status=outside")
    wait_ready(page)
    wait_rendered(page)
    page.add_script_tag(path=str(NODE_MODULES / "axe-core" / "axe.min.js"))
    run = "async () => (await axe.run(document)).violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)"
    assert page.evaluate(run) == []
    complete(page, {**STUDENT, "purpose": "work", "nationality": "US", "travel_date": in_days(30)})
    assert page.evaluate(run) == []
    context.close()
