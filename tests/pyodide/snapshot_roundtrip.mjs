// Makes a Pyodide memory snapshot after the wizard is built, restores it in a fresh runtime, and
// replays the same steps in both: pins the underscore-prefixed snapshot API the site relies on.
// Input: a JSON file {runtime_dir, bundle, cases: [{fragment, lang, today}]}; output: JSON on stdout.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { loadPyodide } from "../../node_modules/pyodide/pyodide.mjs";
import { withoutZeroPages, withZeroPages } from "../../wizard/front/snapshot-store.js";
import { pyodideWithEngine } from "./engine_package.mjs";

const WIZARD_GLOBAL = "__wizard__";
const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const bundleText = JSON.stringify(input.bundle);
const replay = (wizard) => input.cases.map((c) => JSON.parse(wizard.step(c.fragment, c.lang, c.today)));

// As wizard/front/python-runner.js does on a first visit: build the Wizard, keep it in __main__.
let started = performance.now();
const cold = await pyodideWithEngine(input.runtime_dir, { _makeSnapshot: true });
cold.globals.set(WIZARD_GLOBAL, cold.pyimport("wizard.web.browser").Wizard(bundleText));
const coldMs = performance.now() - started;
const before = replay(cold.globals.get(WIZARD_GLOBAL));

// Why the runner empties pyodide.loadedPackages around the copy: Pyodide 314 refuses otherwise.
let refusedWithPackageListed = "";
try {
  cold.makeMemorySnapshot();
} catch (error) {
  refusedWithPackageListed = String(error.message || error);
}

started = performance.now();
const snapshot = globalThis.createWizardRunner.memorySnapshot(cold);
const makeMs = performance.now() - started;

// As the browser's store keeps it (wizard/front/snapshot-store.js): the zero pages left out, put back.
const { kept, pages } = withoutZeroPages(snapshot);
const unpacked = withZeroPages(kept, pages, snapshot.length);

// As on a repeat visit: the Wizard comes back from memory without importing or building anything,
// and without the engine's package installed again (its files are not in the snapshot, and its
// modules, already imported, need none).
const lockFileContents = JSON.parse(readFileSync(`${input.runtime_dir}/pyodide-lock.json`, "utf8"));
const restoreOptions = { lockFileContents, packageBaseUrl: `${input.runtime_dir}/` };
started = performance.now();
const restored = await loadPyodide({ ...restoreOptions, _loadSnapshot: unpacked });
const wizard = restored.globals.get(WIZARD_GLOBAL);
const restoreMs = performance.now() - started;
const modulesBeforeSteps = restored.runPython("import sys; 'wizard.web.browser' in sys.modules");
const after = replay(wizard);

let rejected = "";
try {
  const corrupt = snapshot.slice();
  corrupt[0] ^= 0xff; // the header's magic number
  await loadPyodide({ ...restoreOptions, _loadSnapshot: corrupt });
} catch (error) {
  rejected = String(error.message || error);
}

process.stdout.write(JSON.stringify({
  wizardTypeAfterRestore: wizard ? wizard.type : null,
  engineImportedInSnapshot: modulesBeforeSteps,
  before,
  after,
  corruptHeaderRejected: rejected,
  refusedWithPackageListed,
  loadedAfterSnapshot: Object.keys(cold.loadedPackages),
  snapshotBytes: snapshot.length,
  storedBytes: kept.length,
  unpackedIdentical: Buffer.compare(Buffer.from(unpacked), Buffer.from(snapshot)) === 0,
  snapshotGzipBytes: gzipSync(snapshot, { level: 6 }).length,
  coldMs, makeMs, restoreMs,
}));
