"""The download total the wizard page shows: the files the worker fetches, and a build whose files
differ from what the page announced fails naming each."""

import pytest

from sitebuild import download_size


def test_the_total_counts_the_runtime_the_engine_package_the_rules_and_the_page_language_s_texts():
    sizes = download_size.downloads(bundle_bytes=1234, lang="ru", texts_bytes=567)
    assert sizes["assets/wizard/bundle.json"] == 1234
    assert sizes["assets/wizard/texts-ru.json"] == 567
    assert not any("texts-en" in name for name in sizes)
    names = {name.rsplit("/", 1)[-1] for name in sizes}
    assert {"pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.mjs", "pyodide.mjs", "pyodide-lock.json"} <= names
    assert any(name.endswith(".whl") for name in names)
    assert all(size > 0 for size in sizes.values())


def test_a_site_whose_files_differ_from_the_announced_sizes_is_refused(tmp_path):
    (tmp_path / "pyodide").mkdir()
    (tmp_path / "pyodide" / "a.wasm").write_bytes(b"1234")
    download_size.check_site(tmp_path, {"pyodide/a.wasm": 4})
    with pytest.raises(download_size.SizeMismatch, match=r"pyodide/a\.wasm: 4, announced 5; pyodide/b\.zip: missing"):
        download_size.check_site(tmp_path, {"pyodide/a.wasm": 5, "pyodide/b.zip": 1})
