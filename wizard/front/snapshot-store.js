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

/** The snapshot's bytes and probe if record was made for key (otherwise the record is deleted),
    with `intact`, a promise of whether the bytes still have the digest they were stored with:
    hashing runs off this thread, beside Pyodide's restore, instead of before it. */
export async function snapshotFor(record, key) {
  if (!record) return null;
  if (record.key !== key) {
    await dropSnapshot();
    return null;
  }
  const bytes = record.bytes instanceof Uint8Array ? record.bytes : new Uint8Array(record.bytes || 0);
  return { bytes, probe: record.probe, intact: sha256(bytes).then((digest) => digest === record.sha256) };
}

export async function saveSnapshot(key, bytes, probe) {
  const digest = await sha256(bytes);
  await inStore("readwrite", (store) => store.put({ key, probe, bytes, sha256: digest, made: new Date().toISOString() }, RECORD));
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
