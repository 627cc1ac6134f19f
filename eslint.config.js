// ESLint for the site's own JavaScript (`make check` runs `npx eslint`): the recommended rules,
// with each file group's own globals (a page, a worker, a service worker, Node).
// The vendored runtimes (node_modules, the built site) are not ours to lint.
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  { ignores: ["node_modules/", "site/", "dist/", "build/", ".venv/", "bench-results/"] },
  js.configs.recommended,
  {
    // Classic scripts on the site's pages and on a host page that embeds the wizard.
    files: [
      "wizard/front/*.js", "wizard/host-page/*.js", "sitebuild/workers/iframe-worker-init.js",
      "overrides/assets/javascripts/*.js",
    ],
    languageOptions: { sourceType: "script", globals: { ...globals.browser } },
  },
  {
    // The wizard's module worker and what it imports (python-runner.js also runs on the page).
    files: ["wizard/front/worker.js", "wizard/front/snapshot-store.js", "wizard/front/python-runner.js"],
    languageOptions: { sourceType: "module", globals: { ...globals.browser, ...globals.worker } },
  },
  {
    files: ["bench/*.js"],
    languageOptions: { sourceType: "module", globals: { ...globals.worker } },
  },
  {
    files: ["sitebuild/workers/sw.js", "sitebuild/workers/sw-retire.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.serviceworker } },
  },
  {
    // Pyodide under Node, for the tests and for recording what the wizard imports (sitebuild/stdlib.py).
    files: ["tests/**/*.mjs", "sitebuild/*.mjs"],
    languageOptions: { sourceType: "module", globals: { ...globals.node } },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
  },
];
