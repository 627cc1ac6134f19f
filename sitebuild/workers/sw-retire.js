/* Retires the site's service worker. Published in place of sw.js (cp sw-retire.js sw.js), it replaces
   the worker in every reader's browser at its next visit, deletes the site's caches and unregisters,
   so pages come from the server again. It reaches workers of every build, even those older than the
   404 rule in sw.js (which retires a worker when sw.js is simply removed). */
"use strict";

const PREFIX = "__PREFIX__";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const ours = (await caches.keys()).filter((name) => name.startsWith(PREFIX));
    await Promise.all(ours.map((name) => caches.delete(name)));
    await self.registration.unregister();
  })());
});
// No fetch handler: every request goes to the server.
