// Starts the pinned Pyodide under Node with a runtime folder's pyodide-lock.json (the site's pyodide/,
// or one sitebuild.engine_wheel wrote for a test) and loads the engine package by name with the
// browser's own loader (wizard/front/python-runner.js). Node reads the wheel from that folder: only the
// browser checks it against the lock's SHA-256 (the browser tests cover that). A python_stdlib.zip in
// that folder (the site's trimmed one, sitebuild/stdlib.py) is the standard library Python starts with.
import { existsSync, readFileSync } from "node:fs";
import { loadPyodide } from "../../node_modules/pyodide/pyodide.mjs";
import "../../wizard/front/python-runner.js";

// packageBaseUrl is the folder itself, so a missing wheel fails here instead of being looked for online.
export async function pyodideWithEngine(runtimeDir, options = {}) {
  const lock = JSON.parse(readFileSync(`${runtimeDir}/pyodide-lock.json`, "utf8"));
  const stdlib = `${runtimeDir}/python_stdlib.zip`;
  const own = existsSync(stdlib) ? { stdLibURL: stdlib } : {};
  const pyodide = await loadPyodide({ lockFileContents: lock, packageBaseUrl: `${runtimeDir}/`, ...own, ...options });
  await globalThis.createWizardRunner.loadEngine(pyodide, lock);
  return pyodide;
}
