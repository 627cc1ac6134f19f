/* Registers the site's service worker (sw.js at the site root), which keeps this build's pages for
   reading offline; on the wizard's page it also asks it to keep the Python runtime. */
(function () {
  "use strict";
  // Not from file:// (the offline bundle needs no worker), nor where the browser has none, nor for a
  // reader who asked the browser to save data (the copy costs a few megabytes).
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  if (navigator.connection && navigator.connection.saveData) return;
  // This file is assets/javascripts/offline-cache.js: the site root is two folders up.
  const siteRoot = new URL("../../", document.currentScript.src);

  function register() {
    const wizard = document.getElementById("wizard");
    // A worker controls this page but its caches are gone: it retired (sw.js is no longer published,
    // see sw.js) and registering again would revive it while this page is open.
    if (navigator.serviceWorker.controller) {
      caches.keys().then((names) => names.length && registerNow(wizard), () => undefined);
      return;
    }
    registerNow(wizard);
  }

  function registerNow(wizard) {
    navigator.serviceWorker
      .register(new URL("sw.js", siteRoot).href)
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        if (wizard && wizard.dataset.state === "ready" && registration.active) {
          registration.active.postMessage({ type: "cache-group", group: "wizard" });
        }
      })
      .catch(() => {
        // No service worker (e.g. `mkdocs serve`, or a host without sw.js): the site works online as before.
      });
  }

  // Caching competes with the page for the network and the CPU, so it waits until the page has
  // loaded and, on the wizard's page, until Python is ready (its files are then in the HTTP cache).
  function whenSettled(then) {
    const wizard = document.getElementById("wizard");
    const settled = () => !wizard || wizard.dataset.state === "ready" || wizard.dataset.state === "failed";
    if (settled()) return then();
    const observer = new MutationObserver(() => {
      if (!settled()) return;
      observer.disconnect();
      then();
    });
    observer.observe(wizard, { attributes: true, attributeFilter: ["data-state"] });
  }

  if (document.readyState === "complete") whenSettled(register);
  else window.addEventListener("load", () => whenSettled(register), { once: true });
})();
