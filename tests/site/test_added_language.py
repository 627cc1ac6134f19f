"""A language is files, not code: a copy of the project with one more language (English's files
under a test locale, testkit/added_language.py) passes the translation check and builds strictly
with that language everywhere the site lists its languages."""

import json
import os
import subprocess
import sys

import pytest

from testkit.added_language import TEST_LOCALE, TEST_NAME, add_language, copy_project

pytestmark = pytest.mark.site


def _run(project, *args):
    env = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}  # the copy's sitebuild
    return subprocess.run([sys.executable, *args], cwd=project, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("added-language") / "project")
    add_language(project)
    return project


@pytest.fixture(scope="module")
def added_site(added):
    site = added.parent / "site"
    built = _run(added, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site))
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-3000:]
    return site


def test_the_added_language_passes_the_translation_check_the_recipe_names(added):
    checked = _run(added, "-m", "sitebuild.translations")
    assert checked.returncode == 0, checked.stdout[-3000:]


def test_the_added_language_has_its_pages_404_wizard_and_embed(added_site):
    for page in ("index.html", "404.html", "wizard/index.html", "wizard-embed/index.html", "download/index.html"):
        html = (added_site / TEST_LOCALE / page).read_text(encoding="utf-8")
        assert f'<html lang="{TEST_LOCALE}"' in html, page


def test_every_page_names_the_added_language_as_an_alternate(added_site):
    for page in ("index.html", "visas/index.html", f"{TEST_LOCALE}/visas/index.html", "zh/about/index.html"):
        assert f'hreflang="{TEST_LOCALE}"' in (added_site / page).read_text(encoding="utf-8"), page


def test_the_snippet_builder_offers_the_added_language(added_site):
    html = (added_site / "wizard" / "webmasters" / "index.html").read_text(encoding="utf-8")
    assert f'<option value="{TEST_LOCALE}">{TEST_NAME}</option>' in html


def test_the_wizard_bundle_and_the_search_index_carry_the_added_language(added_site):
    index = json.loads((added_site / TEST_LOCALE / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [TEST_LOCALE]
    assert index["docs"] and all(doc["location"].startswith(f"{TEST_LOCALE}/") for doc in index["docs"])
    prerendered = (added_site / TEST_LOCALE / "wizard" / "index.html").read_text(encoding="utf-8")
    assert f'lang="{TEST_LOCALE}"' in prerendered
