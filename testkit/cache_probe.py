"""Asks a page in Chromium what the site's service worker has cached, for tests and the benchmark."""

import time

# True once the cache named `name` holds every path given (relative to the site root).
CACHE_HOLDS = """async ([name, root, paths]) => {
  if (!(await caches.has(name))) return false;
  const cache = await caches.open(name);
  const hits = await Promise.all(paths.map((path) => cache.match(new URL(path, root).href)));
  return hits.every(Boolean);
}"""
ONLY_CACHE = "async (name) => { const names = await caches.keys(); return names.length === 1 && names[0] === name; }"
HAS_WAITING_WORKER = "async () => !!(await navigator.serviceWorker.getRegistration()).waiting"
# What the page sees of its service workers and caches, for a failure message.
STATE = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  const states = registration && ["active", "waiting", "installing"].map((k) => k + ":" + (registration[k] && registration[k].state));
  return { workers: states, caches: await caches.keys() };
}"""


def cache_name(manifest: dict) -> str:
    return manifest["cachePrefix"] + manifest["version"]


def all_paths(manifest: dict) -> list[str]:
    return [path for files in manifest["groups"].values() for path in files]


def wait_until(page, async_predicate: str, arg=None, timeout_s: float = 90) -> None:
    """Poll an async predicate in the page (wait_for_function would take its Promise for a truthy value)."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(async_predicate, arg):
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {async_predicate}; {page.evaluate(STATE)}")
        page.wait_for_timeout(250)


def wait_until_cached(page, root_url: str, manifest: dict) -> None:
    """Wait until the build's cache holds every file of the manifest (the wizard's runtime included)."""
    wait_until(page, CACHE_HOLDS, [cache_name(manifest), root_url, all_paths(manifest)])
