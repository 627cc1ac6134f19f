/* Presents the visa wizard: starts Python in a worker, sends it the URL fragment, shows the HTML it
   returns, and turns form submissions into fragments. Every decision is made in Python. */
(function () {
  "use strict";

  const root = document.getElementById("wizard");
  if (!root) return;
  const view = root.querySelector("[data-wizard-view]");
  const status = root.querySelector("[data-wizard-status]");
  const failure = root.querySelector("[data-wizard-failed]");
  const siteRoot = new URL(root.dataset.siteRoot, location.href).href;
  const lang = root.dataset.lang;
  const timeoutMs = Number(root.dataset.timeoutMs);

  let worker = null;
  let state = "preparing"; // preparing | ready | failed
  let seq = 0;
  let moveFocus = location.hash.length > 1;

  function isoToday() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  function setState(next) {
    state = next;
    root.dataset.state = next;
  }

  function announce(text) {
    status.textContent = "";
    // A fresh text node after clearing makes screen readers read it even when it repeats.
    window.setTimeout(() => { status.textContent = text; }, 50);
  }

  function fail(reason) {
    if (state === "failed") return;
    setState("failed");
    if (worker) worker.terminate();
    failure.hidden = false;
    view.hidden = true;
    failure.querySelector("[data-wizard-reason]").textContent = reason || "";
    announce(failure.querySelector("h2").textContent);
  }

  function request() {
    if (state !== "ready") {
      if (location.hash.length > 1) root.dataset.pending = "true";
      return;
    }
    seq += 1;
    worker.postMessage({ type: "step", seq, fragment: location.hash, lang, today: isoToday() });
  }

  function show(reply) {
    view.innerHTML = reply.html;
    delete root.dataset.pending;
    const wanted = reply.fragment ? "#" + reply.fragment : "";
    if (wanted !== location.hash && !(wanted === "" && location.hash === "#")) {
      history.replaceState(history.state, "", wanted || location.pathname + location.search);
    }
    root.dataset.rendered = location.hash;
    announce(reply.announce);
    if (moveFocus) {
      const heading = view.querySelector("#wizard-heading");
      if (heading) heading.focus();
    }
    root.dispatchEvent(new CustomEvent("wizard:rendered", { detail: { kind: reply.kind } }));
  }

  function onMessage(event) {
    const message = event.data;
    if (message.type === "ready") {
      window.clearTimeout(timer);
      performance.mark("wizard-ready");
      setState("ready");
      request();
    } else if (message.type === "view" && message.seq === seq) {
      show(message.reply);
    } else if (message.type === "failed") {
      fail(message.reason);
    }
  }

  function answer(form) {
    const question = form.dataset.question;
    const value = new FormData(form).get(question);
    const error = form.querySelector("#wizard-error");
    if (value === null || String(value).trim() === "") {
      error.hidden = false;
      const field = form.querySelector("input, select");
      if (field) field.focus();
      return;
    }
    const params = new URLSearchParams(form.dataset.base);
    params.delete(question);
    params.set(question, String(value).trim());
    moveFocus = true;
    location.hash = params.toString();
  }

  root.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-question]");
    if (!form) return;
    event.preventDefault();
    answer(form);
  });

  root.addEventListener("click", (event) => {
    const action = event.target.closest("[data-action]");
    if (action && action.dataset.action === "print") window.print();
    if (event.target.closest("a[href^='#']")) moveFocus = true;
  });

  window.addEventListener("hashchange", request);

  const timer = window.setTimeout(() => fail(root.dataset.timeoutReason), timeoutMs);
  try {
    worker = new Worker(new URL("assets/wizard/worker.js", siteRoot).href, { type: "module" });
    worker.onmessage = onMessage;
    worker.onerror = (event) => fail(event.message);
    worker.postMessage({ type: "start", siteRoot });
  } catch (error) {
    fail(String(error && error.message || error));
  }
  if (location.hash.length > 1) root.dataset.pending = "true";
})();
