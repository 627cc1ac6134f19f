/* Keeps the wizard's Pyodide memory snapshot in this browser (IndexedDB), keyed by the store's
   format, the runtime's version, the engine wheel's SHA-256 from the site's pyodide-lock.json and
   the SHA-256 of the rules it was made with, and checked against its own SHA-256. One record,
   replaced whole; a record under any other key is deleted, never restored. Pages of the memory that
   are all zeros (about 45 % of its 31.5 MB) are left out and put back as zeros on reading: gzip
   would shrink it further but costs about a second of the worker's time (see README). */
const DB_NAME = "wizard-snapshot";
const STORE = "snapshots";
const RECORD = "wizard";
// Changes whenever a record's shape does, so that a record of another shape is never read.
const FORMAT = "zero-pages-left-out 1";
const PAGE = 65536;

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

/** What a snapshot depends on: another store format, runtime, engine wheel (its SHA-256 as the lock
    file lists it, which Pyodide checks the wheel against) or rule bundle never restores it. */
export async function snapshotKey(runtimeVersion, engineSha256, bundleText) {
  const rules = await sha256(new TextEncoder().encode(bundleText));
  return `${FORMAT} pyodide ${runtimeVersion} engine ${engineSha256} rules ${rules}`;
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
    deleted), with `intact`, a promise of whether the stored bytes still have the digest they were
    stored with: reading and hashing run beside Pyodide's start and restore, instead of before them. */
export async function snapshotFor(record, key) {
  if (!record) return null;
  if (record.key !== key) {
    await dropSnapshot();
    return null;
  }
  // Kept as a Blob, so reading the record returns at once and the bytes are read meanwhile.
  const stored = record.bytes.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  return {
    bytes: stored.then((kept) => withZeroPages(kept, record.pages, record.length)),
    probe: record.probe,
    intact: stored.then(sha256).then((digest) => digest === record.sha256),
  };
}

/** The pages of memory that are not all zeros, one after another, and their page numbers. */
export function withoutZeroPages(memory) {
  if (memory.byteOffset % 4) memory = memory.slice(); // read four bytes at a time below
  const words = new Uint32Array(memory.buffer, memory.byteOffset, memory.byteLength >>> 2);
  const pages = [];
  for (let page = 0; page * PAGE < memory.byteLength; page += 1) {
    const start = page * PAGE;
    const end = Math.min(memory.byteLength, start + PAGE);
    let zero = true;
    for (let word = start >>> 2; word < end >>> 2 && zero; word += 1) zero = words[word] === 0;
    for (let byte = end & ~3; byte < end && zero; byte += 1) zero = memory[byte] === 0;
    if (!zero) pages.push(page);
  }
  const kept = new Uint8Array(pages.reduce((size, page) => size + Math.min(PAGE, memory.byteLength - page * PAGE), 0));
  let offset = 0;
  for (const page of pages) {
    const bytes = memory.subarray(page * PAGE, Math.min(memory.byteLength, (page + 1) * PAGE));
    kept.set(bytes, offset);
    offset += bytes.byteLength;
  }
  return { kept, pages: Uint32Array.from(pages) };
}

/** The memory again: the kept pages in their places, zeros everywhere else. */
export function withZeroPages(kept, pages, length) {
  const memory = new Uint8Array(length);
  let offset = 0;
  for (const page of pages) {
    const size = Math.min(PAGE, length - page * PAGE);
    memory.set(kept.subarray(offset, offset + size), page * PAGE);
    offset += size;
  }
  if (offset !== kept.byteLength) throw new Error("snapshot: the kept pages do not add up to the bytes stored");
  return memory;
}

export async function saveSnapshot(key, memory, probe) {
  const { kept, pages } = withoutZeroPages(memory);
  const digest = await sha256(kept);
  const record = { key, probe, length: memory.byteLength, pages, bytes: new Blob([kept]), sha256: digest, made: new Date().toISOString() };
  await inStore("readwrite", (store) => store.put(record, RECORD));
  return kept.byteLength;
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
