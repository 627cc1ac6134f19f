/* The wizard's worker over http(s): loads Pyodide with the site's own lock file (which lists the
   engine's wheel and its SHA-256) and the rules from this site, and hands them to the shared
   Python runner (python-runner.js), which loads the engine package. On a repeat visit Python is
   restored from the memory snapshot the last visit kept (snapshot-store.js); any failure there
   falls back to a normal load.
   No decision is made here. */
import "./python-runner.js";

const unwatchedFetch = self.fetch.bind(self);

async function fetchOk(url, as) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return as === "text" ? response.text() : response.arrayBuffer();
}

// Some browsers have let IndexedDB hang instead of failing: a store that does not answer within
// this long is treated as unavailable, so that it can never hold Python back.
const STORE_PATIENCE_MS = 2000;

function within(promise, fallback) {
  return Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(fallback), STORE_PATIENCE_MS))]);
}

// The store is optional: if its module does not load, the wizard loads Python as it always did.
async function openStore() {
  try {
    const store = await import("./snapshot-store.js");
    return (await within(store.storeAvailable(), false)) ? store : null;
  } catch {
    return null;
  }
}

// Pyodide compiles its WebAssembly only once pyodide.asm.mjs has loaded and, on a repeat visit, the
// snapshot's bytes have been read (it needs their size first). Compiled from the moment a kept
// snapshot is found instead, off this thread, the module is handed to Pyodide's one
// instantiateStreaming call, which then only instantiates it. `compiled.beside` says whether Pyodide
// took it (reported to the benchmark; a test fails if a Pyodide upgrade stops calling it).
function compileBeside(wasmURL, compiled) {
  // Not watched (watchRuntimeFiles): if this fetch fails, Pyodide still fetches the file itself.
  const compiling = WebAssembly.compileStreaming(unwatchedFetch(wasmURL));
  compiling.catch(() => {}); // Pyodide then compiles as it always does
  const original = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async function (source, imports) {
    WebAssembly.instantiateStreaming = original;
    let module;
    try {
      module = await compiling;
    } catch {
      return original.call(this, source, imports);
    }
    compiled.beside = true;
    // Pyodide's own request for the same file is not needed: let it go unread.
    Promise.resolve(source).then((response) => response.body && response.body.cancel(), () => {});
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
}

const RUNTIME_FOLDER = "pyodide/"; // sitebuild/runtime.py SITE_FOLDER, from the site root

// Pyodide 314 never settles loadPyodide when its WebAssembly cannot be fetched (the rejection stays
// unhandled inside it), and reports a missing standard library only as "exit(1)". Watching its own
// fetches of these files (file_runtime.FETCHED_BINARIES) names the file at once, where the page
// would otherwise wait for its ready timeout and blame the time.
const RUNTIME_FILES = ["pyodide.asm.wasm", "python_stdlib.zip"];

// The build's size and SHA-256 of each runtime file (sitebuild/runtime.py MANIFEST, beside them).
const RUNTIME_MANIFEST = "runtime-files.json";

// A runtime file the host served with status 200 but not as this build published it. `problem` says
// which way ("type" or "damaged"), for the page to explain in its language; the message is the detail.
class RuntimeFileBroken extends Error {
  constructor(file, problem, detail) {
    super(`${file} ${detail}`);
    this.file = file;
    this.problem = problem;
  }
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// Checks a copy of a runtime file's response against the build's manifest (a promise of
// {size, sha256}); rejects with RuntimeFileBroken. A .wasm must come as application/wasm, or
// WebAssembly refuses to stream it and Pyodide 314 never settles; a damaged body fails Python deep
// inside, or not at all until the page's timeout. Hashing the 9.6 MB wasm takes tens of milliseconds.
async function checkRuntimeFile(file, response, expecting) {
  if (file.endsWith(".wasm")) {
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim().toLowerCase();
    if (type !== "application/wasm") {
      throw new RuntimeFileBroken(file, "type", `was served as ${type || "no type"}; the host must serve .wasm files as application/wasm`);
    }
  }
  const [bytes, expected] = await Promise.all([response.arrayBuffer(), expecting]);
  if (!expected) throw new RuntimeFileBroken(file, "damaged", `is damaged: ${RUNTIME_MANIFEST} does not list it`);
  if (bytes.byteLength !== expected.size) {
    throw new RuntimeFileBroken(file, "damaged", `is damaged: ${bytes.byteLength} bytes where this build has ${expected.size}`);
  }
  // crypto.subtle exists only in secure contexts (https, localhost): on plain http the type and size
  // checks above are all there is, and a missing SHA-256 must not stop the wizard.
  if (!(self.crypto && crypto.subtle)) return;
  if (hex(await crypto.subtle.digest("SHA-256", bytes)) !== expected.sha256) {
    throw new RuntimeFileBroken(file, "damaged", "is damaged: its SHA-256 differs from this build's");
  }
}

// The manifest's files ({name: {size, sha256}}); a manifest that is not one is named like the rest.
async function readManifest(indexURL) {
  const text = await fetchOk(new URL(RUNTIME_MANIFEST, indexURL).href, "text");
  let files;
  try {
    files = JSON.parse(text).files;
  } catch {
    files = null;
  }
  if (!files || typeof files !== "object") {
    throw new RuntimeFileBroken(`${RUNTIME_FOLDER}${RUNTIME_MANIFEST}`, "damaged", "is damaged: not the build's list of runtime files");
  }
  return files;
}

function watchRuntimeFiles(indexURL, manifest) {
  let fail;
  const failed = new Promise((resolve, reject) => (fail = reject));
  failed.catch(() => {}); // heard by the loads that race it; nothing else waits on it
  self.fetch = function (input, init) {
    const fetching = unwatchedFetch(input, init);
    const url = String(input instanceof Request ? input.url : input);
    const name = url.startsWith(indexURL) ? url.slice(indexURL.length) : null;
    if (RUNTIME_FILES.includes(name)) {
      const file = `${RUNTIME_FOLDER}${name}`;
      fetching.then(
        // Cloned before Pyodide, which was handed `fetching` after this callback, reads the body.
        (response) => (response.ok
          ? checkRuntimeFile(file, response.clone(), manifest.then((files) => files[name] || null)).catch(fail)
          : fail(new Error(`${file} did not load: HTTP ${response.status}`))),
        (error) => fail(new Error(`${file} did not load: ${error.message}`)),
      );
    }
    return fetching;
  };
  return failed;
}

async function loadInputs(siteRoot) {
  const indexURL = new URL(RUNTIME_FOLDER, siteRoot).href;
  const manifest = readManifest(indexURL);
  manifest.catch(() => {}); // heard by the checks that need it
  const runtimeFailed = watchRuntimeFiles(indexURL, manifest);
  const storing = openStore();
  const reading = storing.then((opened) => opened && within(opened.readRecord(), null));
  // Only with a kept snapshot: this browser has been here and its service worker holds the runtime,
  // so the wasm read twice (here and by Pyodide) is not downloaded twice. A first visit, perhaps on
  // a slow network, leaves the compiling to Pyodide.
  const compiled = { beside: false };
  const compiling = reading.then((record) => record && compileBeside(new URL("pyodide.asm.wasm", indexURL).href, compiled));
  // The lock is fetched here, not by Pyodide, because the snapshot's key needs the engine's SHA-256.
  const locking = fetchOk(new URL("pyodide-lock.json", indexURL).href, "text").then(JSON.parse);
  const fetching = Promise.all([locking, fetchOk(new URL("bundle.json", self.location.href).href, "text")]);
  // Pyodide 314 loads only in module workers (it refuses classic ones).
  const [runtime, store, record] = await Promise.all([
    import(new URL("pyodide.mjs", indexURL).href),
    storing,
    reading,
    compiling, // in place before Pyodide can call instantiateStreaming
  ]);
  const started = (settings) => Promise.race([runtime.loadPyodide(settings), runtimeFailed]);
  const options = { indexURL, lockFileContents: locking, packageBaseUrl: indexURL };
  // Named in packages, the engine's wheel is fetched while Python boots and installed once it has;
  // python-runner.js then finds it loaded (or loads it again, to say why it cannot).
  const loadNormally = async () => {
    const engine = globalThis.createWizardRunner.enginePackage(await locking);
    return started({ ...options, packages: [engine.name], _makeSnapshot: Boolean(store) });
  };
  if (!store) {
    const [pyodide, [lock, bundleText]] = await Promise.all([loadNormally(), fetching]);
    return { pyodide, lock, bundleText, snapshot: "off", compiled };
  }
  const keyed = fetching.then(([lock, bundleText]) =>
    store.snapshotKey(runtime.version, globalThis.createWizardRunner.enginePackage(lock).sha256, bundleText));
  const keep = async (bytes, probe) => store.saveSnapshot(await keyed, bytes, probe);
  // Called when a restored Python fails a check: forget the snapshot, start afresh.
  const loadAgain = async () => {
    await store.dropSnapshot();
    const [pyodide, [lock, bundleText]] = await Promise.all([loadNormally(), fetching]);
    return { pyodide, lock, bundleText, keep, snapshot: "discarded", compiled };
  };
  if (record) {
    try {
      const [lock, bundleText] = await fetching;
      const snapshot = await store.snapshotFor(record, await keyed);
      if (snapshot) {
        const [pyodide, intact] = await Promise.all([
          started({ ...options, _loadSnapshot: snapshot.bytes }),
          snapshot.intact,
        ]);
        if (!intact) throw new Error("the stored snapshot does not match its digest");
        return { pyodide, lock, bundleText, keep, loadAgain, restored: true, probe: snapshot.probe, snapshot: "restored", compiled };
      }
    } catch {
      return loadAgain();
    }
  }
  // No snapshot yet (or one for another engine, now deleted): Python starts while the rest arrives.
  const [pyodide, [lock, bundleText]] = await Promise.all([loadNormally(), fetching]);
  return { pyodide, lock, bundleText, keep, snapshot: "made", compiled };
}

const receive = globalThis.createWizardRunner(loadInputs, (message) => self.postMessage(message));
self.onmessage = (event) => receive(event.data);
