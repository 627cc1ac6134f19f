/* The embedded wizard's side of the iframe (loaded only by overrides/wizard-embed.html): applies the
   light or dark scheme the host asked for, opens links that leave the wizard in a new tab, and posts
   its height (rounded up to a step), and nothing else, to the host page's origin. It listens to no message. */
(function () {
  "use strict";
  // The message's name is sitebuild/embed.py's HEIGHT_MESSAGE, which the host script checks too.
  const MESSAGE = document.currentScript.dataset.message;
  // Heights are rounded up to HEIGHT_STEP (sitebuild/embed.py): exact ones differ per result and
  // nationality, so the host page could tell from them what the visitor answered.
  const STEP = Number(document.currentScript.dataset.heightStep) || 1;
  const params = new URLSearchParams(location.search);
  if (params.get("theme") === "dark") document.body.dataset.mdColorScheme = "slate";
  document.documentElement.dataset.embedded = window.parent !== window ? "true" : "false";

  // The host names its origin in ?host=; it is believed only if it is an http(s) origin and, where the
  // browser can tell (location.ancestorOrigins), really the parent's. postMessage then delivers only there.
  function hostOrigin() {
    const claimed = params.get("host");
    if (!claimed || window.parent === window) return null;
    // From file:// (the offline copy's webmasters preview) origins are opaque and no origin can be
    // named, so the height goes to "*": a file:// page can only be framed by another local file
    // (browsers do not let web pages load file:// URLs), so it stays on the reader's computer.
    if (location.protocol === "file:") return claimed === "file://" ? "*" : null;
    let url;
    try { url = new URL(claimed); } catch { return null; }
    if (url.origin !== claimed || (url.protocol !== "https:" && url.protocol !== "http:")) return null;
    const ancestors = location.ancestorOrigins;
    if (ancestors && ancestors.length && ancestors[0] !== claimed) return null;
    return claimed;
  }

  const target = hostOrigin();
  let sent = 0;
  let queued = false;

  function report() {
    if (!target || queued) return;
    queued = true;
    // A timer, not requestAnimationFrame: browsers pause frames of an iframe that is out of view.
    window.setTimeout(() => {
      queued = false;
      const main = document.querySelector("[data-embed-main]");
      if (!main) return;
      const height = Math.ceil(main.getBoundingClientRect().height / STEP) * STEP;
      if (height === sent || height < 1) return;
      sent = height;
      window.parent.postMessage({ type: MESSAGE, height }, target);
    }, 0);
  }

  // Links out of the wizard (guides, sources, the full site) open in a new tab, never in the frame.
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href]");
    if (!link || link.getAttribute("href").startsWith("#")) return;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
  }, true);

  function start() {
    const main = document.querySelector("[data-embed-main]");
    if (!main) return;
    if ("ResizeObserver" in window) new ResizeObserver(report).observe(main);
    const wizard = document.getElementById("wizard");
    if (wizard) wizard.addEventListener("wizard:rendered", report);
    window.addEventListener("load", report);
    report();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
