/* Presents the visa wizard: starts Python in a worker, sends it the URL fragment, shows the HTML it
   returns, and turns form submissions into fragments. Every decision is made in Python. */
(function () {
  "use strict";

  // The wizard's other scripts are beside this one, and the site root two folders up (the folder is
  // WIZARD_ASSETS in sitebuild/paths.py). Loaded from the head, it starts the worker at once and
  // binds to the page when the page is parsed.
  const here = document.currentScript.src;
  const siteRoot = new URL("../../", here).href;
  let root, view, status, failure, lang, timer;
  let worker = null;
  let state = "preparing"; // preparing | ready | failed
  let seq = 0;
  // A shared link moves focus to its question; an embedded wizard's preset link must not, or the
  // host page would scroll to the frame and lose its focus on load (wizard-embed.html marks <html>).
  let moveFocus = location.hash.length > 1 && !document.documentElement.hasAttribute("data-wizard-embed");
  let bound = false;
  const early = []; // worker messages that arrive before the page is parsed
  // The first steps as the build's Python rendered them (fragment -> reply), shown while Python
  // loads; `prerendered` is the fragment last shown from them, which Python need not render again.
  let steps = null;
  let prerendered = null;
  let failedReason = "";
  let failedProblem = null; // "type" | "damaged" | "script": the failure box explains it in the page's language

  function isoToday() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  function setState(next) {
    state = next;
    if (root) root.dataset.state = next;
  }

  function announce(text) {
    status.textContent = "";
    // A fresh text node after clearing makes screen readers read it even when it repeats.
    window.setTimeout(() => { status.textContent = text; }, 50);
  }

  function fail(reason, problem) {
    if (state === "failed") return;
    failedReason = reason || "";
    failedProblem = problem || null;
    setState("failed");
    window.clearTimeout(timer);
    if (worker) worker.terminate();
    if (bound) showFailure();
  }

  function showFailure() {
    failure.hidden = false;
    view.hidden = true;
    // The cause in the page's language (the template's data-problem-*), then the worker's detail.
    const explained = failedProblem && failure.dataset[`problem${failedProblem[0].toUpperCase()}${failedProblem.slice(1)}`];
    failure.querySelector("[data-wizard-reason]").textContent = explained ? `${explained} ${failedReason}` : failedReason;
    const hosting = failure.querySelector("[data-wizard-hosting]");
    if (hosting) hosting.hidden = !explained || failedProblem === "script"; // the host's own fault: how to serve
    announce(failure.querySelector("h2").textContent);
  }

  function request() {
    if (state !== "ready") {
      const fragment = location.hash.replace(/^#/, "");
      if (state === "preparing" && steps && Object.prototype.hasOwnProperty.call(steps, fragment)) {
        prerendered = location.hash;
        show(steps[fragment], "prerendered");
      } else if (location.hash.length > 1) {
        root.dataset.pending = "true";
      }
      return;
    }
    seq += 1;
    worker.postMessage({ type: "step", seq, fragment: location.hash, lang, today: isoToday() });
  }

  function show(reply, by) {
    view.innerHTML = reply.html;
    delete root.dataset.pending;
    root.dataset.renderedBy = by; // "prerendered" or "python", for tests and the benchmark
    const wanted = reply.fragment ? "#" + reply.fragment : "";
    if (wanted !== location.hash && !(wanted === "" && location.hash === "#")) {
      history.replaceState(history.state, "", wanted || location.pathname + location.search);
    }
    root.dataset.rendered = location.hash;
    keepAnswersAcrossLanguages();
    const printUrl = view.querySelector("[data-print-url]");
    if (printUrl) printUrl.textContent = location.href;
    const printDate = view.querySelector("[data-print-date]");
    if (printDate) printDate.textContent = printDate.dateTime = isoToday();
    announce(reply.announce);
    if (moveFocus) {
      const heading = view.querySelector("#wizard-heading");
      if (heading) heading.focus();
    }
    root.dispatchEvent(new CustomEvent("wizard:rendered", { detail: { kind: reply.kind, by } }));
  }

  // The language switcher links to the same page in another language; carrying the fragment
  // along keeps the answers, so a result can be read in the other language at once.
  function keepAnswersAcrossLanguages() {
    document.querySelectorAll(".md-select a[hreflang]").forEach((link) => {
      const target = new URL(link.getAttribute("href"), location.href);
      target.hash = location.hash;
      link.href = target.href;
    });
  }

  function copyLink(button) {
    const done = () => {
      const note = view.querySelector("[data-copied]");
      note.textContent = button.dataset.done;
      note.hidden = false;
    };
    const manual = () => {
      // No clipboard (file://, an old browser, or permission refused): show the link to copy by hand.
      const field = view.querySelector("[data-link-field]");
      const input = field.querySelector("input");
      input.value = location.href;
      field.hidden = false;
      input.focus();
      input.select();
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(location.href).then(done, manual);
    } else {
      manual();
    }
  }

  function onMessage(event) {
    if (!bound) {
      early.push(event);
      return;
    }
    const message = event.data;
    if (message.type === "ready") {
      window.clearTimeout(timer);
      // How Python started, for the benchmark and the tests.
      performance.mark("wizard-ready", { detail: { phases: message.phases, compiledBeside: message.compiledBeside } });
      root.dataset.snapshot = message.snapshot;
      setState("ready");
      // A step shown from the build's map is already what Python would render: keep it (and the
      // visitor's unsent choice in it); Python answers from the next step on.
      if (prerendered !== location.hash) request();
    } else if (message.type === "snapshot") {
      root.dataset.snapshot = message.state;
    } else if (message.type === "view" && message.seq === seq) {
      show(message.reply, "python");
    } else if (message.type === "failed") {
      fail(message.reason, message.problem);
    }
  }

  function answer(form) {
    const question = form.dataset.question;
    // Ticked boxes come in the page's order, which is the engine's: it judges the joined value.
    const value = new FormData(form).getAll(question).map((v) => String(v).trim()).filter(Boolean).join(",");
    const error = form.querySelector("#wizard-error");
    if (value === "") {
      error.hidden = false;
      const field = form.querySelector("input, select");
      if (field) field.focus();
      return;
    }
    const params = new URLSearchParams(form.dataset.base);
    params.delete(question);
    params.set(question, value);
    moveFocus = true;
    location.hash = params.toString();
  }

  // Loads the build's first steps when the visitor's today is one of the days the build proved
  // them right for (from its date to `until`): on another day a date in them (a policy's end, a
  // date question's limits) could differ from what Python renders, so Python renders them.
  function loadSteps() {
    if (!root.dataset.steps || isoToday() < root.dataset.built) return;
    const script = document.createElement("script");
    script.src = new URL(root.dataset.steps, location.href).href;
    script.async = true;
    script.onload = () => {
      const shipped = (globalThis.wizardSteps || {})[lang];
      const today = isoToday();
      const current = shipped && shipped.built === root.dataset.built && shipped.built <= today && today <= shipped.until;
      steps = current ? shipped.steps : null;
      if (state === "preparing" && location.hash.length > 1) request();
    };
    document.head.appendChild(script);
  }

  function bind() {
    root = document.getElementById("wizard");
    if (!root) {
      if (worker) worker.terminate();
      return;
    }
    view = root.querySelector("[data-wizard-view]");
    status = root.querySelector("[data-wizard-status]");
    failure = root.querySelector("[data-wizard-failed]");
    lang = root.dataset.lang;
    bound = true;
    root.dataset.state = state;
    if (location.hash.length > 1) root.dataset.pending = "true";

    root.addEventListener("submit", (event) => {
      const form = event.target.closest("form[data-question]");
      if (!form) return;
      event.preventDefault();
      answer(form);
    });
    // "None of these" and the other boxes of a tick-all-that-apply question exclude each other.
    root.addEventListener("change", (event) => {
      const box = event.target;
      // Only a question's boxes: the result's checklist boxes belong to no form.
      if (!(box instanceof HTMLInputElement) || box.type !== "checkbox" || !box.checked || !box.form) return;
      const exclusive = box.hasAttribute("data-exclusive");
      box.form.querySelectorAll(`input[type=checkbox][name="${box.name}"]`).forEach((other) => {
        if (other !== box && (exclusive || other.hasAttribute("data-exclusive"))) other.checked = false;
      });
    });
    root.addEventListener("click", (event) => {
      const action = event.target.closest("[data-action]");
      if (action && action.dataset.action === "print") window.print();
      if (action && action.dataset.action === "copy-link") copyLink(action);
      if (event.target.closest("a[href^='#']")) moveFocus = true;
    });
    window.addEventListener("hashchange", request);
    // Material's own handler for language links rebuilds the address without the fragment; on the
    // wizard page the switch goes to the link's page with the answers (captured before Material's).
    document.addEventListener("click", (event) => {
      const link = event.target instanceof Element && event.target.closest(".md-select a[hreflang]");
      if (!link || location.hash.length < 2 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      event.stopPropagation();
      const target = new URL(link.getAttribute("href"), location.href);
      target.hash = location.hash;
      location.assign(target.href);
    }, true);

    if (state === "failed") {
      showFailure();
      return;
    }
    timer = window.setTimeout(() => fail(root.dataset.timeoutReason), Number(root.dataset.timeoutMs));
    loadSteps();
    early.splice(0).forEach(onMessage);
  }

  function connect(python) {
    worker = python;
    worker.onmessage = onMessage;
    worker.onerror = (event) => (event.message ? fail(event.message) : missingScript().then((reason) => fail(reason, "script")));
    worker.postMessage({ type: "start", siteRoot });
  }

  // A worker whose script, or a module it imports, does not load reports an error with no message:
  // ask the server for each, to name the one it does not serve.
  async function missingScript() {
    for (const name of ["worker.js", "python-runner.js"]) {
      const url = new URL(name, here).href;
      const file = url.startsWith(siteRoot) ? url.slice(siteRoot.length) : url;
      try {
        const response = await fetch(url, { method: "HEAD", cache: "no-store" });
        if (!response.ok) return `${file} did not load: HTTP ${response.status}`;
      } catch (error) {
        return `${file} did not load: ${error.message}`;
      }
    }
    return "assets/wizard/worker.js did not start";
  }

  function connectOnPage() {
    // The offline bundle opened from file://: Chromium allows no worker there, so Python runs on
    // this page (page-python.js); the first question is already in the HTML meanwhile.
    const script = document.createElement("script");
    script.src = new URL("page-python.js", here).href;
    script.onload = () => connect(globalThis.createPageWorker());
    script.onerror = () => fail(`${script.src} did not load`);
    document.head.appendChild(script);
  }

  performance.mark("wizard-worker-start");
  try {
    if (location.protocol === "file:") connectOnPage();
    else connect(new Worker(new URL("worker.js", here).href, { type: "module" }));
  } catch (error) {
    fail(String(error && error.message || error));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", bind);
  else bind();
})();
