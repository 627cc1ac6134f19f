/* Keeps the wizard's Pyodide memory snapshot in this browser (IndexedDB, gzipped), keyed by the
   runtime's version and the SHA-256 of the engine and the rules it was made with. One record,
   replaced whole; a record under any other key is deleted, never restored. */
const DB_NAME = "wizard-snapshot";
const STORE = "snapshots";
const RECORD = "wizard";

function settled(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

let database = null;
function openDatabase() {
  database ??= (async () => {
    const opening = indexedDB.open(DB_NAME, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(STORE);
    return settled(opening);
  })();
  return database;
}

async function inStore(mode, use) {
  const db = await openDatabase();
  const transaction = db.transaction(STORE, mode);
  const result = await settled(use(transaction.objectStore(STORE)));
  await new Promise((resolve, reject) => {
    transaction.oncomplete = resolve;
    transaction.onerror = transaction.onabort = () => reject(transaction.error);
  });
  return result;
}

async function piped(bytes, transform) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(transform)).arrayBuffer());
}

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** What a snapshot depends on: a different runtime, engine or rule bundle never restores it. */
export async function snapshotKey(runtimeVersion, engineZip, bundleText) {
  const [engine, rules] = await Promise.all([sha256(engineZip), sha256(new TextEncoder().encode(bundleText))]);
  return `pyodide ${runtimeVersion} engine ${engine} rules ${rules}`;
}

/** The stored record, or null when there is none or the store cannot be read. */
export async function readRecord() {
  try {
    return (await inStore("readonly", (store) => store.get(RECORD))) || null;
  } catch (error) {
    return null;
  }
}

/** The snapshot's bytes and probe if record was made for key; otherwise the record is deleted.
    Throws if the bytes do not decompress (gzip's checksum catches a damaged record). */
export async function snapshotFor(record, key) {
  if (!record) return null;
  if (record.key !== key) {
    await dropSnapshot();
    return null;
  }
  return { bytes: await piped(record.gzipped, new DecompressionStream("gzip")), probe: record.probe };
}

export async function saveSnapshot(key, bytes, probe) {
  const gzipped = await piped(bytes, new CompressionStream("gzip"));
  await inStore("readwrite", (store) => store.put({ key, probe, gzipped, made: new Date().toISOString() }, RECORD));
  return gzipped.byteLength;
}

export async function dropSnapshot() {
  try {
    await inStore("readwrite", (store) => store.delete(RECORD));
  } catch (error) {
    // Nothing to drop where the store cannot be opened.
  }
}

/** Whether this browser can keep a snapshot here at all (no IndexedDB in some private modes). */
export async function storeAvailable() {
  try {
    await openDatabase();
    return typeof CompressionStream === "function" && typeof DecompressionStream === "function";
  } catch (error) {
    return false;
  }
}
