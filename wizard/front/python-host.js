/* The wizard's Python side, wherever it runs (a worker over http, the page itself under file://):
   builds the Wizard from the engine archive and the rule bundle, then answers each step.
   Valid both as a classic script and as a module: it only sets one global. */
globalThis.createWizardHost = function createWizardHost(loadInputs, post) {
  const ENGINE_DIR = "/home/pyodide/wizard-engine";
  // Milliseconds since the host started, per phase: reported with "ready" for the benchmark.
  const phases = {};
  let wizard = null;
  let starting = null;

  async function start(message) {
    const { pyodide, engineZip, bundleText } = await loadInputs(message.siteRoot);
    phases.pyodide = performance.now();
    pyodide.unpackArchive(engineZip, "zip", { extractDir: ENGINE_DIR });
    pyodide.runPython(`import sys; sys.path.insert(0, "${ENGINE_DIR}")`);
    const Wizard = pyodide.pyimport("wizard.web.browser").Wizard;
    phases.imported = performance.now();
    wizard = Wizard(bundleText);
    phases.engine = performance.now();
  }

  // A Python exception's message is its whole traceback: the reader is shown its last line only.
  function oneLine(error) {
    const lines = String((error && error.message) || error).split("\n").map((line) => line.trim()).filter(Boolean);
    return (lines[lines.length - 1] || "").slice(0, 300);
  }

  return async function receive(message) {
    if (message.type === "start") {
      starting = start(message);
      try {
        await starting;
        post({ type: "ready", phases });
      } catch (error) {
        post({ type: "failed", reason: oneLine(error) });
      }
    } else if (message.type === "step") {
      try {
        await starting;
      } catch (error) {
        return; // "failed" was already posted
      }
      try {
        const reply = JSON.parse(wizard.step(message.fragment, message.lang, message.today));
        post({ type: "view", seq: message.seq, reply });
      } catch (error) {
        post({ type: "failed", reason: oneLine(error) });
      }
    }
  };
};
