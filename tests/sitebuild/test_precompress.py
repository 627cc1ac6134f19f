"""The pre-compressed copies beside the web build's files: for text-like files and the wasm only,
each the same bytes as its file once decoded, and only where it is smaller."""

import gzip

import brotli

from sitebuild.precompress import write_precompressed


def test_text_and_wasm_files_get_a_br_and_a_gz_copy_that_decode_to_the_file(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / "pyodide").mkdir(parents=True)
    files = {
        "pyodide/pyodide.asm.wasm": b"\0asm" + bytes(range(256)) * 40,
        "pyodide/pyodide.asm.mjs": b"export default 1;\n" * 200,
        "index.html": b"<p>page</p>\n" * 200,
        "search/search_index.json": b'{"docs": []}' * 200,
    }
    for name, data in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    written = write_precompressed(site, cache)
    assert len(written) == 2 * len(files)
    for name, data in files.items():
        assert brotli.decompress((site / f"{name}.br").read_bytes()) == data
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == data


def test_compressed_files_and_small_files_get_no_copy(tmp_path):
    (tmp_path / "python_stdlib.zip").write_bytes(gzip.compress(bytes(range(256)) * 100))
    (tmp_path / "engine.whl").write_bytes(bytes(5000))
    (tmp_path / "tiny.js").write_text("var a;")
    assert write_precompressed(tmp_path, tmp_path / "cache") == []


def test_the_copies_are_the_same_bytes_from_the_cache_as_made_afresh(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.js").write_text("console.log(1);\n" * 500)
    write_precompressed(site, tmp_path / "cache")
    first = {path.name: path.read_bytes() for path in site.iterdir()}
    write_precompressed(site, tmp_path / "cache")  # now from the cache
    assert {path.name: path.read_bytes() for path in site.iterdir()} == first
    write_precompressed(site, tmp_path / "other-cache")  # afresh
    assert {path.name: path.read_bytes() for path in site.iterdir()} == first
