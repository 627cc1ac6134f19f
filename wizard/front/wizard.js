/* Presents the visa wizard: starts Python in a worker, shows its download's progress, sends it the
   URL fragment, shows the HTML it returns, and turns form submissions into fragments. Every decision
   is made in Python. */
(function () {
  "use strict";

  // The wizard's other scripts are beside this one, and the site root two folders up (the folder is
  // WIZARD_ASSETS in sitebuild/paths.py). Loaded from the head, it starts the worker at once and
  // binds to the page when the page is parsed.
  const here = document.currentScript.src;
  // The rules' words in the page's language, a file beside this script (its tag names it).
  const textsFile = document.currentScript.dataset.texts;
  const siteRoot = new URL("../../", here).href;
  // This script's ?build=… (the build of the page), passed on to every script it starts, so the
  // service worker serves the worker, and all the worker fetches, from that build (decision 0009).
  const build = new URL(here).search;
  const ofThisBuild = (name) => new URL(name + build, here).href;
  let root, view, status, progressStatus, failure, lang, timer;
  let worker = null;
  let state = "preparing"; // preparing | ready | failed
  let seq = 0;
  // The worker's downloads as it reports them (file -> {received, done}). Until it has said anything,
  // its own scripts are downloading. `starting`: the runtime has arrived and Python is starting.
  let downloads = new Map();
  let heard = false;
  let starting = false;
  let announcedTenth = -1;
  // A shared link moves focus to its question; an embedded wizard's preset link must not, or the
  // host page would scroll to the frame and lose its focus on load (wizard-embed.html marks <html>).
  let moveFocus = location.hash.length > 1 && !document.documentElement.hasAttribute("data-wizard-embed");
  let bound = false;
  const early = []; // worker messages that arrive before the page is parsed
  // The steps file's data: the first steps as the build's Python rendered them (`steps`, fragment ->
  // reply) and the views after a country question (`after`), shown while Python loads;
  // `prerendered` is the fragment last shown from them, which Python need not render again.
  let steps = null;
  let prerendered = null;
  // {kind, file, reason, problem}: kind is a data-failure of the widget's failure block; problem
  // ("type" | "damaged" | "script") a cause the block explains in the page's language (data-problem-*).
  let failed = null;

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

  // Reads out the download's progress while an answer waits for it, apart from the step's own
  // announcements.
  function announceProgress(text) {
    progressStatus.textContent = "";
    window.setTimeout(() => { progressStatus.textContent = text; }, 50);
  }

  function fail(info) {
    if (state === "failed") return;
    failed = { kind: "error", file: "", reason: "", ...info };
    setState("failed");
    window.clearTimeout(timer);
    if (worker) worker.terminate();
    worker = null;
    if (bound) showFailure();
  }

  function showFailure() {
    const focusWasHere = root.contains(document.activeElement);
    failure.querySelectorAll("[data-failure]").forEach((text) => { text.hidden = text.dataset.failure !== failed.kind; });
    failure.querySelector("[data-wizard-file]").textContent = failed.file;
    // Loading again cannot turn WebAssembly on.
    failure.querySelector("[data-wizard-retry]").hidden = failed.kind === "no_wasm";
    failure.querySelector("[data-wizard-reason]").textContent = failed.reason;
    failure.hidden = false;
    view.hidden = true;
    // The cause in the page's language (the template's data-problem-*), then the worker's detail.
    const problem = failed.problem;
    const explained = problem && failure.dataset[`problem${problem[0].toUpperCase()}${problem.slice(1)}`];
    failure.querySelector("[data-wizard-reason]").textContent = explained ? `${explained} ${failed.reason}` : failed.reason;
    const hosting = failure.querySelector("[data-wizard-hosting]");
    if (hosting) hosting.hidden = !explained || problem === "script"; // the host's own fault: how to serve
    const heading = failure.querySelector("h2");
    if (focusWasHere) heading.focus();
    const why = failure.querySelector(`[data-failure="${failed.kind}"]`);
    announce(`${heading.textContent} ${why ? why.textContent : ""}`);
  }

  // Loads Python again in place: the answers are in the address and the view keeps what was entered.
  function retry() {
    if (location.protocol === "file:") {
      // Python ran on this page and used up its payloads: a fresh page is the clean start.
      location.reload();
      return;
    }
    failed = null;
    downloads = new Map();
    heard = starting = false;
    announcedTenth = -1;
    failure.hidden = true;
    view.hidden = false;
    setState("preparing");
    showProgress();
    startPython();
    watch();
    if (prerendered !== location.hash) request();
    const heading = view.querySelector("#wizard-heading");
    if (heading) heading.focus();
  }

  // Bytes arriving, however slowly, are never a failure: while a download is under way the wizard
  // gives up only when none has arrived for data-stall-ms; once nothing is left to download, Python
  // has data-start-ms to start (sitebuild/wizard_page.py STALL_MS and START_MS say why).
  function watch() {
    window.clearTimeout(timer);
    if (state !== "preparing") return;
    const downloading = !heard || [...downloads.values()].some((file) => !file.done);
    const patience = Number(downloading ? root.dataset.stallMs : root.dataset.startMs);
    timer = window.setTimeout(() => fail({ kind: downloading ? "stalled" : "not_started" }), patience);
  }

  function showProgress(lead = "") {
    const total = Number(root.dataset.downloadBytes);
    let received = 0;
    downloads.forEach((file) => { received += file.received; });
    received = Math.min(received, total);
    const megabytes = new Intl.NumberFormat(lang, {
      style: "unit", unit: "megabyte", minimumFractionDigits: 1, maximumFractionDigits: 1,
    });
    const label = root.querySelector("[data-wizard-progress-label]");
    label.textContent = starting ? label.dataset.starting : label.dataset.downloading;
    root.querySelector("[data-wizard-progress-bar]").value = starting ? total : received;
    root.querySelector("[data-wizard-progress-bytes]").textContent =
      `${megabytes.format(received / 1e6)} / ${megabytes.format(total / 1e6)}`;
    // Read out only while an answer waits for Python, and only at each tenth up to 90 %; then that
    // Python is starting (the last bytes and the start are one step to the listener).
    const tenth = starting ? 10 : Math.min(9, Math.floor((received * 10) / total));
    if (!root.dataset.pending || tenth <= announcedTenth) return;
    announcedTenth = tenth;
    const percent = new Intl.NumberFormat(lang, { style: "percent" }).format(tenth / 10);
    announceProgress(`${lead} ${starting ? label.dataset.starting : `${label.dataset.downloading} ${percent}`}`.trim());
  }

  // What the person entered in the step's form but has not sent yet: put back when the same step is
  // rendered again (Python taking over from the build's rendering, or after Retry).
  function entered(form) {
    return {
      question: form.dataset.question,
      base: form.dataset.base,
      fields: Array.from(form.elements)
        .filter((control) => control.name)
        .map((control) => ({ name: control.name, type: control.type, value: control.value, checked: control.checked,
          focused: control === document.activeElement })),
    };
  }

  function restore(kept) {
    const form = view.querySelector("form[data-question]");
    if (!form || form.dataset.question !== kept.question || form.dataset.base !== kept.base) return null;
    const controls = Array.from(form.elements).filter((control) => control.name);
    let focused = null;
    kept.fields.forEach((field) => {
      const ticked = field.type === "radio" || field.type === "checkbox";
      const control = controls.find((candidate) => candidate.name === field.name && candidate.type === field.type
        && (!ticked || candidate.value === field.value));
      if (!control) return;
      if (ticked) control.checked = field.checked;
      else control.value = field.value;
      if (field.focused) focused = control;
    });
    return focused;
  }

  function request() {
    if (state !== "ready") {
      const fragment = location.hash.replace(/^#/, "");
      const shipped = state === "preparing" ? prerenderedStep(fragment) : null;
      if (shipped) {
        prerendered = location.hash;
        show(shipped, "prerendered");
      } else if (location.hash.length > 1 && !root.dataset.pending) {
        root.dataset.pending = "true";
        // The notice that the answer is kept, then where the download stands, read out together.
        announcedTenth = -1;
        showProgress(root.querySelector("[data-wizard-preparing] p").textContent);
      }
      return;
    }
    seq += 1;
    worker.postMessage({ type: "step", seq, fragment: location.hash, lang, today: isoToday() });
  }

  // The build's reply for fragment, if it shipped one: a first step, or the step after a country
  // question, whose one view per distinct step the build checked, filled, against Python's reply for
  // each country (sitebuild/prerender.py fill: the country's answer and name where the marks are).
  function prerenderedStep(fragment) {
    if (!steps) return null;
    if (Object.prototype.hasOwnProperty.call(steps.steps, fragment)) return steps.steps[fragment];
    const cut = fragment.lastIndexOf("&");
    const entry = steps.after && isoToday() <= steps.after_until && steps.after[fragment.slice(0, cut)];
    const [question, code] = fragment.slice(cut + 1).split("=");
    if (cut < 0 || !entry || entry.question !== question || !Object.prototype.hasOwnProperty.call(entry.countries, code)) return null;
    const template = entry.views[entry.countries[code]];
    // Replaced by functions: a replacement string would read "$&" and the like in it as patterns.
    const fill = (text) => text.replaceAll("@@code@@", () => `${question}=${code}`).replaceAll("@@name@@", () => steps.names[code]);
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fill(value)]));
  }

  function show(reply, by) {
    const shown = view.querySelector("form[data-question]");
    const kept = shown && root.dataset.rendered === location.hash ? entered(shown) : null;
    view.innerHTML = reply.html;
    const refocus = kept && restore(kept);
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
    if (refocus) {
      refocus.focus();
    } else if (moveFocus) {
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
    heard = true;
    if (message.type === "progress") {
      downloads.set(message.file, { received: message.received, done: message.done });
      watch();
      showProgress();
    } else if (message.type === "starting") {
      if (!starting) performance.mark("wizard-starting"); // for the benchmark: download done, Python starting
      starting = true;
      showProgress();
    } else if (message.type === "ready") {
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
      fail({ kind: message.file ? "file" : "error", file: message.file, reason: message.reason, problem: message.problem });
    }
  }

  function answer(form) {
    const question = form.dataset.question;
    // Ticked boxes come in the page's order, which is the engine's: it judges the joined value.
    const value = new FormData(form).getAll(question).map((v) => String(v).trim()).filter(Boolean).join(",");
    const summary = form.querySelector("#wizard-error");
    const input = form.querySelector("#wizard-input");
    // The browser's own range check of a number or date (Python checks again); what was typed stays.
    const outOfRange = input && !input.disabled && input.validity && (input.validity.rangeUnderflow || input.validity.rangeOverflow || input.validity.badInput || input.validity.stepMismatch);
    const problem = value === "" && !outOfRange ? "unanswered" : outOfRange ? "range" : null;
    if (problem) {
      for (const line of summary.querySelectorAll("[data-error]")) line.hidden = line.dataset.error !== problem;
      summary.hidden = false;
      summary.focus();
      summary.scrollIntoView({ block: "nearest" });
      return;
    }
    const params = new URLSearchParams(form.dataset.base);
    params.delete(question);
    params.set(question, value);
    // Browser Back comes to this question again with this answer chosen: the entry being left
    // becomes the fragment that asks to change it.
    const again = new URLSearchParams(params);
    again.set(form.dataset.change, question);
    history.replaceState(history.state, "", "#" + again.toString());
    moveFocus = true;
    location.hash = params.toString();
  }

  // Loads the build's first steps when the visitor's today is one of the days the build proved
  // them right for (from its date to `until`): on another day a date in them (a policy's end, a
  // date question's limits) could differ from what Python renders, so Python renders them.
  function loadSteps() {
    if (!root.dataset.steps || isoToday() < root.dataset.built) return;
    const script = document.createElement("script");
    const stepsUrl = new URL(root.dataset.steps, location.href);
    stepsUrl.search = build;
    script.src = stepsUrl.href;
    script.async = true;
    script.onload = () => {
      const shipped = (globalThis.wizardSteps || {})[lang];
      const today = isoToday();
      const current = shipped && shipped.built === root.dataset.built && shipped.built <= today && today <= shipped.until;
      steps = current ? shipped : null;
      // The page's own first step is the build's rendering of the empty fragment: Python need not
      // render it again over what the visitor may already have ticked.
      if (steps && location.hash === "" && prerendered === null) prerendered = "";
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
    progressStatus = root.querySelector("[data-wizard-progress-status]");
    failure = root.querySelector("[data-wizard-failed]");
    lang = root.dataset.lang;
    bound = true;
    root.dataset.state = state;
    if (location.hash.length > 1) root.dataset.pending = "true";
    // The HTML holds the first step, the empty fragment's: a later rendering of it keeps its input.
    else root.dataset.rendered = location.hash;

    root.addEventListener("submit", (event) => {
      const form = event.target.closest("form[data-question]");
      if (!form) return;
      event.preventDefault();
      answer(form);
    });
    // "None of these" and the other boxes of a tick-all-that-apply question exclude each other.
    root.addEventListener("change", (event) => {
      const box = event.target;
      // "Open-ended, or not sure yet" beside a number: while ticked, the number is off (and is not
      // sent), and what was typed comes back when it is unticked.
      if (box instanceof HTMLInputElement && box.hasAttribute("data-unknown") && box.form) {
        const number = box.form.querySelector("#wizard-input");
        if (number) number.disabled = box.checked;
        return;
      }
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
      if (action && action.dataset.action === "retry") retry();
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

    showProgress();
    loadSteps();
    if (state === "failed") {
      showFailure();
      return;
    }
    watch();
    early.splice(0).forEach(onMessage);
  }

  const fromSiteRoot = (url) => (url.startsWith(siteRoot) ? url.slice(siteRoot.length) : url);

  function connect(python) {
    worker = python;
    worker.onmessage = onMessage;
    // With no message, the worker's script or a module it imports did not load (a module worker's
    // error says no more): ask the server for each, to name the one it does not serve.
    worker.onerror = (event) =>
      (event.message ? fail({ kind: "error", reason: event.message }) : missingScript().then(fail));
    worker.postMessage({ type: "start", siteRoot, texts: textsFile });
  }

  // The failure (for fail) of the first wizard script the server does not serve: a worker whose
  // script, or a module it imports, does not load reports an error with no message.
  async function missingScript() {
    for (const name of ["worker.js", "python-runner.js"]) {
      const file = fromSiteRoot(new URL(name, here).href);
      try {
        const response = await fetch(ofThisBuild(name), { method: "HEAD", cache: "no-store" });
        if (!response.ok) return { kind: "file", file, problem: "script", reason: `${file} did not load: HTTP ${response.status}` };
      } catch (error) {
        return { kind: "file", file, problem: "script", reason: `${file} did not load: ${error.message}` };
      }
    }
    return { kind: "error", reason: "assets/wizard/worker.js did not start" };
  }

  function connectOnPage() {
    // The offline bundle opened from file://: Chromium allows no worker there, so Python runs on
    // this page (page-python.js); the first question is already in the HTML meanwhile. Nothing is
    // downloaded, so only the bound on starting applies.
    heard = true;
    const script = document.createElement("script");
    script.src = ofThisBuild("page-python.js");
    script.onload = () => connect(globalThis.createPageWorker());
    script.onerror = () => fail({ kind: "file", file: fromSiteRoot(new URL("page-python.js", here).href), reason: `${script.src} did not load` });
    document.head.appendChild(script);
  }

  function startPython() {
    // Some security settings and modes turn WebAssembly off: the one failure that is the browser's.
    if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
      fail({ kind: "no_wasm" });
      return;
    }
    try {
      const script = ofThisBuild("worker.js");
      if (location.protocol === "file:") connectOnPage();
      else connect(new Worker(script, { type: "module" }));
    } catch (error) {
      fail({ kind: "error", reason: String(error && error.message || error) });
    }
  }

  performance.mark("wizard-worker-start");
  startPython();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", bind);
  else bind();
})();
