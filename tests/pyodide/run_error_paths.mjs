// Runs the browser's Wizard on the engine's error paths inside the real Pyodide under Node, with the
// runtime folder's trimmed standard library: each fragment's reply, and the one line the page shows
// (python-runner.js oneLine) for each bundle that cannot build a Wizard.
// Input: a JSON file {runtime_dir, bundle_text, cases: [{fragment, lang, today}], broken: [bundle_text]};
// output: JSON {replies, broken} on stdout.
import { readFileSync } from "node:fs";
import { pyodideWithEngine } from "./engine_package.mjs";

// A failure prints only its message and stack: Node's own report of an uncaught error starts with the
// failing line of pyodide.asm.mjs, a single line of megabytes, which buries the message.
try {
  const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
  const pyodide = await pyodideWithEngine(input.runtime_dir);
  pyodide.globals.set("bundle_text", input.bundle_text);
  pyodide.globals.set("cases", JSON.stringify(input.cases));
  const replies = JSON.parse(pyodide.runPython(`
  import json
  from wizard.web.browser import Wizard
  wizard = Wizard(bundle_text)
  json.dumps([json.loads(wizard.step(c["fragment"], c["lang"], c["today"])) for c in json.loads(cases)], ensure_ascii=False)
  `));
  const Wizard = pyodide.pyimport("wizard.web.browser").Wizard;
  const broken = input.broken.map((text) => {
    try {
      Wizard(text);
      return null;
    } catch (error) {
      // As the page reads it: the formatted traceback's last line.
      const lines = String(error.message).split("\n").map((line) => line.trim()).filter(Boolean);
      return lines[lines.length - 1] || "";
    }
  });
  process.stdout.write(JSON.stringify({ replies, broken }));
} catch (error) {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
}
