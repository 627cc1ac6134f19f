/* Runs the wizard's Python on the page itself, for the offline bundle opened from file://, where
   Chromium allows no worker, ES module or fetch. The runtime and the data arrive as classic scripts
   (written by sitebuild/file_runtime.py); a narrow fetch override hands Pyodide its two binaries and
   the engine's wheel, the wheel only if it has the integrity Pyodide asks for (the lock's SHA-256),
   so a changed wheel is refused here as fetch refuses it over http. */
(function () {
  "use strict";

  const PAYLOADS = "__wizardPayloads";
  // The one file named here (sitebuild/file_runtime.py writes it): the runtime's folder, every other
  // script to load, each payload's script, size and SHA-256, and which payload is which.
  const MANIFEST = "__wizardPayloadManifest";
  const here = document.currentScript.src; // the wizard's scripts, the manifest among them, are beside this one
  const MANIFEST_SCRIPT = "payloads.js";
  const siteRoot = new URL("../../", here).href; // here is assets/wizard/ (WIZARD_ASSETS)
  let manifest = null;

  // A file that did not load or is damaged, named apart from the message so the page can say which.
  function fileError(url, message, cause) {
    const file = url.startsWith(siteRoot) ? url.slice(siteRoot.length) : url;
    return Object.assign(new Error(message, cause ? { cause } : undefined), { file });
  }

  function loadScript(url) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.async = false; // parallel download, ordered execution
      script.onload = resolve;
      script.onerror = () => reject(fileError(url, `${url} did not load`));
      document.head.appendChild(script);
    });
  }

  function decode(text) {
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  async function sha256(bytes) {
    const digest = await crypto.subtle.digest("SHA-256", bytes);
    return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  // Decodes a payload once, dropping its text (a third larger than the bytes).
  function payloadBytes(name) {
    const file = manifest.payloads[name].script;
    const text = globalThis[PAYLOADS] && globalThis[PAYLOADS][name];
    if (typeof text !== "string") throw fileError(file, `${file}: payload missing`);
    delete globalThis[PAYLOADS][name];
    try {
      return decode(text);
    } catch (error) {
      throw fileError(file, `${file} is damaged: not base64`, error);
    }
  }

  // Checks a payload against the manifest: a damaged file is named now, not found out by Pyodide
  // after the ready timeout.
  async function checkedBytes(name) {
    const expected = manifest.payloads[name];
    const file = expected.script;
    const bytes = payloadBytes(name);
    if (!expected.sha256) throw fileError(file, `${file}: no SHA-256 in ${MANIFEST_SCRIPT}`);
    if (bytes.length !== expected.bytes) throw fileError(file, `${file} is damaged: ${bytes.length} bytes, expected ${expected.bytes}`);
    if ((await sha256(bytes)) !== expected.sha256) throw fileError(file, `${file} is damaged: its SHA-256 does not match`);
    return bytes;
  }

  // Subresource integrity as fetch applies it, for the wheel answered here: pyodide.loadPackage asks
  // for it with integrity "sha256-<base64>" from the lock file, and bytes that differ (or a request
  // without that check) are refused as fetch refuses them. Checked here rather than by fetching a
  // blob: URL, which the embed page's connect-src 'self' forbids.
  async function withIntegrity(bytes, integrity) {
    const expected = /^sha256-([A-Za-z0-9+/]+={0,2})$/.exec(integrity || "");
    if (!expected) throw new TypeError("Failed to fetch: no SHA-256 to check the wheel against");
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    if (btoa(String.fromCharCode(...digest)) !== expected[1]) throw new TypeError("Failed to fetch: its SHA-256 differs");
    return new Response(bytes, { headers: { "Content-Type": "application/zip" } });
  }

  // Only the files Pyodide fetches by name are answered here; anything else goes to fetch.
  function serveFiles(indexURL, files, wheelName) {
    const originalFetch = globalThis.fetch;
    globalThis.fetch = function (input, init) {
      const url = String(input instanceof Request ? input.url : input);
      const name = url.startsWith(indexURL) ? decodeURIComponent(url.slice(indexURL.length)) : null;
      if (name && Object.prototype.hasOwnProperty.call(manifest.fetched, name) && files[name]) {
        const bytes = files[name];
        delete files[name]; // fetched once; let the memory go with Pyodide's copy
        return Promise.resolve(new Response(bytes, { headers: { "Content-Type": manifest.fetched[name] } }));
      }
      if (name === wheelName && files[manifest.engine]) return withIntegrity(files[manifest.engine], init && init.integrity);
      return originalFetch.call(this, input, init);
    };
  }

  async function loadInputs(siteRoot, textsName) {
    await loadScript(new URL(MANIFEST_SCRIPT, here).href);
    manifest = globalThis[MANIFEST];
    if (!manifest || !manifest.payloads) throw new Error(`${MANIFEST_SCRIPT}: not a payload manifest`);
    if (!manifest.payloads[textsName]) throw new Error(`${MANIFEST_SCRIPT}: no payload ${textsName}`);
    // Every payload but the other languages' texts.
    const names = Object.keys(manifest.payloads).filter((name) => name === textsName || !manifest.texts.includes(name));
    const scripts = [...manifest.runtime, ...names.map((name) => manifest.payloads[name].script)];
    await Promise.all(scripts.map((path) => loadScript(new URL(path, siteRoot).href)));
    const indexURL = new URL(manifest.folder, siteRoot).href;
    const files = {};
    for (const name of names) {
      files[name] = name === manifest.engine ? payloadBytes(name) : await checkedBytes(name);
    }
    const text = (name) => new TextDecoder().decode(files[name]);
    const lock = JSON.parse(text(manifest.lock));
    serveFiles(indexURL, files, globalThis.createWizardRunner.enginePackage(lock).file_name);
    const pyodide = await globalThis.loadPyodide({
      indexURL,
      packageBaseUrl: indexURL,
      createPyodideModule: globalThis._createPyodideModule,
      lockFileContents: lock,
    });
    return { pyodide, lock, bundleText: text(manifest.rules), textsText: text(textsName) };
  }

  // The same interface as a Worker (postMessage, onmessage, onerror, terminate) for wizard.js.
  globalThis.createPageWorker = function createPageWorker() {
    let stopped = false;
    const worker = {
      onmessage: null,
      onerror: null,
      postMessage(message) {
        runner.then((receive) => receive(message));
      },
      terminate() {
        stopped = true;
      },
    };
    const deliver = (message) => {
      if (!stopped && worker.onmessage) worker.onmessage({ data: message });
    };
    const runner = loadScript(new URL("python-runner.js", here).href).then(() =>
      globalThis.createWizardRunner(loadInputs, deliver)
    );
    runner.catch((error) => {
      if (!stopped && worker.onerror) worker.onerror({ message: error.message });
    });
    return worker;
  };
})();
