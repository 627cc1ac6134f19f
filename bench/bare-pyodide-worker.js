/* Benchmark baseline: a module worker that only loads Pyodide from the site, as the wizard's worker does. */
const { loadPyodide } = await import(new URL("../pyodide/pyodide.mjs", self.location.href).href);
await loadPyodide({ indexURL: new URL("../pyodide/", self.location.href).href });
self.postMessage("ready");
