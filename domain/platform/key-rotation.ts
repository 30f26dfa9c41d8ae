import { isDeepStrictEqual } from 'node:util';
import type { Connection } from 'mongoose';
import { isHashed, isSealed, type Keyring, open, seal, sealedWith } from './crypto.js';
import {
  ENC_SUFFIX,
  type FieldSpec,
  isPlainObject,
  mapStrings,
  SENSITIVE_KEYS,
  storeDocument,
} from './field-encryption.js';

/**
 * Bring every protected field of a collection to the current key: plaintext (written before encryption
 * existed) is encrypted, values sealed with an older key are re-sealed with the newest, values already
 * current are left alone. Used by the encryption migration and by `scripts/rotate-keys.ts`.
 *
 * Resumable and idempotent: each document is rewritten by one conditional update (only if the fields it
 * changes still hold what was read, so a concurrent write is never overwritten; such a document is read
 * again), and a second run finds nothing to do.
 */

type Doc = Record<string, unknown>;

function resealer(ring: Keyring) {
  const current = ring.dataKeys[0]?.id;
  return (text: string): string => {
    if (!isSealed(text)) return seal(ring, text);
    return sealedWith(text) === current ? text : seal(ring, open(ring, text));
  };
}

function resealDeep(value: unknown, sensitive: boolean, reseal: (text: string) => string): unknown {
  if (typeof value === 'string') return sensitive ? reseal(value) : value;
  if (Array.isArray(value)) return value.map((item) => resealDeep(item, sensitive, reseal));
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        resealDeep(item, sensitive || SENSITIVE_KEYS.has(key), reseal),
      ]),
    );
  }
  return value;
}

/** Walk a document to each parent holding `path`'s last segment (arrays walked). */
function parentsOf(
  node: unknown,
  segments: readonly string[],
  visit: (parent: Doc, key: string) => void,
): void {
  if (Array.isArray(node)) {
    for (const item of node) parentsOf(item, segments, visit);
    return;
  }
  if (!isPlainObject(node)) return;
  const [head, ...rest] = segments;
  if (head === undefined || !(head in node)) return;
  if (rest.length === 0) visit(node, head);
  else parentsOf(node[head], rest, visit);
}

/** A stored document in its current form (a deep copy; the argument is not changed). */
export function currentForm(ring: Keyring, spec: FieldSpec, stored: Doc): Doc {
  const reseal = resealer(ring);
  const doc = structuredCloneDoc(stored);
  for (const [path, kind] of Object.entries(spec)) {
    parentsOf(doc, path.split('.'), (parent, key) => {
      const value = parent[key];
      if (value === undefined || value === null) return;
      const encKey = `${key}${ENC_SUFFIX}`;
      switch (kind) {
        case 'lookup': {
          const indexed =
            typeof value === 'string'
              ? isHashed(value)
              : Array.isArray(value) && value.every((item) => typeof item === 'string' && isHashed(item));
          if (indexed) {
            parent[encKey] = mapStrings(parent[encKey], reseal);
          } else {
            // Plaintext, written before encryption: stored as a new value would be.
            const fresh = storeDocument(ring, { [key]: 'lookup' }, { [key]: value });
            parent[key] = fresh[key];
            parent[encKey] = fresh[encKey];
          }
          return;
        }
        case 'secret':
          parent[key] = mapStrings(value, reseal);
          return;
        case 'keyed':
          parent[key] = storeDocument(ring, { [key]: 'keyed' }, { [key]: value })[key];
          return;
        case 'deep':
          parent[key] = resealDeep(value, false, reseal);
          return;
      }
    });
  }
  return doc;
}

/** Copy plain objects and arrays; keep every other value (ObjectId, Date, Binary) as it is. */
function structuredCloneDoc<T>(value: T): T {
  if (Array.isArray(value)) return value.map(structuredCloneDoc) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, structuredCloneDoc(item)]),
    ) as T;
  }
  return value;
}

export interface SealProgress {
  collection: string;
  scanned: number;
  rewritten: number;
}

const PROGRESS_EVERY = 1000;

/** Bring one collection to the current key; reports progress every thousand documents and at the end. */
export async function sealCollection(
  connection: Connection,
  ring: Keyring,
  collection: string,
  spec: FieldSpec,
  onProgress: (progress: SealProgress) => void = () => {},
): Promise<SealProgress> {
  const raw = connection.db?.collection<Doc>(collection);
  if (!raw) throw new Error('not connected');
  const progress: SealProgress = { collection, scanned: 0, rewritten: 0 };
  const cursor = raw.find({}, { sort: { _id: 1 } });
  for await (let stored of cursor) {
    progress.scanned += 1;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const next = currentForm(ring, spec, stored);
      const changed = Object.keys(next).filter((key) => !isDeepStrictEqual(next[key], stored[key]));
      if (changed.length === 0) break;
      const filter: Doc = { _id: stored._id };
      for (const key of changed) filter[key] = key in stored ? stored[key] : { $exists: false };
      const result = await raw.updateOne(filter, {
        $set: Object.fromEntries(changed.map((key) => [key, next[key]])),
      });
      if (result.matchedCount === 1) {
        progress.rewritten += 1;
        break;
      }
      // Changed meanwhile (or deleted): read it again.
      const again = await raw.findOne({ _id: stored._id });
      if (!again) break;
      stored = again;
    }
    if (progress.scanned % PROGRESS_EVERY === 0) onProgress({ ...progress });
  }
  onProgress({ ...progress });
  return progress;
}
