"""Pre-compressed copies (`.br`, `.gz`) beside the web build's compressible files, the wasm among
them, for hosts (hosting/nginx.conf) and the tests' server to send to a
browser that accepts them. The offline copy gets none: file:// has no Content-Encoding."""

import gzip
import hashlib
import os
import tempfile
from pathlib import Path

import brotli

from .paths import ROOT

# Text-like files, and the wasm (9.6 MB; 2.7 MB as brotli). Zips, wheels, fonts and images are
# compressed already.
SUFFIXES = (".wasm", ".mjs", ".js", ".json", ".css", ".html", ".svg", ".xml", ".txt", ".map")
# Below this a compressed copy saves less than a packet.
MIN_BYTES = 1024
ENCODINGS = {".br": "br", ".gz": "gzip"}
# brotli's best setting takes a minute or two on the wasm: each copy is kept here by its source's
# SHA-256, so a build compresses only what changed.
# Measured on Pyodide 314's 9,598,218-byte wasm (2026-12-06, CPU seconds of one core; a clean clone
# on this shared machine waits several times as long): gzip -9 3,528,803 B 1.2 s; brotli 5
# 3,227,042 B 0.5 s; 7 3,126,118 B 2.0 s; 9 3,102,634 B 3.4 s; 10 2,793,006 B 28.6 s; 11 2,741,061 B
# 43.0 s. Quality 11 is kept: every first visitor downloads the wasm, and 9's extra 361 KB are 1.8 s
# more on slow 4G and 7 s at 400 kbit/s, while the build pays its 43 s once per clean cache.
BROTLI_QUALITY = 11
# Every other file at 10: on 40 of the site's pages (2026-12-06) quality 9 gave 311,797 B in 0.59 s,
# 10 286,112 B in 1.29 s, 11 282,409 B in 3.64 s; with five languages 11 cost ~15 s of a clean build
# for 1.3 % fewer bytes.
PAGE_BROTLI_QUALITY = 10
CACHE = ROOT / ".cache" / "precompressed"


def quality(suffix: str, wasm: bool) -> int:
    if suffix == ".br":
        return BROTLI_QUALITY if wasm else PAGE_BROTLI_QUALITY
    return 9


def compress(data: bytes, suffix: str, wasm: bool = False) -> bytes:
    if suffix == ".br":
        return brotli.compress(data, quality=quality(suffix, wasm))
    return gzip.compress(data, compresslevel=quality(suffix, wasm), mtime=0)  # mtime 0: the same bytes on every build


def cached(data: bytes, suffix: str, cache: Path = CACHE, wasm: bool = False) -> bytes:
    path = cache / f"{hashlib.sha256(data).hexdigest()}.q{quality(suffix, wasm)}{suffix}"
    if path.exists():
        return path.read_bytes()
    compressed = compress(data, suffix, wasm)
    cache.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed: builds side by side (the tests' workers) never read half a file.
    with tempfile.NamedTemporaryFile(dir=cache, delete=False) as temporary:
        temporary.write(compressed)
    os.replace(temporary.name, path)
    return compressed


def compressible(path: Path) -> bool:
    return path.is_file() and path.name.endswith(SUFFIXES) and path.stat().st_size >= MIN_BYTES


def write_precompressed(site_dir: Path, cache: Path = CACHE) -> list[Path]:
    """Write name.br and name.gz beside each compressible file of site_dir, each only where it is
    smaller than the file; return the copies written."""
    written = []
    for path in sorted(filter(compressible, site_dir.rglob("*"))):
        data = path.read_bytes()
        for suffix in ENCODINGS:
            compressed = cached(data, suffix, cache, wasm=path.suffix == ".wasm")
            if len(compressed) < len(data):
                copy = path.with_name(path.name + suffix)
                copy.write_bytes(compressed)
                written.append(copy)
    return written
