/* The wizard's worker over http(s): loads Pyodide with the site's own lock file (which lists the
   engine's wheel and its SHA-256) and the rules from this site, and hands them to the shared
   Python runner (python-runner.js), which loads the engine package. On a repeat visit Python is
   restored from the memory snapshot the last visit kept (snapshot-store.js); any failure there
   falls back to a normal load. Every download is reported to the page as it arrives (watchDownloads),
   which shows the progress and tells a slow network from a stalled one.
   No decision is made here. */
import "./python-runner.js";

const unwatchedFetch = self.fetch.bind(self);

// A file that did not load (missing, refused or cut off), named from the site root: the page names it.
class FileFailed extends Error {
  constructor(file, detail) {
    super(`${file} did not load: ${detail}`);
    this.file = file;
  }
}

// The site root, two folders above this worker (assets/wizard/, WIZARD_ASSETS in sitebuild/paths.py).
const SITE_ROOT = new URL("../../", self.location.href).href;
const fromSiteRoot = (url) => (url.startsWith(SITE_ROOT) ? url.slice(SITE_ROOT.length) : url);

async function fetchOk(url, as) {
  const response = await fetch(url);
  if (!response.ok) throw new FileFailed(fromSiteRoot(url), `HTTP ${response.status}`);
  try {
    return await (as === "text" ? response.text() : response.arrayBuffer());
  } catch (error) {
    throw new FileFailed(fromSiteRoot(url), error.message);
  }
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
  // Not watched (watchDownloads): if this fetch fails, Pyodide still fetches the file itself.
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
// would otherwise wait and blame the time. Once both have arrived, Python is starting.
const RUNTIME_FILES = ["pyodide.asm.wasm", "python_stdlib.zip"];
// At most one progress message a file this often (and its last): smooth for a person, few for the page.
const PROGRESS_EVERY_MS = 100;

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

// Reports every download from this site to the page as bytes received, counted from a copy of the
// response's body so that whoever asked for it reads it untouched. The page judges a stall by them
// (sitebuild/wizard_page.py STALL_MS): bytes arriving, however slowly, are never a failure.
function watchDownloads(indexURL, post, manifest) {
  let fail;
  const failed = new Promise((resolve, reject) => (fail = reject));
  failed.catch(() => {}); // heard by the loads that race it; nothing else waits on it
  const runtimeLeft = new Set(RUNTIME_FILES);
  const lastPost = new Map();
  const report = (file, received, done) => {
    const now = performance.now();
    if (!done && now - (lastPost.get(file) ?? -Infinity) < PROGRESS_EVERY_MS) return;
    lastPost.set(file, now);
    post({ type: "progress", file, received, done });
  };
  const arrived = (name) => {
    if (runtimeLeft.delete(name) && runtimeLeft.size === 0) post({ type: "starting" });
  };
  async function count(response, file, name) {
    const reader = response.body.getReader();
    let received = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.byteLength;
        report(file, received, false);
      }
      arrived(name);
    } catch (error) {
      if (RUNTIME_FILES.includes(name)) fail(new FileFailed(file, error.message));
    } finally {
      report(file, received, true);
    }
  }
  self.fetch = function (input, init) {
    const fetching = unwatchedFetch(input, init);
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(SITE_ROOT)) return fetching;
    const file = fromSiteRoot(url);
    const name = url.startsWith(indexURL) ? url.slice(indexURL.length) : null;
    report(file, 0, false);
    fetching.then(
      (response) => {
        // Checked against the build's manifest from its own copy (cloned before Pyodide reads the body).
        if (response.ok && RUNTIME_FILES.includes(name)) {
          checkRuntimeFile(file, response.clone(), manifest.then((files) => files[name] || null)).catch(fail);
        }
        if (response.ok && response.body) return count(response.clone(), file, name);
        report(file, 0, true);
        if (RUNTIME_FILES.includes(name)) fail(new FileFailed(file, `HTTP ${response.status}`));
      },
      (error) => {
        report(file, 0, true);
        if (RUNTIME_FILES.includes(name)) fail(new FileFailed(file, error.message));
      },
    );
    return fetching;
  };
  // Pyodide's two modules arrive by import(), which no fetch sees: each counts whole once loaded.
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name.startsWith(indexURL) && entry.name.endsWith(".mjs")) {
        post({ type: "progress", file: fromSiteRoot(entry.name), received: entry.decodedBodySize, done: true });
      }
    }
  }).observe({ type: "resource", buffered: true });
  return failed;
}

