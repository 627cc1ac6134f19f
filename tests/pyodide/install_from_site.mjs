// Installs the engine from a running copy of the site by its wheel's URL, as anyone's own Pyodide can
// (pyodide.loadPackage(url); micropip.install(url) takes the same URL), with the npm package's own
// lock file, which does not list the engine; then builds the Wizard from the site's rules.
// Input: the site's base URL and a date; output: JSON on stdout.
import { createHash } from "node:crypto";
import { loadPyodide } from "../../node_modules/pyodide/pyodide.mjs";
import "../../wizard/front/python-runner.js";

const [siteURL, today] = process.argv.slice(2);
const fetched = async (path) => {
  const response = await fetch(new URL(path, siteURL));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response;
};
const lock = await (await fetched("pyodide/pyodide-lock.json")).json();
const engine = globalThis.createWizardRunner.enginePackage(lock);
const wheelURL = new URL(`pyodide/${engine.file_name}`, siteURL).href;
const wheelSha256 = createHash("sha256").update(Buffer.from(await (await fetched(`pyodide/${engine.file_name}`)).arrayBuffer())).digest("hex");

const pyodide = await loadPyodide();
await pyodide.loadPackage(wheelURL, { messageCallback() {} });
pyodide.globals.set("bundle_text", await (await fetched("assets/wizard/bundle.json")).text());
pyodide.globals.set("texts_text", await (await fetched("assets/wizard/texts-en.json")).text());
const installed = JSON.parse(pyodide.runPython(`
import json
from importlib.metadata import distribution
from wizard.web.browser import Wizard
dist = distribution("${engine.name}")
wizard = Wizard(bundle_text)
wizard.add_texts(texts_text)
json.dumps({"name": dist.metadata["Name"], "version": dist.version,
            "kind": json.loads(wizard.step("", "en", "${today}"))["kind"]})
`));
process.stdout.write(JSON.stringify({
  lock: { name: engine.name, version: engine.version, sha256: engine.sha256 }, wheelSha256, wheelURL,
  loadedFrom: Object.values(pyodide.loadedPackages), installed,
}));
