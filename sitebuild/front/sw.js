/* The site's service worker: keeps one complete copy of one build so the site, and the wizard once
   visited, work with the network off. A new build installs beside the old one (unchanged files are
   copied, changed ones fetched and checked against their SHA-256) and then replaces it whole. */
"use strict";

// Written in by sitebuild/service_worker.py: the build's version and each group's files with hashes.
const BUILD = "__BUILD__";

const PREFIX = BUILD.cachePrefix;
const CACHE = PREFIX + BUILD.version;
const HASH_HEADER = "X-Content-SHA256";
const scope = new URL(self.registration.scope);
const urlOf = (path) => new URL(path, scope).href;

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

// An on-demand group the reader already had (the wizard's runtime) moves into the new build when
// every file is unchanged, so a deploy does not cost the 13 MB again.
async function carryOver(group) {
  const older = await olderCaches();
  const files = Object.entries(BUILD.groups[group]);
  const kept = await Promise.all(files.map(([path, hash]) => keptCopy(path, hash, older)));
  if (kept.length && kept.every(Boolean)) await cacheGroup(group);
}

self.addEventListener("install", (event) => {
  event.waitUntil(cacheGroup("site").then(() => Promise.all(BUILD.onDemand.map(carryOver))));
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

async function groupComplete(group) {
  const cache = await caches.open(CACHE);
  const hits = await Promise.all(Object.keys(BUILD.groups[group]).map((path) => cache.match(urlOf(path))));
  return hits.every(Boolean);
}

// A page that needs an on-demand group (the wizard page: the Python runtime) asks for it on each
// visit; it is fetched once per build.
self.addEventListener("message", (event) => {
  const group = event.data && event.data.type === "cache-group" ? event.data.group : null;
  if (!BUILD.onDemand.includes(group)) return;
  event.waitUntil(groupComplete(group).then((done) => done || cacheGroup(group)).catch(() => undefined));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(scope.href)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const url = new URL(request.url);
    url.search = ""; // search highlights (?h=…) name the same page
    const cached = await cache.match(url.href);
    if (cached) return cached;
    try {
      return await fetch(request);
    } catch (error) {
      const notFound = request.mode === "navigate" && (await cache.match(urlOf(BUILD.notFound)));
      if (notFound) return notFound;
      throw error;
    }
  })());
});
