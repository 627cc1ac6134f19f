/* Registers the site's service worker (sw.js at the site root), which keeps this build's shared files,
   and asks it to keep this page's language for reading offline (on the wizard's page also the Python
   runtime). When a newer build's worker is waiting, says so in one line with a button that reloads
   into it (decision 0009). */
(function () {
  "use strict";
  // Not from file:// (the offline bundle needs no worker), nor where the browser has none, nor for a
  // reader who asked the browser to save data (the copy costs a few megabytes).
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  if (navigator.connection && navigator.connection.saveData) return;
  // This file is assets/javascripts/offline-cache.js: the site root is two folders up.
  const siteRoot = new URL("../../", document.currentScript.src);
  // A page an older build's worker served reloads when a newer one takes over because a reader
  // tapped "load the newer version", here or in another tab: it would otherwise go on with the older
  // build's files while its worker serves the newer build's. It reloads once both have happened, in
  // either order: the newer worker said it is taking over, and it controls this page. Not a first
  // visit (uncontrolled), nor a takeover nobody asked for (sw-retire.js, which serves nothing).
  const hadController = !!navigator.serviceWorker.controller;
  let takingOver = false;
  let controllerChanged = false;
  let reloading = false;
  function reloadIfTakenOver() {
    if (!hadController || !takingOver || !controllerChanged || reloading) return;
    reloading = true;
    location.reload();
  }
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    controllerChanged = true;
    reloadIfTakenOver();
  });
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (!event.data || event.data.type !== "taking-over") return;
    takingOver = true;
    reloadIfTakenOver();
  });
  navigator.serviceWorker.startMessages();

  // The one line and its button, in the page's live region (overrides/main.html).
  function offer(waiting) {
    const line = document.querySelector("[data-cig-update]");
    if (!line || line.childElementCount) return;
    const text = document.createElement("span");
    text.textContent = line.dataset.text;
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = line.dataset.button;
    button.addEventListener("click", () => {
      button.disabled = true;
      waiting.postMessage({ type: "take-over" }); // then every page of the site reloads (above)
    });
    line.append(text, " ", button);
  }

  // A newer worker is waiting now, or installs while this page is open: either way the page says so.
  function watchForNewerBuild(registration) {
    if (!hadController) return; // the first build this browser has: nothing older to replace
    const whenInstalled = (worker) => {
      if (!worker) return;
      if (worker.state === "installed") offer(worker);
      else worker.addEventListener("statechange", () => worker.state === "installed" && offer(worker));
    };
    if (registration.waiting) offer(registration.waiting);
    else whenInstalled(registration.installing);
    registration.addEventListener("updatefound", () => whenInstalled(registration.installing));
  }

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
      .then((registration) => {
        watchForNewerBuild(registration);
        return navigator.serviceWorker.ready;
      })
      .then((registration) => {
        if (!registration.active) return;
        // This page's own group: its language's pages, so the reader's language (only) reads offline.
        registration.active.postMessage({ type: "cache-group", page: location.href });
        if (wizard && wizard.dataset.state === "ready") {
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
