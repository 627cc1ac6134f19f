/* The wizard's Python side, wherever it runs (a worker over http, the page itself under file://):
   builds the Wizard from the engine archive and the rule bundle (or takes it back from a restored
   memory snapshot), then answers each step. Valid both as a classic script and as a module: it only
   sets one global. */
globalThis.createWizardHost = function createWizardHost(loadInputs, post) {
  const ENGINE_DIR = "/home/pyodide/wizard-engine";
  // Where the built Wizard lives in Python, so that a memory snapshot carries it to the next visit.
  const WIZARD_GLOBAL = "__wizard__";
  // A fixed step whose HTML a snapshot records when made and must reproduce when restored.
  const PROBE = ["", "en", "2000-01-01"];
  // Milliseconds since the host started, per phase: reported with "ready" for the benchmark.
  const phases = {};
  let wizard = null;
  let starting = null;
  let keepSnapshot = null;
  let snapshotState = "off";

  function buildWizard(pyodide, bundleText) {
    pyodide.runPython(`import sys; sys.path.insert(0, "${ENGINE_DIR}")`);
    const Wizard = pyodide.pyimport("wizard.web.browser").Wizard;
    phases.imported = performance.now();
    pyodide.globals.set(WIZARD_GLOBAL, Wizard(bundleText));
    return pyodide.globals.get(WIZARD_GLOBAL);
  }

  // The Wizard a snapshot brought back, or null if anything about it fails or answers differently.
  function restoredWizard(inputs) {
    try {
      // The file system is not part of a snapshot: the engine's files are unpacked on every visit.
      inputs.pyodide.unpackArchive(inputs.engineZip, "zip", { extractDir: ENGINE_DIR });
      const restored = inputs.pyodide.globals.get(WIZARD_GLOBAL);
      return restored && restored.step(...PROBE) === inputs.probe ? restored : null;
    } catch {
      return null;
    }
  }

  async function start(message) {
    let inputs = await loadInputs(message.siteRoot);
    phases.pyodide = performance.now();
    if (inputs.restored) {
      wizard = restoredWizard(inputs);
      if (!wizard) inputs = await inputs.loadAgain();
    }
    if (!wizard) {
      inputs.pyodide.unpackArchive(inputs.engineZip, "zip", { extractDir: ENGINE_DIR });
      wizard = buildWizard(inputs.pyodide, inputs.bundleText);
    }
    phases.engine = performance.now();
    snapshotState = inputs.snapshot || "off";
    if (inputs.keep && !inputs.restored) keepSnapshot = () => keep(inputs);
  }

  // Once the first view is sent: copy Python's memory and hand it to the store, off the ready path.
  async function keep(inputs) {
    try {
      const probe = wizard.step(...PROBE);
      const bytes = inputs.pyodide.makeMemorySnapshot();
      await inputs.keep(bytes, probe);
      post({ type: "snapshot", state: "saved", bytes: bytes.byteLength });
    } catch (error) {
      post({ type: "snapshot", state: "unsaved", reason: String((error && error.message) || error) });
    }
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
        post({ type: "ready", phases, snapshot: snapshotState });
      } catch (error) {
        post({ type: "failed", reason: oneLine(error) });
      }
    } else if (message.type === "step") {
      try {
        await starting;
      } catch {
        return; // "failed" was already posted
      }
      try {
        const reply = JSON.parse(wizard.step(message.fragment, message.lang, message.today));
        post({ type: "view", seq: message.seq, reply });
      } catch (error) {
        post({ type: "failed", reason: oneLine(error) });
        return;
      }
      if (keepSnapshot) {
        const making = keepSnapshot;
        keepSnapshot = null;
        setTimeout(making, 0);
      }
    }
  };
};
