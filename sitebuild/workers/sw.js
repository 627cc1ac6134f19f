/* The site's service worker: keeps one copy of one build so the site, in each language once visited,
   and the wizard once visited, work with the network off. A new build installs beside the old one
   (unchanged files are copied, changed ones fetched and checked against their SHA-256) and then
   replaces it whole. A page is served from one build only: a page this build lacks comes from the
   server with all its files; a file this build lists but never cached is fetched and must match this
   build's hash. A request that names another build (?build=…, or its client does: the wizard's Python
   worker) comes from the server (decision 0009). When sw.js is gone from the server (404/410) the
   worker deletes its caches and unregisters. */
"use strict";

// Written in by sitebuild/service_worker.py: the build's version and each group's files with hashes.
const BUILD = "__BUILD__";

const PREFIX = BUILD.cachePrefix;
const CACHE = PREFIX + BUILD.version;
const HASH_HEADER = "X-Content-SHA256";
const scope = new URL(self.registration.scope);
const urlOf = (path) => new URL(path, scope).href;
// Every file of this build, whatever its group: path -> SHA-256.
const LISTED = Object.assign({}, ...Object.values(BUILD.groups));
let lastCheck = 0; // when sw.js was last looked for on the server (retireIfUnpublished)
let retired = false;

// The path of a URL inside the site ("about/"), without query or fragment; null outside the site.
function pathOf(url) {
  const parsed = new URL(url);
  parsed.search = ""; // search highlights (?h=…) name the same page
  parsed.hash = "";
  return parsed.href.startsWith(scope.href) ? parsed.href.slice(scope.href.length) : null;
}

async function sha256(buffer) {
  const digest = await crypto.subtle.digest("SHA-256", buffer);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function olderCaches() {
  const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
  return Promise.all(names.map((name) => caches.open(name)));
}

async function keptCopy(path, hash, older) {
  for (const cache of older) {
    const kept = await cache.match(urlOf(path));
    if (kept && kept.headers.get(HASH_HEADER) === hash) return kept;
  }
  return null;
}

// The file of this build: an older build's copy when the bytes are the same, else the browser's
// HTTP cache (the page has usually just loaded it), else the server; always checked by hash.
async function fileOfThisBuild(path, hash, older) {
  const kept = await keptCopy(path, hash, older);
  if (kept) return kept;
  for (const mode of ["default", "reload"]) {
    const response = await fetch(urlOf(path), { cache: mode });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const body = await response.arrayBuffer();
    if ((await sha256(body)) !== hash) continue; // a stale copy in the HTTP cache: ask the server
    const headers = new Headers(response.headers);
    headers.set(HASH_HEADER, hash);
    return new Response(body, { status: 200, headers });
  }
  throw new Error(`${path}: the server does not have the file of build ${BUILD.version}`);
}

// All of a group or nothing: one failed file fails the group (and, for "site", the install).
async function cacheGroup(group) {
  const cache = await caches.open(CACHE);
  const older = await olderCaches();
  const files = Object.entries(BUILD.groups[group]);
  const responses = await Promise.all(files.map(([path, hash]) => fileOfThisBuild(path, hash, older)));
  await Promise.all(files.map(([path], index) => cache.put(urlOf(path), responses[index])));
}

// An on-demand group the reader already had moves into the new build. BUILD.onDemand says when:
// "unchanged": only if every file is (the wizard's runtime: a deploy does not cost its 13 MB again);
// "held": if an older build held any of it (a language's pages: the few changed ones are fetched, so
// the language the reader reads stays offline). A failed carry-over leaves the group for the page.
async function carryOver(group) {
  const older = await olderCaches();
  const files = Object.entries(BUILD.groups[group]);
  if (!files.length) return;
  if (BUILD.onDemand[group] === "held") {
    const held = await Promise.all(files.map(([path]) => Promise.all(older.map((cache) => cache.match(urlOf(path))))));
    if (held.some((copies) => copies.some(Boolean))) await cacheGroup(group).catch(() => undefined);
    return;
  }
  const kept = await Promise.all(files.map(([path, hash]) => keptCopy(path, hash, older)));
  if (kept.every(Boolean)) await cacheGroup(group);
}

// A failed install leaves nothing behind: no half-filled cache for a build that never took over.
self.addEventListener("install", (event) => {
  event.waitUntil(
    cacheGroup("site")
      .then(() => Promise.all(Object.keys(BUILD.onDemand).map(carryOver)))
      .catch(async (error) => {
        await caches.delete(CACHE);
        throw error;
      })
  );
});

// No skipWaiting: a new build takes over only once no page of the old one is open, so a page never
// mixes files of two builds.
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const stale = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
    await Promise.all(stale.map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

// Own keys only (a message could name "__proto__"); Object.hasOwn is missing before iOS 15.4.
const owns = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

// The group a page asks for by name, or by its own address: the on-demand group that lists it.
function groupAsked(data) {
  if (data.group) return data.group;
  const path = data.page ? pathOf(data.page) : null;
  return Object.keys(BUILD.onDemand).find((group) => path !== null && owns(BUILD.groups[group], path)) || null;
}

async function groupComplete(group) {
  const cache = await caches.open(CACHE);
  const hits = await Promise.all(Object.keys(BUILD.groups[group]).map((path) => cache.match(urlOf(path))));
  return hits.every(Boolean);
}

// A page asks for its own group (its language's pages) on each visit, the wizard's page also for the
// Python runtime; each is fetched once per build. A page whose reader tapped "load the newer version"
// asks this waiting worker to take over at once: every page of the older build then reloads (decision
// 0009).
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "take-over") {
    event.waitUntil((async () => {
      // Told first, so the pages reload on the change of worker (offline-cache.js) and on no other.
      const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const page of pages) page.postMessage({ type: "taking-over" });
      await self.skipWaiting();
    })());
    return;
  }
  const group = event.data && event.data.type === "cache-group" ? groupAsked(event.data) : null;
  if (retired || group === null || !owns(BUILD.onDemand, group)) return;
  event.waitUntil(groupComplete(group).then((done) => done || cacheGroup(group)).catch(() => undefined));
});

