/* The visa wizard on other sites (embassies, universities): a plain classic script for host pages.
   It turns each <div data-cig-wizard data-lang data-answers data-theme> into an iframe of the
   wizard's embed page and sizes the iframe to its content. It accepts only height messages, of one
   fixed shape, from its own iframes and from the wizard's origin. The build fills in the config
   (sitebuild/embed.py: languages, paths, titles); every answer is judged by the wizard's Python. */
(function () {
  "use strict";
  var config = /*@config@*/null;
  var script = document.currentScript;
  if (!config || !script || !window.URL || !window.URLSearchParams) return;
  var siteRoot = new URL("../../", script.src); // this file is <site>/assets/wizard/embed.js
  var frames = [];

  function own(object, key) {
    return typeof key === "string" && Object.prototype.hasOwnProperty.call(object, key);
  }

  function frameUrl(holder, lang) {
    var url = new URL(config.languages[lang].path, siteRoot);
    if (holder.getAttribute("data-theme") === "dark") url.searchParams.set("theme", "dark");
    // Where the frame may post its height: this page's origin (the frame checks it is its parent).
    if (location.origin && location.origin !== "null") url.searchParams.set("host", location.origin);
    // Answers travel as a URL fragment, re-encoded here; the wizard's Python decides what they mean.
    var answers = (holder.getAttribute("data-answers") || "").replace(/^#/, "").slice(0, config.maxAnswers);
    var fragment = new URLSearchParams(answers).toString();
    if (fragment) url.hash = fragment;
    return url.href;
  }

  function mountOne(holder) {
    var lang = holder.getAttribute("data-lang");
    if (!own(config.languages, lang)) lang = config.defaultLanguage;
    var frame = document.createElement("iframe");
    frame.src = frameUrl(holder, lang);
    frame.title = holder.getAttribute("data-title") || config.languages[lang].title;
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals");
    frame.setAttribute("referrerpolicy", "no-referrer");
    frame.style.display = "block";
    frame.style.width = "100%";
    frame.style.border = "0";
    frame.style.height = "560px"; // until the frame reports its own height
    while (holder.firstChild) holder.removeChild(holder.firstChild);
    holder.appendChild(frame);
    frames.push(frame);
  }

  function mount(root) {
    frames = frames.filter(function (frame) { return frame.isConnected; });
    var holders = (root || document).querySelectorAll("[data-cig-wizard]");
    for (var i = 0; i < holders.length; i += 1) {
      if (holders[i].querySelector("iframe")) continue;
      mountOne(holders[i]);
    }
  }

  window.addEventListener("message", function (event) {
    // From file:// (the offline copy's preview) a frame's messages come from the opaque origin "null";
    // the check below that the message comes from one of this script's frames still applies.
    var fromFile = siteRoot.protocol === "file:" && event.origin === "null";
    if (event.origin !== siteRoot.origin && !fromFile) return;
    var frame = null;
    for (var i = 0; i < frames.length; i += 1) {
      if (frames[i].contentWindow === event.source) frame = frames[i];
    }
    if (!frame) return;
    var data = event.data;
    if (!data || typeof data !== "object" || Object.keys(data).length !== 2 || data.type !== config.message) return;
    var height = data.height;
    if (typeof height !== "number" || Math.floor(height) !== height || height < 1 || height > config.maxHeight) return;
    frame.style.height = height + "px";
  });

  // For pages that add a placeholder later (the webmasters' live preview).
  window.cigWizardEmbed = { mount: mount };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { mount(); });
  else mount();
})();
