/* Registers the site's service worker (sw.js at the site root), which keeps this build's pages for
   reading offline; on the wizard's page it also asks it to keep the Python runtime. */
(function () {
  "use strict";
  // Not from file:// (the offline bundle needs no worker) nor where the browser has none.
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  // This file is assets/javascripts/offline-cache.js: the site root is two folders up.
  const siteRoot = new URL("../../", document.currentScript.src);
  const onWizardPage = () => document.getElementById("wizard") !== null;

  navigator.serviceWorker
    .register(new URL("sw.js", siteRoot).href)
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      if (onWizardPage() && registration.active) {
        registration.active.postMessage({ type: "cache-group", group: "wizard" });
      }
    })
    .catch(() => {
      // No service worker (e.g. `mkdocs serve`, or a host without sw.js): the site works online as before.
    });
})();
