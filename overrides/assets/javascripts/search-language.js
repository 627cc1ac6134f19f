/* Each language has its own search index (sitebuild/search_index.py). Material asks for the site
   root's search/search_index.json from every page; on a page of another language this sends that
   request to the language's own index, named by this script's data-index (the build writes it).
   Loaded in the head, before Material's bundle and before the wizard page's hold on the same request. */
(function () {
  "use strict";

  const own = new URL(document.currentScript.dataset.index, location.href).href;
  const root = new URL("search/search_index.json", new URL(document.currentScript.dataset.root, location.href)).href;
  const { open } = XMLHttpRequest.prototype;

  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const requested = new URL(String(url), location.href).href;
    return open.call(this, method, requested === root ? own : url, ...rest);
  };
})();