// A module that does not load is a file that did not load: named, like the fetched ones.
function importRuntime(url) {
  return import(url).catch((error) => {
    throw new FileFailed(fromSiteRoot(url), error.message);
  });
}

async function loadInputs(siteRoot, textsName) {
  const indexURL = new URL(RUNTIME_FOLDER, siteRoot).href;
  const manifest = readManifest(indexURL);
  manifest.catch(() => {}); // heard by the checks that need it
  const runtimeFailed = watchDownloads(indexURL, post, manifest);
  const storing = openStore();
  const reading = storing.then((opened) => opened && within(opened.readRecord(), null));
  // Only with a kept snapshot: this browser has been here and its service worker holds the runtime,
  // so the wasm read twice (here and by Pyodide) is not downloaded twice. A first visit, perhaps on
  // a slow network, leaves the compiling to Pyodide.
  const compiled = { beside: false };
  const compiling = reading.then((record) => record && compileBeside(new URL("pyodide.asm.wasm", indexURL).href, compiled));
  // The lock is fetched here, not by Pyodide, because the snapshot's key needs the engine's SHA-256.
  const locking = fetchOk(new URL("pyodide-lock.json", indexURL).href, "text").then(JSON.parse);
  // The rules every language shares (the snapshot's key covers them) and the page's language's words.
  const fetching = Promise.all([
    locking,
    fetchOk(new URL("bundle.json", self.location.href).href, "text"),
    fetchOk(new URL(textsName, self.location.href).href, "text"),
  ]);
  // Pyodide 314 loads only in module workers (it refuses classic ones).
  const [runtime, store, record] = await Promise.all([
    importRuntime(new URL("pyodide.mjs", indexURL).href),
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
    const [pyodide, [lock, bundleText, textsText]] = await Promise.all([loadNormally(), fetching]);
    return { pyodide, lock, bundleText, textsText, snapshot: "off", compiled };
  }
  // The standard library is the site's own trimmed zip (sitebuild/stdlib.py): a snapshot made with
  // another one would import from offsets that are no longer there, so its digest is in the key.
  const keyed = Promise.all([fetching, manifest]).then(([[lock, bundleText], files]) =>
    store.snapshotKey(`${runtime.version} stdlib ${(files["python_stdlib.zip"] || {}).sha256}`,
      globalThis.createWizardRunner.enginePackage(lock).sha256, bundleText));
  const keep = async (bytes, probe) => store.saveSnapshot(await keyed, bytes, probe);
  // Called when a restored Python fails a check: forget the snapshot, start afresh.
  const loadAgain = async () => {
    await store.dropSnapshot();
    const [pyodide, [lock, bundleText, textsText]] = await Promise.all([loadNormally(), fetching]);
    return { pyodide, lock, bundleText, textsText, keep, snapshot: "discarded", compiled };
  };
  if (record) {
    try {
      const [lock, bundleText, textsText] = await fetching;
      const snapshot = await store.snapshotFor(record, await keyed);
      if (snapshot) {
        const [pyodide, intact] = await Promise.all([
          started({ ...options, _loadSnapshot: snapshot.bytes }),
          snapshot.intact,
        ]);
        if (!intact) throw new Error("the stored snapshot does not match its digest");
        return { pyodide, lock, bundleText, textsText, keep, loadAgain, restored: true, probe: snapshot.probe, snapshot: "restored", compiled };
      }
    } catch {
      return loadAgain();
    }
  }
  // No snapshot yet (or one for another engine, now deleted): Python starts while the rest arrives.
  const [pyodide, [lock, bundleText, textsText]] = await Promise.all([loadNormally(), fetching]);
  return { pyodide, lock, bundleText, textsText, keep, snapshot: "made", compiled };
}

const post = (message) => self.postMessage(message);
const receive = globalThis.createWizardRunner(loadInputs, post);
self.onmessage = (event) => receive(event.data);
