"""A static file server for the built site, for tests and benchmarks (wasm served as application/wasm,
a file's pre-compressed `.br` or `.gz` copy sent to a browser that accepts it, as a host would),
optionally behind a slow network link that it throttles itself, for every request of a page and its
workers alike (Chromium's network emulation does not reliably throttle a dedicated worker's fetches)."""

import contextlib
import functools
import os
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# A link's bytes go out in slices of this long, so concurrent responses share it as TCP would.
SLICE_SECONDS = 0.05
# The pre-compressed copies beside a file (sitebuild/precompress.py), best first, and the
# Content-Encoding each is sent with.
ENCODED_COPIES = (("br", ".br"), ("gzip", ".gz"))
# How often the serving loop looks whether it is asked to stop: shutdown() waits for that look, and
# Python's default (0.5 s) made every serve() end up to half a second late.
POLL_SECONDS = 0.05


class Link:
    """One network link shared by every response: bits_per_second down, rtt_ms before each response
    starts. stop() holds every byte not yet sent (a stalled connection) until go(); `sent` counts
    the body bytes that went out, `files` per request path (bytes, and when the last went, as
    time.time()), and `requests` each response in the order asked: [path, asked, first byte, last
    byte, bytes] (times as time.time()), to see what shared the link when."""

    def __init__(self, bits_per_second: float, rtt_ms: float):
        self.bytes_per_second = bits_per_second / 8
        self.rtt = rtt_ms / 1000
        self.slice = max(1024, int(self.bytes_per_second * SLICE_SECONDS))
        self.sent = 0
        self.files: dict[str, tuple[int, float]] = {}
        self.requests: list[list] = []
        self._lock = threading.Lock()
        self._free_at = time.monotonic()
        self._flowing = threading.Event()
        self._flowing.set()

    def stop(self) -> None:
        self._flowing.clear()

    def go(self) -> None:
        self._flowing.set()

    def asked(self, name: str) -> list:
        """Record a request for name as it arrives; send() fills in its bytes' times."""
        entry = [name, time.time(), None, None, 0]
        with self._lock:
            self.requests.append(entry)
        return entry

    def send(self, source, write, name: str = "", entry: list | None = None) -> None:
        """Copy the file object source to write() at the link's pace, a slice at a time (name: the
        request path it is counted under; entry: its record from asked())."""
        while data := source.read(self.slice):
            self._flowing.wait()
            with self._lock:  # book the link for this slice, after whatever is already booked
                start = max(time.monotonic(), self._free_at)
                self._free_at = done = start + len(data) / self.bytes_per_second
                self.sent += len(data)
            time.sleep(max(0.0, done - time.monotonic()))
            write(data)
            with self._lock:
                self.files[name] = (self.files.get(name, (0, 0.0))[0] + len(data), time.time())
                if entry is not None:
                    entry[2] = entry[2] or time.time()
                    entry[3], entry[4] = time.time(), entry[4] + len(data)


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}
    extra_headers = None  # optional: request path -> {header: value}, e.g. sitebuild.script_policy.hosting_headers
    link = None  # optional: the Link every response goes through

    def send_head(self):
        if self.link is not None:
            self._entry = self.link.asked(self.path.split("?", 1)[0])
            time.sleep(self.link.rtt)  # the request's way up and the first byte's way down
        self._vary = False
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if os.path.isfile(path):
            # Whichever is sent, the answer depends on Accept-Encoding: caches must keep them apart.
            self._vary = any(os.path.isfile(path + suffix) for _, suffix in ENCODED_COPIES)
            copy = self._encoded_copy(path)
            if copy is not None:
                return self._send_encoded(path, *copy)
        return super().send_head()

    def _encoded_copy(self, path: str) -> tuple[str, str] | None:
        """(encoding, file) of the best pre-compressed copy the request accepts, if it is no older than
        the file: a copy older than its file is stale (a test that damages a file leaves its copies)."""
        accepted = {part.split(";")[0].strip().lower() for part in self.headers.get("Accept-Encoding", "").split(",")}
        for encoding, suffix in ENCODED_COPIES:
            copy = path + suffix
            if encoding in accepted and os.path.isfile(copy) and os.stat(copy).st_mtime >= os.stat(path).st_mtime:
                return encoding, copy
        return None

    def _send_encoded(self, path: str, encoding: str, copy: str):
        source = open(copy, "rb")  # closed by the base class once copied
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(os.fstat(source.fileno()).st_size))
        self.end_headers()
        return source

    def copyfile(self, source, outputfile):
        if self.link is None:
            return super().copyfile(source, outputfile)
        self.link.send(source, outputfile.write, self.path.split("?", 1)[0], getattr(self, "_entry", None))

    def _extra(self) -> dict:
        return self.extra_headers(self.path.split("?", 1)[0]) if self.extra_headers is not None else {}

    def guess_type(self, path):
        # A Content-Type among the extra headers replaces the guessed one (sent once, by send_head).
        declared = {name.lower(): value for name, value in self._extra().items()}.get("content-type")
        return declared or super().guess_type(path)

    def end_headers(self):
        if getattr(self, "_vary", False):
            self.send_header("Vary", "Accept-Encoding")
        for name, value in self._extra().items():
            if name.lower() != "content-type":
                self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a page mid-download (a test ending, a cancelled fetch) is normal;
        # only other errors are worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, host: str = "127.0.0.1", port: int = 0, headers=None, link: Link | None = None):
    """Serve directory on host (a free port unless given); yields the base URL ending in '/'.

    headers: an optional function of the request path giving extra response headers.
    link: an optional Link that every response goes through (a slow network).
    """
    settings = {"extra_headers": staticmethod(headers)} if headers else {}
    handler_class = type("_Handler", (_QuietHandler,), {**settings, "link": link})
    handler = functools.partial(handler_class, directory=str(directory))
    server = _Server((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": POLL_SECONDS}, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
