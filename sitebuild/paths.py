"""Where things live in the repository, resolved once from this file's location, and where the
wizard's files go in the built site."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
UI_STRINGS = ROOT / "strings"
NODE_MODULES = ROOT / "node_modules"
PYODIDE_PACKAGE = NODE_MODULES / "pyodide"
# The wizard's files in the site, from its root. The wizard's scripts find one another beside
# themselves, and the page templates through the `wizard_asset` global (overrides/hooks/site_hooks.py).
WIZARD_ASSETS = "assets/wizard"
