/* Runs the wizard's Python on the page itself, for the offline bundle opened from file://, where
   Chromium allows no worker, ES module or fetch. The runtime and the data arrive as classic scripts
   (written by sitebuild/file_runtime.py); a narrow fetch override hands Pyodide its two binaries. */
(function () {
  "use strict";

  const PAYLOADS = "__wizardPayloads";
  const BINARY_TYPES = { "pyodide.asm.wasm": "application/wasm", "python_stdlib.zip": "application/zip" };
  const SCRIPTS = [
    "pyodide/pyodide.js",
    "pyodide/pyodide.asm.js",
    "pyodide/pyodide.asm.wasm.js",
    "pyodide/python_stdlib.zip.js",
    "pyodide/pyodide-lock.json.js",
    "assets/wizard/engine.zip.js",
    "assets/wizard/bundle.json.js",
  ];

  function loadScript(url) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.async = false; // parallel download, ordered execution
      script.onload = resolve;
      script.onerror = () => reject(new Error(`${url} did not load`));
      document.head.appendChild(script);
    });
  }

  // Decodes a payload once and drops its text, which is a third larger than the bytes.
  function takeBytes(name) {
    const text = globalThis[PAYLOADS] && globalThis[PAYLOADS][name];
    if (typeof text !== "string") throw new Error(`${name}: payload missing`);
    delete globalThis[PAYLOADS][name];
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  // Only the two files Pyodide fetches by name are answered here; anything else goes to fetch.
  function serveBinaries(indexURL) {
    const originalFetch = globalThis.fetch;
    globalThis.fetch = function (input, init) {
      const url = String(input instanceof Request ? input.url : input);
      const name = url.startsWith(indexURL) ? url.slice(indexURL.length) : null;
      if (name && Object.prototype.hasOwnProperty.call(BINARY_TYPES, name)) {
        return Promise.resolve(new Response(takeBytes(name), { headers: { "Content-Type": BINARY_TYPES[name] } }));
      }
      return originalFetch.call(this, input, init);
    };
  }

  async function loadInputs(siteRoot) {
    await Promise.all(SCRIPTS.map((path) => loadScript(new URL(path, siteRoot).href)));
    const indexURL = new URL("pyodide/", siteRoot).href;
    const text = (name) => new TextDecoder().decode(takeBytes(name));
    serveBinaries(indexURL);
    const pyodide = await globalThis.loadPyodide({
      indexURL,
      createPyodideModule: globalThis._createPyodideModule,
      lockFileContents: JSON.parse(text("pyodide-lock.json")),
    });
    return { pyodide, engineZip: takeBytes("engine.zip"), bundleText: text("bundle.json") };
  }

  // The same interface as a Worker (postMessage, onmessage, onerror, terminate) for wizard.js.
  globalThis.createPageWorker = function createPageWorker(siteRoot) {
    let stopped = false;
    const worker = {
      onmessage: null,
      onerror: null,
      postMessage(message) {
        host.then((receive) => receive(message));
      },
      terminate() {
        stopped = true;
      },
    };
    const deliver = (message) => {
      if (!stopped && worker.onmessage) worker.onmessage({ data: message });
    };
    const host = loadScript(new URL("assets/wizard/python-host.js", siteRoot).href).then(() =>
      globalThis.createWizardHost(loadInputs, deliver)
    );
    host.catch((error) => {
      if (!stopped && worker.onerror) worker.onerror({ message: error.message });
    });
    return worker;
  };
})();
