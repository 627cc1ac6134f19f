/* Keeps the wizard's Pyodide memory snapshot in this browser (IndexedDB), keyed by the runtime's
   version, the engine wheel's SHA-256 from the site's pyodide-lock.json and the SHA-256 of the rules
   it was made with, and checked against its own SHA-256. One record, replaced whole; a record under
   any other key is deleted, never restored. Stored uncompressed: gzip would take it from 31.5 to
   6.7 MB but costs about a second of the worker's time on a 2-core machine, right when the person
   is answering (see README). */
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

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** What a snapshot depends on: a different runtime, engine wheel (its SHA-256 as the lock file lists
    it, which Pyodide checks the wheel against) or rule bundle never restores it. */
export async function snapshotKey(runtimeVersion, engineSha256, bundleText) {
  const rules = await sha256(new TextEncoder().encode(bundleText));
  return `pyodide ${runtimeVersion} engine ${engineSha256} rules ${rules}`;
}

/** The stored record, or null when there is none or the store cannot be read. */
export async function readRecord() {
  try {
    return (await inStore("readonly", (store) => store.get(RECORD))) || null;
  } catch {
    return null;
  }
}

/** The snapshot's bytes (a promise) and probe if record was made for key (otherwise the record is
    deleted), with `intact`, a promise of whether the bytes still have the digest they were stored
    with: reading and hashing run beside Pyodide's start and restore, instead of before them. */
export async function snapshotFor(record, key) {
  if (!record) return null;
  if (record.key !== key) {
    await dropSnapshot();
    return null;
  }
  const bytes = readBytes(record.bytes);
  return { bytes, probe: record.probe, intact: bytes.then(sha256).then((digest) => digest === record.sha256) };
}

// The bytes are kept as a Blob: reading the record then returns at once, and the 31.5 MB are read
// while Pyodide prepares (loadPyodide takes them as a promise). Records of earlier builds hold them
// as an ArrayBuffer or Uint8Array.
async function readBytes(stored) {
  if (stored instanceof Blob) return new Uint8Array(await stored.arrayBuffer());
  return stored instanceof Uint8Array ? stored : new Uint8Array(stored || 0);
}

export async function saveSnapshot(key, bytes, probe) {
  const digest = await sha256(bytes);
  const record = { key, probe, bytes: new Blob([bytes]), sha256: digest, made: new Date().toISOString() };
  await inStore("readwrite", (store) => store.put(record, RECORD));
  return bytes.byteLength;
}

export async function dropSnapshot() {
  try {
    await inStore("readwrite", (store) => store.delete(RECORD));
  } catch {
    // Nothing to drop where the store cannot be opened.
  }
}

/** Whether this browser can keep a snapshot here at all (no IndexedDB in some private modes). */
export async function storeAvailable() {
  try {
    await openDatabase();
    return Boolean(crypto && crypto.subtle);
  } catch {
    return false;
  }
}
