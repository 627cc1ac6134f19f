"""The file:// conversion of the pinned Pyodide: a classic script Node can parse, payloads that decode
to the same bytes, and a loud failure when the runtime's shape changes."""

import base64
import json
import subprocess

import pytest

from sitebuild.file_runtime import RuntimeShapeChanged, classic_runtime_script, payload_script
from sitebuild.paths import PYODIDE_PACKAGE

# Parses stdin as a classic script (not a module), runs it, and prints what it defined.
PARSE_AS_CLASSIC = """
const vm = require("node:vm");
let source = "";
process.stdin.on("data", (chunk) => (source += chunk));
process.stdin.on("end", () => {
  const context = vm.createContext({ location: { href: "file:///bundle/pyodide/pyodide.asm.js" } });
  new vm.Script(source).runInContext(context);
  const payloads = context.__wizardPayloads || {};
  console.log(JSON.stringify({
    createPyodideModule: typeof context._createPyodideModule,
    payloads: Object.fromEntries(Object.entries(payloads).map(([name, text]) => [name, Buffer.from(text, "base64").toString("hex")])),
  }));
});
"""


def run_as_classic_script(source: str) -> dict:
    result = subprocess.run(["node", "-e", PARSE_AS_CLASSIC], input=source, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def module_source() -> str:
    return (PYODIDE_PACKAGE / "pyodide.asm.mjs").read_text("utf-8")


def test_the_pinned_runtime_becomes_a_classic_script_that_defines_create_pyodide_module(module_source):
    converted = classic_runtime_script(module_source)
    assert "import.meta" not in converted
    assert run_as_classic_script(converted)["createPyodideModule"] == "function"


def test_the_unconverted_runtime_is_not_a_classic_script(module_source):
    # Proves the check above can fail: Node refuses the module syntax in a classic script.
    with pytest.raises(subprocess.CalledProcessError):
        run_as_classic_script(module_source)


@pytest.mark.parametrize(
    "change, reason",
    [
        (
            lambda s: s.replace("export default _createPyodideModule;", "export { _createPyodideModule as default };"),
            "export",
        ),
        (lambda s: s + "\nexport const extra = 1;", "export"),
        (lambda s: s.replace("import.meta.url", "new URL(import.meta.url)", 1) + "import.meta.url", "import.meta.url"),
        (lambda s: s.replace("import.meta.url", "location.href", 1), "import.meta.url"),
        (lambda s: s.replace("import.meta.url", "import.meta.resolve('x')", 1) + ";import.meta.url", "import.meta"),
        (lambda s: 'import x from "./x.mjs";' + s, "static import"),
    ],
    ids=[
        "a different export",
        "a second export",
        "a fourth import.meta.url",
        "one import.meta.url less",
        "import.meta.resolve",
        "a static import",
    ],
)
def test_a_runtime_of_another_shape_fails_the_conversion_loudly(module_source, change, reason):
    with pytest.raises(RuntimeShapeChanged, match="pyodide.asm.mjs") as raised:
        classic_runtime_script(change(module_source))
    assert reason in str(raised.value)


def test_a_payload_script_holds_exactly_the_bytes_it_was_given():
    data = bytes(range(256)) * 3 + b"\x00wasm"
    decoded = run_as_classic_script(payload_script("pyodide.asm.wasm", data))["payloads"]
    assert decoded == {"pyodide.asm.wasm": data.hex()}
    assert base64.b64encode(data).decode() in payload_script("pyodide.asm.wasm", data)


def test_each_payload_is_recorded_with_its_script_size_and_sha256_for_the_loader_to_check(tmp_path):
    import hashlib

    from sitebuild.file_runtime import MANIFEST_GLOBAL, manifest_script, write_payload

    (tmp_path / "assets").mkdir()
    manifest = {}
    write_payload(tmp_path, "assets", "bundle.json", b'{"a": 1}', manifest)
    assert (tmp_path / "assets" / "bundle.json.js").is_file()
    assert manifest == {
        "bundle.json": {
            "script": "assets/bundle.json.js",
            "bytes": 8,
            "sha256": hashlib.sha256(b'{"a": 1}').hexdigest(),
        }
    }
    assert manifest_script(manifest, ["en"]).startswith(f"globalThis.{MANIFEST_GLOBAL}=")


def test_the_manifest_names_every_script_the_loader_needs_and_each_payload_s_role(tmp_path):
    from sitebuild.file_runtime import (
        MANIFEST_PATH,
        manifest_script,
        write_file_runtime,
        write_manifest,
        write_wizard_payloads,
    )
    from sitebuild.runtime import copy_runtime

    copy_runtime(tmp_path)
    payloads = {}
    write_file_runtime(tmp_path, payloads)
    (tmp_path / "rules").mkdir()
    for name in ("bundle.json", "texts-en.json", "texts-zh.json"):
        (tmp_path / "rules" / name).write_text("{}")
    write_wizard_payloads(tmp_path, "rules", ["en", "zh"], payloads)
    write_manifest(tmp_path, payloads, ["en", "zh"])
    script = (tmp_path / MANIFEST_PATH).read_text("ascii")
    assert script == manifest_script(payloads, ["en", "zh"])
    manifest = json.loads(script.split("=", 1)[1].rstrip(";\n"))
    for path in [*manifest["runtime"], *(entry["script"] for entry in manifest["payloads"].values())]:
        assert (tmp_path / path).is_file(), path
    for role in ("lock", "engine", "rules", *manifest["fetched"]):
        assert manifest.get(role, role) in manifest["payloads"]
    # Each language's texts are a payload of their own, which only a page in that language loads.
    assert manifest["texts"] == ["texts-en.json", "texts-zh.json"]
    assert set(manifest["texts"]) <= set(manifest["payloads"])


def test_the_engine_wheel_travels_as_a_payload_checked_by_the_lock_not_by_the_manifest(tmp_path):
    import hashlib

    from sitebuild.engine_wheel import engine_entry
    from sitebuild.file_runtime import ENGINE_PAYLOAD, write_file_runtime
    from sitebuild.runtime import copy_runtime

    runtime = copy_runtime(tmp_path)
    manifest = {}
    write_file_runtime(tmp_path, manifest)
    lock = (runtime / "pyodide-lock.json").read_bytes()
    entry = engine_entry(json.loads(lock))
    payloads = run_as_classic_script((runtime / f"{ENGINE_PAYLOAD}.js").read_text("ascii"))["payloads"]
    wheel = bytes.fromhex(payloads[ENGINE_PAYLOAD])
    assert wheel == (runtime / entry["file_name"]).read_bytes()
    assert hashlib.sha256(wheel).hexdigest() == entry["sha256"]
    assert manifest["pyodide-lock.json"]["sha256"] == hashlib.sha256(lock).hexdigest()
    assert manifest[ENGINE_PAYLOAD] == {"script": f"pyodide/{ENGINE_PAYLOAD}.js"}
