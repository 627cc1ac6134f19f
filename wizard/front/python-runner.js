/* The wizard's Python side, wherever it runs (a worker over http, the page itself under file://):
   loads the engine package the site's pyodide-lock.json lists (Pyodide checks it against the lock's
   SHA-256), builds the Wizard from it and the rule bundle every language shares (or takes it back
   from a restored memory snapshot), adds the page's language's texts, then answers each step.
   Valid both as a classic script and as a module: it only sets one global, createWizardRunner,
   with enginePackage(lock), loadEngine(pyodide, lock) and memorySnapshot(pyodide) on it for the
   loaders and the Node tests. */
globalThis.createWizardRunner = function createWizardRunner(loadInputs, post) {
  // Where the built Wizard lives in Python, so that a memory snapshot carries it to the next visit.
  const WIZARD_GLOBAL = "__wizard__";
  // Milliseconds since the runner started, per phase: reported with "ready" for the benchmark.
  const phases = {};
  let wizard = null;
  let starting = null;
  let keepSnapshot = null;
  let snapshotState = "off";
  let compiledBeside = false;

  function buildWizard(pyodide, bundleText) {
    const Wizard = pyodide.pyimport("wizard.web.browser").Wizard;
    phases.imported = performance.now();
    pyodide.globals.set(WIZARD_GLOBAL, Wizard(bundleText));
    return pyodide.globals.get(WIZARD_GLOBAL);
  }

  // The Wizard a snapshot brought back, or null if anything about it fails or answers differently.
  async function restoredWizard(inputs) {
    try {
      // The snapshot holds the engine's modules, imported, not their files: nothing more is needed,
      // since they import only at their top (tests/engine/test_purity.py), so the package is not
      // installed again (that cost about 0.1 s of every repeat visit).
      const restored = inputs.pyodide.globals.get(WIZARD_GLOBAL);
      // Its fixed step, in the language its texts were added in, before this page's are added.
      return restored && restored.probe() === inputs.probe ? restored : null;
    } catch {
      return null;
    }
  }

  async function start(message) {
    let inputs = await loadInputs(message.siteRoot, message.texts);
    phases.pyodide = performance.now();
    if (inputs.restored) {
      wizard = await restoredWizard(inputs);
      if (!wizard) inputs = await inputs.loadAgain();
    }
    if (!wizard) {
      await createWizardRunner.loadEngine(inputs.pyodide, inputs.lock);
      wizard = buildWizard(inputs.pyodide, inputs.bundleText);
    }
    try {
      wizard.add_texts(inputs.textsText);
    } catch (error) {
      throw new Error(`${message.texts}: ${oneLine(error)}`, { cause: error }); // the file, then what is wrong
    }
    phases.engine = performance.now();
    snapshotState = inputs.snapshot || "off";
    compiledBeside = Boolean(inputs.compiled && inputs.compiled.beside);
    if (inputs.keep && !inputs.restored) keepSnapshot = () => keep(inputs);
  }

  // Copies Python's memory at once (the part before the first await), then hands the copy to the
  // store. Called once ready is sent and before any step: the copy is Python's whole memory, freed
  // strings included, and a visitor's answers must never be kept in this browser's storage with it.
  async function keep(inputs) {
    try {
      const probe = wizard.probe();
      const bytes = createWizardRunner.memorySnapshot(inputs.pyodide);
      const stored = await inputs.keep(bytes, probe);
      post({ type: "snapshot", state: "saved", memory: bytes.byteLength, stored });
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
        post({ type: "ready", phases, snapshot: snapshotState, compiledBeside });
        // Before the step continuations waiting on `starting`: they were queued after this one.
        if (keepSnapshot) keepSnapshot();
        keepSnapshot = null;
      } catch (error) {
        // A file that did not load is named apart (the loaders set `file`), and `problem` (worker.js
        // RuntimeFileBroken) is a cause the page explains in its own language.
        post({ type: "failed", reason: oneLine(error), file: (error && error.file) || "", problem: (error && error.problem) || null });
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
    }
  };
};

// The engine is the lock file's one package that provides the `wizard` import (sitebuild/engine_wheel.py
// writes it there): the lock alone names its file and its SHA-256.
globalThis.createWizardRunner.enginePackage = function enginePackage(lock) {
  const engines = Object.values((lock && lock.packages) || {}).filter((entry) => (entry.imports || []).includes("wizard"));
  if (engines.length !== 1) throw new Error(`pyodide-lock.json: expected one package providing "wizard", found ${engines.length}`);
  return engines[0];
};

// pyodide.loadPackage fetches the wheel with the lock's SHA-256 as its integrity, installs it, and
// only reports a failure (a refused or missing wheel): turn that into an error the page can show.
globalThis.createWizardRunner.loadEngine = async function loadEngine(pyodide, lock) {
  const engine = globalThis.createWizardRunner.enginePackage(lock);
  const problems = [];
  await pyodide.loadPackage(engine.name, { messageCallback() {}, errorCallback: (message) => problems.push(message) });
  if (!pyodide.loadedPackages[engine.name]) {
    const detail = problems.length ? problems[problems.length - 1].split("\n")[0] : "not loaded";
    const file = `pyodide/${engine.file_name}`;
    throw Object.assign(new Error(`${file} did not load (missing, or not the file pyodide-lock.json lists): ${detail}`), { file });
  }
  return engine;
};

// Pyodide 314 makes a memory snapshot only while pyodide.loadedPackages is empty (it checks that
// object among its fixed JS references). A restored runtime has none of the package's files and
// loads the engine again anyway, so the list is emptied for the copy and then put back.
globalThis.createWizardRunner.memorySnapshot = function memorySnapshot(pyodide) {
  const loaded = { ...pyodide.loadedPackages };
  for (const name of Object.keys(loaded)) delete pyodide.loadedPackages[name];
  try {
    return pyodide.makeMemorySnapshot();
  } finally {
    Object.assign(pyodide.loadedPackages, loaded);
  }
};
