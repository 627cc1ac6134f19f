"""A static file server for the built site, for tests and benchmarks (wasm served as application/wasm),
optionally behind a slow network link that it throttles itself, for every request of a page and its
workers alike (Chromium's network emulation does not reliably throttle a dedicated worker's fetches)."""

import contextlib
import functools
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# A link's bytes go out in slices of this long, so concurrent responses share it as TCP would.
SLICE_SECONDS = 0.05


class Link:
    """One network link shared by every response: bits_per_second down, rtt_ms before each response
    starts. stop() holds every byte not yet sent (a stalled connection) until go(); `sent` counts
    the body bytes that went out."""

    def __init__(self, bits_per_second: float, rtt_ms: float):
        self.bytes_per_second = bits_per_second / 8
        self.rtt = rtt_ms / 1000
        self.slice = max(1024, int(self.bytes_per_second * SLICE_SECONDS))
        self.sent = 0
        self._lock = threading.Lock()
        self._free_at = time.monotonic()
        self._flowing = threading.Event()
        self._flowing.set()

    def stop(self) -> None:
        self._flowing.clear()

    def go(self) -> None:
        self._flowing.set()

    def send(self, source, write) -> None:
        """Copy the file object source to write() at the link's pace, a slice at a time."""
        while data := source.read(self.slice):
            self._flowing.wait()
            with self._lock:  # book the link for this slice, after whatever is already booked
                start = max(time.monotonic(), self._free_at)
                self._free_at = done = start + len(data) / self.bytes_per_second
                self.sent += len(data)
            time.sleep(max(0.0, done - time.monotonic()))
            write(data)


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}
    extra_headers = None  # optional: request path -> {header: value}, e.g. sitebuild.embed.hosting_headers
    link = None  # optional: the Link every response goes through

    def send_head(self):
        if self.link is not None:
            time.sleep(self.link.rtt)  # the request's way up and the first byte's way down
        return super().send_head()

    def copyfile(self, source, outputfile):
        if self.link is None:
            return super().copyfile(source, outputfile)
        self.link.send(source, outputfile.write)

    def _extra(self) -> dict:
        return self.extra_headers(self.path.split("?", 1)[0]) if self.extra_headers is not None else {}

    def guess_type(self, path):
        # A Content-Type among the extra headers replaces the guessed one (sent once, by send_head).
        declared = {name.lower(): value for name, value in self._extra().items()}.get("content-type")
        return declared or super().guess_type(path)

    def end_headers(self):
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
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
