/* Runs Python off the page's main thread: loads Pyodide from this site, unpacks the engine and the
   rules, then turns each URL fragment into the wizard's HTML. No decision is made here. */
"use strict";

let wizard = null;
let starting = null;

async function fetchOk(url, as) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return as === "text" ? response.text() : response.arrayBuffer();
}

async function start({ siteRoot }) {
  // Pyodide 314 loads only in module workers (it refuses classic ones).
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", siteRoot).href);
  const assets = new URL("assets/wizard/", siteRoot);
  const [pyodide, engineZip, bundleText] = await Promise.all([
    loadPyodide({ indexURL: new URL("pyodide/", siteRoot).href }),
    fetchOk(new URL("engine.zip", assets).href),
    fetchOk(new URL("bundle.json", assets).href, "text"),
  ]);
  phases.pyodide = performance.now();
  pyodide.unpackArchive(engineZip, "zip", { extractDir: "/home/pyodide/wizard-engine" });
  pyodide.runPython('import sys; sys.path.insert(0, "/home/pyodide/wizard-engine")');
  const Wizard = pyodide.pyimport("wizard.web.browser").Wizard;
  phases.imported = performance.now();
  wizard = Wizard(bundleText);
  phases.engine = performance.now();
}

// Milliseconds since the worker started, per phase: reported with "ready" for the benchmark.
const phases = {};

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === "start") {
    starting = start(message);
    try {
      await starting;
      self.postMessage({ type: "ready", phases });
    } catch (error) {
      self.postMessage({ type: "failed", reason: String(error && error.message || error) });
    }
  } else if (message.type === "step") {
    await starting;
    const reply = JSON.parse(wizard.step(message.fragment, message.lang, message.today));
    self.postMessage({ type: "view", seq: message.seq, reply });
  }
};
