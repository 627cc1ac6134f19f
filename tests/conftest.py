"""Shared fixtures: one real strict MkDocs build per test session, and a local server for it."""
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitebuild.paths import ROOT
from sitebuild.static_server import serve


@dataclass
class Build:
    site_dir: Path
    returncode: int
    log: str


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Build:
    site_dir = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
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
