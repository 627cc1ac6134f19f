/* On the wizard page, holds back Material's request for its search index
   (search/search_index.json: indexing it takes a core about a quarter of a second here) until
   Python is ready or has failed, or until the reader goes to the search box, whichever comes first:
   on a two-core machine the indexing otherwise competes with Python's start (`make bench`, see
   README). Loaded before Material's bundle, which requests the index (by XMLHttpRequest) as it
   starts; no other request is held, and the page's XMLHttpRequest is itself again once released.
   No time limit: the wizard always leaves "preparing" (ready, or failed on a stall or an error),
   and a limit would let the index (about 0.7 MB) compete with Python on exactly the slow
   connections where Python takes longest. */
(function () {
  "use strict";

  const INDEX = "/search/search_index.json";
  const { open, send } = XMLHttpRequest.prototype;
  const held = new WeakSet();
  let release;
  const released = new Promise((resolve) => (release = resolve));

  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (new URL(String(url), location.href).pathname.endsWith(INDEX)) held.add(this);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...body) {
    if (!held.has(this)) return send.apply(this, body);
    held.delete(this);
    released.then(() => send.apply(this, body));
  };
  released.then(() => {
    XMLHttpRequest.prototype.open = open;
    XMLHttpRequest.prototype.send = send;
  });

  new MutationObserver((changes, observer) => {
    const root = document.getElementById("wizard");
    if (root && root.dataset.state !== "preparing") {
      observer.disconnect();
      release();
    }
  }).observe(document.documentElement, { subtree: true, attributeFilter: ["data-state"] });

  document.addEventListener("focusin", (event) => {
    if (event.target instanceof Element && event.target.matches("[data-md-component=search-query]")) release();
  });
})();
