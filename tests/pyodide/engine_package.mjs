// Starts the pinned Pyodide under Node with a runtime folder's pyodide-lock.json (the site's pyodide/,
// or one sitebuild.engine_wheel wrote for a test) and loads the engine package by name with the
// browser's own loader (wizard/front/python-runner.js). Node reads the wheel from that folder: only the
// browser checks it against the lock's SHA-256 (the browser tests cover that).
import { readFileSync } from "node:fs";
import { loadPyodide } from "../../node_modules/pyodide/pyodide.mjs";
import "../../wizard/front/python-runner.js";

// packageBaseUrl is the folder itself, so a missing wheel fails here instead of being looked for online.
export async function pyodideWithEngine(runtimeDir, options = {}) {
  const lock = JSON.parse(readFileSync(`${runtimeDir}/pyodide-lock.json`, "utf8"));
  const pyodide = await loadPyodide({ lockFileContents: lock, packageBaseUrl: `${runtimeDir}/`, ...options });
  await globalThis.createWizardRunner.loadEngine(pyodide, lock);
  return pyodide;
}
