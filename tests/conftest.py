"""Shared fixtures: the real rules compiled and walked once (tests/shared_rules.py), one real
offline copy and one real strict MkDocs build per test session (the site's download page
describes the offline copy), and a local server for the site."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitebuild.offline_copy import ENV_DIR as OFFLINE_COPY_DIR, OfflineCopyInfo, make_offline_copy, unzip
from sitebuild.paths import ROOT
from testkit.static_server import serve

import shared_rules

# Test tiers, by what a test needs rather than where it lives: `make check` runs the tests that need
# none of these; `make test` runs them all. The pyodide tier marks itself (tests/pyodide), as do the
# `history` tests; `site` and `browser` follow from the fixtures a test asks for.
TIER_FIXTURES = {
    "site": {"offline_copy", "site_build"},  # a real offline copy and strict MkDocs build
    "browser": {"browser"},  # Debian's Chromium through Playwright
}


def pytest_collection_modifyitems(items):
    for item in items:
        needs = set(getattr(item, "fixturenames", ()))
        for marker, fixtures in TIER_FIXTURES.items():
            if needs & fixtures:
                item.add_marker(marker)


@pytest.fixture(scope="session")
def compiled_rules():
    """The real rules compiled once for their own date (shared_rules.BUILD_DATE, rules/index.yaml
    `reviewed`), without the path walk. Read-only: the run fails at its end if a test changed them."""
    compiled = shared_rules.compiled()
    before = json.dumps(compiled.bundle, sort_keys=True)
    yield compiled
    if json.dumps(compiled.bundle, sort_keys=True) != before:
        pytest.fail("a test changed the shared compiled rules: deep-copy the bundle before changing it")


@pytest.fixture(scope="session")
def rules_engine(compiled_rules):
    """The engine on the shared compiled rules."""
    return shared_rules.engine()


@pytest.fixture(scope="session")
def rule_paths(rules_engine):
    """Every path of the real rules from the build date, walked once for all tests."""
    return shared_rules.paths()


@dataclass
class Build:
    site_dir: Path
    returncode: int
    log: str


@dataclass
class OfflineCopy:
    directory: Path
    info: OfflineCopyInfo
    site_dir: Path  # the offline copy's site as unzipped by a reader


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory) -> OfflineCopy:
    directory = tmp_path_factory.mktemp("offline-copy")
    info = make_offline_copy(directory)
    return OfflineCopy(directory, info, unzip(directory))


@pytest.fixture(scope="session")
def site_build(tmp_path_factory, offline_copy) -> Build:
    site_dir = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", OFFLINE_COPY_DIR: str(offline_copy.directory)},
    )
    return Build(site_dir, result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def site_dir(site_build) -> Path:
    if site_build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{site_build.log[-3000:]}")
    return site_build.site_dir


@pytest.fixture(scope="session")
def site_url(site_dir):
    with serve(site_dir) as url:
        yield url
