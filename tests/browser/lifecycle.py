"""The service-worker lifecycle tests' setup: a copy of the built site on a fixed port, a fresh
browser context, visits that leave a build cached, and the next build served after them."""

import contextlib
import shutil
import socket

import pytest

from sitebuild.service_worker import build_manifest
from testkit.cache_probe import wait_until, wait_until_cached
from testkit.static_server import serve

from wizard_driver import wait_ready


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def own_site(tmp_path, site_dir):
    """A copy of the built site that a test may change, and a fixed port to serve it on again."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy, ignore=shutil.ignore_patterns("downloads"))
    return copy, free_port()


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


def visit_wizard_until_cached(context, url: str, manifest: dict):
    page = context.new_page()
    page.goto(url + "wizard/")
    wait_ready(page)
    wait_until_cached(page, url, manifest)
    return page


def visit_guides_until_cached(context, url: str, manifest: dict, path: str = "about/"):
    """A guide page, once its visit is cached (the shared files and its language's pages) and the
    worker controls it."""
    page = context.new_page()
    page.goto(url + path)
    wait_until_cached(page, url, manifest)
    wait_until(page, "async () => navigator.serviceWorker.controller !== null")  # claimed on activation
    return page


MARKER = "getComputedStyle(document.documentElement).getPropertyValue('--cig-build').trim()"


@pytest.fixture
def after_deploy(context, own_site):
    """Serve the next build to a browser that has the old one cached: `with after_deploy(make_next)
    as (url, page)` visits the old build until cached (the guides, or `visit`), turns the site into
    the next build with make_next(site), and serves it, with a new page of the same context."""

    @contextlib.contextmanager
    def deploy(make_next, visit=visit_guides_until_cached):
        site, port = own_site
        old = build_manifest(site)
        with serve(site, port=port) as url:
            visit(context, url, old).close()
        make_next(site)
        with serve(site, port=port) as url:
            yield url, context.new_page()

    return deploy
