/* The unofficial banner, hidden for the rest of a visit when the reader asks (this tab's session
   storage; nothing is sent anywhere). Hidden on screen only: every printout keeps it (site.css), and
   the wizard's result says it too. Runs in the head, so a banner already dismissed is never painted. */
(function () {
  "use strict";
  const KEY = "cig-banner-dismissed";
  const root = document.documentElement;
  function dismissedBefore() {
    try {
      return sessionStorage.getItem(KEY) === "1";
    } catch {
      return false; // storage turned off: the banner shows on every page
    }
  }
  function remember() {
    try {
      sessionStorage.setItem(KEY, "1");
    } catch {
      // storage turned off: hidden on this page only
    }
  }
  if (dismissedBefore()) root.dataset.cigBanner = "dismissed";
  document.addEventListener("DOMContentLoaded", () => {
    // The button is offered only where this script runs; without it the banner simply stays.
    const button = document.querySelector("[data-cig-dismiss]");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      remember();
      root.dataset.cigBanner = "dismissed";
      // The focused button disappears: focus goes to the page's title, which a screen reader reads
      // next, rather than back to the top of the document.
      const title = document.querySelector(".md-content h1");
      if (title) {
        if (!title.hasAttribute("tabindex")) title.setAttribute("tabindex", "-1");
        title.focus();
      }
    });
  });
})();
