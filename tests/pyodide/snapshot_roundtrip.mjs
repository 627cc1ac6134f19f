// Makes a Pyodide memory snapshot after the wizard is built, restores it in a fresh runtime, and
// replays the same steps in both: pins the underscore-prefixed snapshot API the site relies on.
// Input: a JSON file {engine_zip, bundle, cases: [{fragment, lang, today}]}; output: JSON on stdout.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { loadPyodide } from "../../node_modules/pyodide/pyodide.mjs";

const ENGINE_DIR = "/home/pyodide/wizard-engine";
const WIZARD_GLOBAL = "__wizard__";
const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const engineZip = new Uint8Array(readFileSync(input.engine_zip));
const bundleText = JSON.stringify(input.bundle);
const replay = (wizard) => input.cases.map((c) => JSON.parse(wizard.step(c.fragment, c.lang, c.today)));

// As wizard/front/python-host.js does on a first visit: build the Wizard, keep it in __main__.
let started = performance.now();
const cold = await loadPyodide({ _makeSnapshot: true });
cold.unpackArchive(engineZip, "zip", { extractDir: ENGINE_DIR });
cold.runPython(`import sys; sys.path.insert(0, "${ENGINE_DIR}")`);
cold.globals.set(WIZARD_GLOBAL, cold.pyimport("wizard.web.browser").Wizard(bundleText));
const coldMs = performance.now() - started;
const before = replay(cold.globals.get(WIZARD_GLOBAL));

started = performance.now();
const snapshot = cold.makeMemorySnapshot();
const makeMs = performance.now() - started;

// As on a repeat visit: the engine's files are unpacked again (the file system is not in the
// snapshot), the Wizard comes back from memory without importing or building anything.
started = performance.now();
const restored = await loadPyodide({ _loadSnapshot: snapshot });
restored.unpackArchive(engineZip, "zip", { extractDir: ENGINE_DIR });
const wizard = restored.globals.get(WIZARD_GLOBAL);
const restoreMs = performance.now() - started;
const modulesBeforeSteps = restored.runPython("import sys; 'wizard.web.browser' in sys.modules");
const after = replay(wizard);

let rejected = "";
try {
  const corrupt = snapshot.slice();
  corrupt[0] ^= 0xff; // the header's magic number
  await loadPyodide({ _loadSnapshot: corrupt });
} catch (error) {
  rejected = String(error.message || error);
}

process.stdout.write(JSON.stringify({
  wizardTypeAfterRestore: wizard ? wizard.type : null,
  engineImportedInSnapshot: modulesBeforeSteps,
  before,
  after,
  corruptHeaderRejected: rejected,
  snapshotBytes: snapshot.length,
  snapshotGzipBytes: gzipSync(snapshot, { level: 6 }).length,
  coldMs, makeMs, restoreMs,
}));
