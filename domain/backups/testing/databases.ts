import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { EJSON } from 'bson';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, inject } from 'vitest';
import { openConnection } from '../../platform/mongo.js';
import { digest } from '../backup.manifest.js';
import { EXACT_BSON, listCollections } from '../backup.use-case.js';

/**
 * Another database on the tests' server, created empty (no indexes, no collections) for the calling
 * test file and dropped when it is done: the target of a restore.
 */
export function useEmptyDatabase(): { readonly connection: Connection; readonly name: string } {
  const name = `test_${randomBytes(6).toString('hex')}`;
  let connection: Connection | undefined;
  beforeAll(async () => {
    connection = await openConnection(inject('mongoUri'), name);
  });
  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });
  return {
    get connection() {
      if (!connection) throw new Error('useEmptyDatabase(): the connection exists only inside tests');
      return connection;
    },
    name,
  };
}

/** The tests' server URI naming `database` (any database already in the URI replaced). */
export function uriWithDatabase(uri: string, database: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) throw new Error(`not a MongoDB URI: ${uri}`);
  return `${match[1]}/${database}${match[2] ?? ''}`;
}

/** Every collection as canonical EJSON lines sorted by _id, for comparing two databases exactly. */
export async function dumpDatabase(connection: Connection): Promise<Record<string, string[]>> {
  const db = connection.db;
  if (!db) throw new Error('dumpDatabase: the connection is not open');
  const out: Record<string, string[]> = {};
  for (const { name } of await listCollections(db)) {
    const documents = await db.collection(name).find({}, EXACT_BSON).sort({ _id: 1 }).toArray();
    out[name] = documents.map((document) => EJSON.stringify(document, { relaxed: false }));
  }
  return out;
}

/** Every collection's indexes (name, key and options; not the server's version field). */
export async function indexesOf(connection: Connection): Promise<Record<string, unknown[]>> {
  const db = connection.db;
  if (!db) throw new Error('indexesOf: the connection is not open');
  const out: Record<string, unknown[]> = {};
  for (const { name } of await listCollections(db)) {
    const indexes = await db.collection(name).listIndexes().toArray();
    out[name] = indexes
      .map(({ v: _version, ns: _namespace, ...spec }) => spec)
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
  }
  return out;
}

/** sha256 of every file under `folder`, by path relative to it (forward slashes). */
export async function hashTree(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const hash = digest();
    hash.update(await readFile(full));
    out[path.relative(folder, full).split(path.sep).join('/')] = hash.result().sha256;
  }
  return out;
}
