/* The wizard's worker over http(s): loads Pyodide, the engine and the rules from this site and hands
   them to the shared Python host. No decision is made here. */
import "./python-host.js";

async function fetchOk(url, as) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return as === "text" ? response.text() : response.arrayBuffer();
}

async function loadInputs(siteRoot) {
  // Pyodide 314 loads only in module workers (it refuses classic ones).
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", siteRoot).href);
  const assets = new URL("assets/wizard/", siteRoot);
  const [pyodide, engineZip, bundleText] = await Promise.all([
    loadPyodide({ indexURL: new URL("pyodide/", siteRoot).href }),
    fetchOk(new URL("engine.zip", assets).href),
    fetchOk(new URL("bundle.json", assets).href, "text"),
  ]);
  return { pyodide, engineZip, bundleText };
}

const receive = globalThis.createWizardHost(loadInputs, (message) => self.postMessage(message));
self.onmessage = (event) => receive(event.data);
