"""The engine runs unchanged under Pyodide: standard library only, no I/O, no eval."""

import ast
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "wizard" / "engine"
FORBIDDEN_CALLS = {"eval", "exec", "compile", "open", "__import__", "input"}
FORBIDDEN_MODULES = {"os", "io", "subprocess", "socket", "pathlib", "shutil", "urllib", "http", "js", "pyodide"}


def modules():
    return sorted(ENGINE.glob("*.py"))


def test_the_engine_imports_only_the_standard_library_and_itself():
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names, "%s imports %s" % (path.name, name)
                assert top not in FORBIDDEN_MODULES, "%s imports %s (I/O)" % (path.name, name)


def test_the_engine_never_calls_eval_exec_or_open():
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in FORBIDDEN_CALLS, "%s calls %s" % (path.name, node.func.id)


def test_every_engine_and_tooling_module_opens_with_a_short_docstring():
    for path in modules() + sorted((ENGINE.parent / "tooling").glob("*.py")) + [ENGINE.parent / "cli.py"]:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and len(doc.strip().splitlines()) <= 3, path.name


def test_the_engine_works_on_a_bundle_that_went_through_json(bundle):
    import json

    from wizard.engine import Engine, add_days

    from shared_rules import TODAY

    copy = json.loads(json.dumps(bundle))
    answers = {
        "purpose": "study",
        "status": "outside",
        "nationality": "DE",
        "travel_date": add_days(TODAY, 8),
        "stay_days": "181",
        "circumstances": "none",
    }
    assert Engine(copy).step(answers, "en", TODAY)["primary"]["id"] == "visa_x1"


def test_the_engine_and_the_web_layer_import_only_at_the_top_of_their_modules():
    # A repeat visit restores them from a memory snapshot that holds their modules but not their
    # files (wizard/front/python-runner.js): an import inside a function would then fail.
    for path in modules() + sorted((ENGINE.parent / "web").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                assert id(node) in top, f"{path.name}:{node.lineno} imports inside a function or block"


def _imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


# Standard modules that Pyodide compiles from source on every cold start at a cost the wizard's
# readiness shows (urllib.parse ~50 ms, html ~30 ms with its entity table, measured under Node):
# the web layer reads fragments and escapes HTML itself, held to these modules by its tests.
SLOW_TO_START = {"urllib", "html"}


def test_the_engine_and_the_web_layer_import_no_module_that_slows_a_cold_start():
    for path in modules() + sorted((ENGINE.parent / "web").glob("*.py")):
        for module in _imported_modules(path):
            assert module.split(".")[0] not in SLOW_TO_START, f"{path.name} imports {module}"


def test_the_tooling_and_the_web_layer_use_the_engine_through_its_public_names_only():
    outside = sorted((ENGINE.parent / "tooling").glob("*.py")) + sorted((ENGINE.parent / "web").glob("*.py"))
    for path in outside:
        for module in _imported_modules(path):
            assert not module.startswith("wizard.engine."), (
                f"{path.name} imports {module}: use `from wizard.engine import ...`"
            )


def test_the_tooling_modules_import_one_another_without_a_cycle():
    tooling = ENGINE.parent / "tooling"
    graph = {}
    for path in tooling.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[path.stem] = {
            (alias.name if node.module is None else node.module.split(".")[0])
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 1
            for alias in node.names
        } & {p.stem for p in tooling.glob("*.py")}

    def visit(name, trail):
        assert name not in trail, "import cycle: " + " -> ".join(trail + [name])
        for child in graph.get(name, ()):
            visit(child, trail + [name])

    for name in graph:
        visit(name, [])
