"""The snapshot store's page packing (wizard/front/snapshot-store.js), run in Node: all-zero pages are
left out of what is stored and come back as zeros, whatever the memory's length."""

import json
import subprocess

from sitebuild.paths import ROOT

# Packs and unpacks memories of awkward lengths with zero and non-zero pages; prints what it saw.
ROUND_TRIPS = """
import { withoutZeroPages, withZeroPages } from "./wizard/front/snapshot-store.js";
const PAGE = 65536;
const cases = {
  "empty": new Uint8Array(0),
  "all zeros": new Uint8Array(3 * PAGE),
  "no zeros": new Uint8Array(2 * PAGE).fill(7),
  "one byte set in the middle page": (() => { const m = new Uint8Array(3 * PAGE); m[PAGE + 5] = 1; return m; })(),
  "a short last page with its last byte set": (() => { const m = new Uint8Array(2 * PAGE + 3); m[2 * PAGE + 2] = 9; return m; })(),
  "an unaligned view": new Uint8Array(new Uint8Array(PAGE + 9).fill(3).buffer, 1),
};
const out = {};
for (const [name, memory] of Object.entries(cases)) {
  const { kept, pages } = withoutZeroPages(memory);
  const back = withZeroPages(kept, pages, memory.byteLength);
  out[name] = { kept: kept.byteLength, pages: Array.from(pages), same: Buffer.compare(Buffer.from(back), Buffer.from(memory)) === 0 };
}
let refused = "";
try { withZeroPages(new Uint8Array(10), Uint32Array.of(0, 1), 2 * PAGE); } catch (error) { refused = error.message; }
out.refused = refused;
console.log(JSON.stringify(out));
"""


def run_round_trips() -> dict:
    run = subprocess.run(
        ["node", "--input-type=module", "-e", ROUND_TRIPS], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def test_every_memory_comes_back_byte_for_byte_with_only_its_non_zero_pages_stored():
    seen = run_round_trips()
    page = 65536
    assert all(case["same"] for name, case in seen.items() if name != "refused"), seen
    assert seen["empty"] == {"kept": 0, "pages": [], "same": True}
    assert seen["all zeros"]["kept"] == 0
    assert seen["no zeros"] == {"kept": 2 * page, "pages": [0, 1], "same": True}
    assert seen["one byte set in the middle page"]["pages"] == [1]
    assert seen["a short last page with its last byte set"] == {"kept": 3, "pages": [2], "same": True}
    assert seen["an unaligned view"]["kept"] == page + 8


def test_stored_pages_that_do_not_add_up_are_refused_rather_than_restored():
    assert "do not add up" in run_round_trips()["refused"]
