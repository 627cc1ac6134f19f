"""The merged search index is split into one index per language, each with its own lunr language."""

import json
import subprocess

from sitebuild.languages import languages
from sitebuild.search_index import INDEX, OFFLINE_INDEX, index_path, split, write_per_language


def merged_index() -> dict:
    docs = [{"location": f"{language.prefix}visas/", "title": language.code, "text": ""} for language in languages()]
    return {"config": {"lang": [language.code for language in languages()], "separator": "[\\s]+"}, "docs": docs}


def test_each_language_s_index_holds_only_its_own_pages_and_names_only_its_language():
    parts = split(merged_index())
    for language, index in parts.items():
        assert [doc["title"] for doc in index["docs"]] == [language.code]
        assert index["config"]["lang"] == [language.code]
        assert index["config"]["separator"] == "[\\s]+"


def test_the_default_language_keeps_the_root_index_and_the_others_get_their_folder(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / INDEX).write_text(json.dumps(merged_index()), encoding="utf-8")
    write_per_language(tmp_path, offline=False)
    for language in languages():
        index = json.loads((tmp_path / index_path(language)).read_text(encoding="utf-8"))
        assert {doc["location"] for doc in index["docs"]} == {f"{language.prefix}visas/"}
    assert not (tmp_path / OFFLINE_INDEX).exists()


def test_the_offline_script_hands_material_the_index_of_the_page_s_language(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / INDEX).write_text(json.dumps(merged_index()), encoding="utf-8")
    write_per_language(tmp_path, offline=True)
    script = (tmp_path / OFFLINE_INDEX).read_text(encoding="utf-8")
    for language in languages():
        run = f"const document = {{ documentElement: {{ lang: {json.dumps(language.code)} }} }};\n{script}\nconsole.log(JSON.stringify(__index.config.lang))"
        output = subprocess.run(["node", "-e", run], capture_output=True, text=True, check=True).stdout
        assert json.loads(output) == [language.code]
