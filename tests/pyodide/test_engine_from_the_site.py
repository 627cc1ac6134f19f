"""Anyone's Pyodide can install the wizard's engine from the site by its wheel's URL (the lock file
names it): the pinned runtime under Node loads it from a served copy of the built site, without the
site's lock, and the engine answers the first step with the site's rules."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild.engine_wheel import LOCK_FILE
from sitebuild.paths import PYODIDE_PACKAGE, ROOT
from sitebuild.wizard_page import build_date
from testkit.static_server import serve

pytestmark = pytest.mark.pyodide

RUNNER = Path(__file__).with_name("install_from_site.mjs")


def test_the_engine_installs_from_the_site_by_the_url_its_lock_file_names(site_dir):
    if not shutil.which("node"):
        pytest.fail("Node.js is needed to run Pyodide outside the browser")
    with serve(site_dir) as url:
        run = subprocess.run(
            ["node", str(RUNNER), url, build_date().isoformat()], capture_output=True, text=True, cwd=ROOT, timeout=300
        )
    assert run.returncode == 0, run.stderr[-2000:]
    installed = json.loads(run.stdout)
    # The runner's Pyodide has the npm package's lock, which does not list the engine: it came from the site.
    assert installed["lock"]["name"] not in json.loads((PYODIDE_PACKAGE / LOCK_FILE).read_text("utf-8"))["packages"]
    assert installed["loadedFrom"] == [installed["wheelURL"]]
    assert installed["wheelSha256"] == installed["lock"]["sha256"]
    lock = installed["lock"]
    assert installed["installed"] == {"name": lock["name"], "version": lock["version"], "kind": "question"}
