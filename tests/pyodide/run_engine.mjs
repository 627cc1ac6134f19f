// Runs the wizard engine inside the real Pyodide runtime (the pinned npm package) under Node.
// Input: a JSON file {runtime_dir, bundle, cases: [{answers, lang, today}]}; output: the views, as JSON.
import { readFileSync } from "node:fs";
import { pyodideWithEngine } from "./engine_package.mjs";

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const pyodide = await pyodideWithEngine(input.runtime_dir);
pyodide.globals.set("payload", JSON.stringify({ bundle: input.bundle, cases: input.cases }));
const output = pyodide.runPython(`
import json, sys
from wizard.engine import Engine
data = json.loads(payload)
engine = Engine(data["bundle"])
json.dumps({"python": sys.version, "views": [engine.step(c["answers"], c["lang"], c["today"]) for c in data["cases"]]}, ensure_ascii=False)
`);
process.stdout.write(output);