// Retirement: the site stopped publishing sw.js (404 or 410; a network error is just offline).
// At most once a minute, and a HEAD request: this runs on navigations served from the cache.
async function retireIfUnpublished() {
  if (Date.now() - lastCheck < 60000) return;
  lastCheck = Date.now();
  let response;
  try {
    response = await fetch(urlOf("sw.js"), { method: "HEAD", cache: "no-store" });
  } catch {
    return;
  }
  if (response.status !== 404 && response.status !== 410) return;
  retired = true;
  const ours = (await caches.keys()).filter((name) => name.startsWith(PREFIX));
  await Promise.all(ours.map((name) => caches.delete(name)));
  await self.registration.unregister();
}

// The 404 page for a path: the one of the language folder it is in, else the root one.
function notFoundPage(path) {
  const prefixes = Object.keys(BUILD.notFound).filter((prefix) => path.startsWith(prefix));
  prefixes.sort((a, b) => b.length - a.length);
  return prefixes.length ? BUILD.notFound[prefixes[0]] : null;
}

// The build a URL names (?build=…, written into the pages' asset URLs by the build), or null.
const buildNamedBy = (url) => new URL(url).searchParams.get(BUILD.buildParam);

// Whether a request is for a page of another build, which came from the server, as must every file
// it asks for. The request's own ?build= says so; else its client's: the wizard's Python worker runs
// as worker.js?build=… and fetches the rest of its files without one. Else a page this build does not
// list (new in a later build, or unknown) is of another build.
async function isOfAnotherBuild(event) {
  const named = buildNamedBy(event.request.url);
  if (named !== null) return named !== BUILD.build;
  const client = event.clientId ? await self.clients.get(event.clientId) : null;
  if (!client) return false;
  const clientNamed = buildNamedBy(client.url);
  if (clientNamed !== null) return clientNamed !== BUILD.build;
  const path = pathOf(client.url);
  return path !== null && !(path in LISTED);
}

const unavailable = (path) =>
  new Response(`${path} of build ${BUILD.version} is no longer on the server; close this tab and open the site again.`, {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });

// Looked up without caches.open(), which would create the cache again after a retirement.
const cachedCopy = (path) => caches.match(urlOf(path), { cacheName: CACHE });

async function respond(event, path) {
  const request = event.request;
  // Retired, or its cache deleted: a page still open keeps this worker (and a new registration of the
  // same sw.js may revive it until the page closes), so it steps aside and lets the server answer.
  if (retired || !(await caches.has(CACHE))) {
    event.waitUntil(retired ? self.registration.unregister() : retireIfUnpublished());
    return fetch(request);
  }
  if (request.mode === "navigate") {
    const cached = await cachedCopy(path);
    if (cached) {
      event.waitUntil(retireIfUnpublished());
      return cached;
    }
    try {
      return await fetch(request);
    } catch (error) {
      const fallback = notFoundPage(path);
      const notFound = fallback && (await cachedCopy(fallback));
      if (notFound) return notFound;
      throw error;
    }
  }
  if (await isOfAnotherBuild(event)) {
    try {
      // Revalidated: the browser's HTTP cache may still hold this build's copy under the same URL.
      return await fetch(new Request(request, { cache: "no-cache" }));
    } catch (error) {
      // Offline, the page is this build's 404 page (shown for the unknown path): its files are ours.
      const cached = await cachedCopy(path);
      if (cached) return cached;
      throw error;
    }
  }
  const cached = await cachedCopy(path);
  if (cached) return cached;
  if (!(path in LISTED)) return fetch(request);
  // A file of this build not cached yet (the wizard's runtime before its first visit): only its bytes.
  try {
    return await fileOfThisBuild(path, LISTED[path], []);
  } catch (error) {
    if (error instanceof TypeError) throw error; // offline: a network error, as without a worker
    return unavailable(path);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(scope.href)) return;
  event.respondWith(respond(event, pathOf(request.url)));
});
