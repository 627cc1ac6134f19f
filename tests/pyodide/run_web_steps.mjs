// Runs the browser's entry point (wizard.web.browser.Wizard) inside the real Pyodide runtime under Node.
// Input: a JSON file {runtime_dir, bundle_text, texts: [texts_text], cases: [{fragment, lang, today}]}: the
// bundle as the site serves it and the languages' texts files; output: the replies, as JSON.
import { readFileSync } from "node:fs";
import { pyodideWithEngine } from "./engine_package.mjs";

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const pyodide = await pyodideWithEngine(input.runtime_dir);
pyodide.globals.set("bundle_text", input.bundle_text);
pyodide.globals.set("texts", JSON.stringify(input.texts || []));
pyodide.globals.set("cases", JSON.stringify(input.cases));
const output = pyodide.runPython(`
import json
from wizard.web.browser import Wizard
wizard = Wizard(bundle_text)
for text in json.loads(texts):
    wizard.add_texts(text)
json.dumps([json.loads(wizard.step(c["fragment"], c["lang"], c["today"])) for c in json.loads(cases)], ensure_ascii=False)
`);
process.stdout.write(output);
