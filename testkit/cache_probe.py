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


def visit_groups(page, root_url: str, manifest: dict) -> list[str]:
    """The groups a visit to the page leaves cached: the shared files, the on-demand group listing the
    page (its language's pages) and, on a page with the wizard, the Python runtime."""
    path = page.url.split("#")[0].split("?")[0].removeprefix(root_url)
    own = [group for group in manifest["onDemand"] if path in manifest["groups"][group]]
    runtime = ["wizard"] if page.evaluate("!!document.getElementById('wizard')") else []
    return ["site", *own, *runtime]


def group_paths(manifest: dict, groups: list[str]) -> list[str]:
    return [path for group in groups for path in manifest["groups"][group]]


def wait_until(page, async_predicate: str, arg=None, timeout_s: float = 90) -> None:
    """Poll an async predicate in the page (wait_for_function would take its Promise for a truthy value)."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(async_predicate, arg):
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {async_predicate}; {page.evaluate(STATE)}")
        page.wait_for_timeout(250)


def wait_until_cached(page, root_url: str, manifest: dict, groups: list[str] | None = None) -> None:
    """Wait until the build's cache holds every file of the groups (by default, those a visit to the
    page leaves cached: visit_groups)."""
    groups = groups if groups is not None else visit_groups(page, root_url, manifest)
    wait_until(page, CACHE_HOLDS, [cache_name(manifest), root_url, group_paths(manifest, groups)])


def cached_paths(page, root_url: str, manifest: dict) -> list[str]:
    """The paths (relative to the site root) the build's cache holds now."""
    keys = page.evaluate(
        "async (name) => (await (await caches.open(name)).keys()).map((request) => request.url)", cache_name(manifest)
    )
    return [key.removeprefix(root_url) for key in keys]
