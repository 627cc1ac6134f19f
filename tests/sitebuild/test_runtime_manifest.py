"""The runtime's manifest, which the wizard's worker checks each runtime file it fetches against."""

import hashlib
import json

from sitebuild.runtime import LISTED_FILES, MANIFEST, copy_runtime


def test_the_manifest_lists_each_runtime_file_as_the_site_serves_it_with_its_size_and_sha256(tmp_path):
    folder = copy_runtime(tmp_path)
    manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    assert set(manifest["files"]) == set(LISTED_FILES) >= {"pyodide.asm.wasm", "python_stdlib.zip"}
    for name, expected in manifest["files"].items():
        data = (folder / name).read_bytes()
        assert expected == {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}, name


def test_the_worker_checks_the_files_it_fetches_against_the_manifest():
    from sitebuild.paths import ROOT

    worker = (ROOT / "wizard" / "front" / "worker.js").read_text("utf-8")
    assert f'"{MANIFEST}"' in worker
