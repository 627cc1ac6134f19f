// Records which files of the standard library zip the wizard's Python uses: starts the pinned Pyodide
// under Node as the browser does (the engine's package loaded by name through wizard/front/python-runner.js),
// runs every case through the engine and through the browser's Wizard, formats a Python error, makes
// a memory snapshot, then lists each module's file in the zip. Used by sitebuild/stdlib.py.
// Input: a JSON file {runtime_dir, stdlib (a zip path, or null for the npm package's), bundle_text,
// cases: [{answers, lang, today}], error_paths: [[fragment, lang, today]]}; output: JSON {files, python} on stdout.
import { readFileSync } from "node:fs";
import { loadPyodide } from "../node_modules/pyodide/pyodide.mjs";
import "../wizard/front/python-runner.js";

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const lock = JSON.parse(readFileSync(`${input.runtime_dir}/pyodide-lock.json`, "utf8"));
const options = { lockFileContents: lock, packageBaseUrl: `${input.runtime_dir}/`, _makeSnapshot: true };
if (input.stdlib) options.stdLibURL = input.stdlib;
const pyodide = await loadPyodide(options);
await globalThis.createWizardRunner.loadEngine(pyodide, lock);
const wizard = pyodide.pyimport("wizard.web.browser").Wizard(input.bundle_text);
pyodide.globals.set("__wizard__", wizard);
pyodide.globals.set("payload", JSON.stringify({ bundle: input.bundle_text, cases: input.cases, error_paths: input.error_paths }));
pyodide.runPython(`
import json
from wizard.engine import Engine
from wizard.web.fragment import build
data = json.loads(payload)
engine = Engine(json.loads(data["bundle"]))
for case in data["cases"]:
    engine.step(case["answers"], case["lang"], case["today"])
    for fragment in ("#" + build(case["answers"]), "#" + build(case["answers"], change=next(iter(case["answers"]), None))):
        json.loads(__wizard__.step(fragment, case["lang"], case["today"]))
for fragment, lang, today in data["error_paths"]:
    __wizard__.step(fragment, lang, today)
`);
// An error from Python reaches the page as its formatted traceback (python-runner.js oneLine).
try {
  pyodide.runPython("raise ValueError('a recorded error')");
} catch (error) {
  if (!String(error.message).includes("a recorded error")) throw error;
}
globalThis.createWizardRunner.memorySnapshot(pyodide);
const output = pyodide.runPython(`
import json, sys
zips = [entry for entry in sys.path if entry.endswith(".zip")]
assert len(zips) == 1, sys.path
prefix = zips[0] + "/"
files = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or getattr(module, "__file__", None)
    if origin and origin.startswith(prefix):
        files.add(origin[len(prefix):])
json.dumps({"files": sorted(files), "python": sys.version})
`);
process.stdout.write(output);
