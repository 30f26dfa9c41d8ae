import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { EJSON } from 'bson';
import type { Db, Document, IndexDescription } from 'mongodb';
import type { Connection } from 'mongoose';
import { LOCK_COLLECTION } from '../platform/migrations/migration-lock.js';
import { MIGRATIONS_COLLECTION } from '../platform/migrations/runner.js';
import {
  type BackupManifest,
  type CollectionEntry,
  digest,
  hashFile,
  MANIFEST_FILE,
  ManifestSchema,
} from './backup.manifest.js';
import { listCollections } from './backup.use-case.js';

/**
 * Collections that may hold documents in a database that still counts as empty: the migrations record,
 * which a bot started against the new database writes before anything else. It is dropped before the
 * restore: the backup's own record (if any) describes the restored data.
 */
export const RECORDS_OF_AN_EMPTY_DATABASE: readonly string[] = [MIGRATIONS_COLLECTION, LOCK_COLLECTION];

/** Documents inserted per round trip, unless the batch reaches BATCH_CHARS first. */
const BATCH_DOCUMENTS = 1000;
const BATCH_CHARS = 4 * 1024 * 1024;

export type RestoreProgress =
  | { step: 'verified'; collections: number; documents: number; mediaFiles: number }
  | { step: 'collection'; name: string; restored: number; expected: number; ok: boolean }
  | { step: 'media'; files: number; bytes: number; ok: boolean };

export interface RestoreOptions {
  /** The backup folder (DATA_DIR/backups/<day>). */
  dir: string;
  /** Media files are restored under this data directory. */
  dataDir: string;
  /** Restore over a database that holds data: the collections the backup holds are dropped first. */
  force?: boolean;
  onProgress?: (progress: RestoreProgress) => void;
}

export type RestoreFailureCode =
  | 'RESTORE.BAD_MANIFEST'
  | 'RESTORE.CHECKSUM_MISMATCH'
  | 'RESTORE.NOT_EMPTY'
  | 'RESTORE.COUNT_MISMATCH';

export type RestoreResult =
  | { ok: true; collections: number; documents: number; mediaFiles: number }
  | { ok: false; code: RestoreFailureCode; details: string; problems: string[] };

const failure = (code: RestoreFailureCode, problems: string[], summary?: string): RestoreResult => ({
  ok: false,
  code,
  details: summary ?? problems.join('; '),
  problems,
});

/** The backup's manifest, checked; a folder without one is a backup that never finished. */
export async function readManifest(
  dir: string,
): Promise<{ ok: true; manifest: BackupManifest } | { ok: false; problems: string[] }> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR'))
      return { ok: false, problems: [`${dir} has no ${MANIFEST_FILE}: not a finished backup`] };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`${MANIFEST_FILE} is not JSON: ${(error as Error).message}`] };
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) => `${MANIFEST_FILE} ${issue.path.join('.')} ${issue.message}`,
      ),
    };
  const repeated = (values: string[]) => values.filter((value, index) => values.indexOf(value) !== index);
  const problems = [
    ...repeated(parsed.data.collections.map((entry) => entry.name)).map((name) => `collection ${name} twice`),
    ...repeated(parsed.data.collections.map((entry) => entry.file)).map((file) => `file ${file} twice`),
    ...repeated(parsed.data.media.map((entry) => entry.path)).map((file) => `media ${file} twice`),
  ];
  return problems.length > 0
    ? { ok: false, problems: problems.map((problem) => `${MANIFEST_FILE} lists ${problem}`) }
    : { ok: true, manifest: parsed.data };
}

/** Every file the manifest lists, hashed against it: the problems found (none = the backup is intact). */
export async function verifyBackup(dir: string, manifest: BackupManifest): Promise<string[]> {
  const problems: string[] = [];
  const check = async (file: string, expected: { sha256: string; size: number }) => {
    let actual: { sha256: string; size: number };
    try {
      actual = await hashFile(path.join(dir, file));
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
        problems.push(`${file} is missing`);
        return;
      }
      throw error;
    }
    if (actual.size !== expected.size)
      problems.push(`${file} has ${actual.size} bytes, the manifest says ${expected.size}`);
    else if (actual.sha256 !== expected.sha256) problems.push(`${file} does not match its sha256`);
  };
  for (const entry of manifest.collections)
    await check(entry.file, { sha256: entry.sha256, size: entry.bytes });
  for (const entry of manifest.media) await check(entry.path, entry);
  return problems;
}

/** Split a byte stream of UTF-8 text into lines (without the newline), chunk boundaries anywhere. */
async function* splitLines(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of source) {
    const parts = (rest + decoder.write(chunk)).split('\n');
    rest = parts.pop() ?? '';
    yield* parts;
  }
  rest += decoder.end();
  if (rest !== '') yield rest;
}

/** Insert one collection's file in batches; answers the documents read and whether the file still hashed right. */
async function restoreCollection(
  db: Db,
  dir: string,
  entry: CollectionEntry,
): Promise<{ read: number; intact: boolean }> {
  await db.createCollection(entry.name, EJSON.deserialize(entry.options, { relaxed: false }));
  const collection = db.collection(entry.name);
  const fileHash = digest();
  let read = 0;
  await pipeline(
    createReadStream(path.join(dir, entry.file)),
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        fileHash.update(chunk);
        yield chunk;
      }
    },
    createGunzip(),
    async (source: AsyncIterable<Buffer>) => {
      let batch: Document[] = [];
      let chars = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        // Canonical EJSON parsed strictly: int32, double, int64, dates, ObjectIds come back as they were.
        await collection.insertMany(batch, { ordered: true, bypassDocumentValidation: true });
        batch = [];
        chars = 0;
      };
      for await (const line of splitLines(source)) {
        if (line === '') continue;
        batch.push(EJSON.parse(line, { relaxed: false }));
        read += 1;
        chars += line.length;
        if (batch.length >= BATCH_DOCUMENTS || chars >= BATCH_CHARS) await flush();
      }
      await flush();
    },
  );
  return { read, intact: fileHash.result().sha256 === entry.sha256 };
}

/** Copy one media file into the data directory through a temp name; answers whether the copy hashed right. */
async function restoreMediaFile(dir: string, dataDir: string, entry: { path: string; sha256: string }) {
  const target = path.join(dataDir, ...entry.path.split('/'));
  await mkdir(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
  const copied = digest();
  try {
    await pipeline(
      createReadStream(path.join(dir, ...entry.path.split('/'))),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          copied.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(temp, { flags: 'wx' }),
    );
    const result = copied.result();
    if (result.sha256 !== entry.sha256) {
      await rm(temp, { force: true });
      return { ok: false, size: result.size };
    }
    await rename(temp, target);
    return { ok: true, size: result.size };
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Restore a backup folder into the connection's database and the media under `dataDir`. Checks the
 * manifest and every file's sha256 before writing anything; refuses a database that holds documents
 * (beyond the migrations record) unless `force`, which drops the collections the backup holds first.
 * Documents keep their _id and BSON types; indexes and collection options come back from the manifest.
 * Every collection's count is checked after its insert; any mismatch makes the result a failure.
 */
export async function restoreBackup(connection: Connection, options: RestoreOptions): Promise<RestoreResult> {
  const db = connection.db;
  if (!db) throw new Error('restoreBackup: the connection is not open');
  const read = await readManifest(options.dir);
  if (!read.ok) return failure('RESTORE.BAD_MANIFEST', read.problems);
  const { manifest } = read;

  const broken = await verifyBackup(options.dir, manifest);
  if (broken.length > 0)
    return failure(
      'RESTORE.CHECKSUM_MISMATCH',
      broken,
      `the backup is damaged, nothing was written: ${broken.join('; ')}`,
    );
  options.onProgress?.({
    step: 'verified',
    collections: manifest.collections.length,
    documents: manifest.collections.reduce((sum, entry) => sum + entry.count, 0),
    mediaFiles: manifest.media.length,
  });

  const existing = await listCollections(db);
  const occupied: string[] = [];
  for (const { name } of existing) {
    if (RECORDS_OF_AN_EMPTY_DATABASE.includes(name)) continue;
    const documents = await db.collection(name).countDocuments();
    if (documents > 0) occupied.push(`${name}: ${documents}`);
  }
  if (occupied.length > 0 && !options.force)
    return failure(
      'RESTORE.NOT_EMPTY',
      occupied,
      `the database ${db.databaseName} holds data (${occupied.join(', ')})`,
    );

  const present = new Set(existing.map((info) => info.name));
  // The target's migrations record describes the data it held, not the backup's: the backup's own
  // record (if any) replaces it, and without one the migrations run again on the restored data.
  for (const name of RECORDS_OF_AN_EMPTY_DATABASE)
    if (present.has(name)) {
      await db.collection(name).drop();
      present.delete(name);
    }
  const problems: string[] = [];
  let documents = 0;
  for (const entry of manifest.collections) {
    // Empty or forced: dropping also clears indexes the manifest's may conflict with.
    if (present.has(entry.name)) await db.collection(entry.name).drop();
    const { read: lines, intact } = await restoreCollection(db, options.dir, entry);
    const stored = await db.collection(entry.name).countDocuments();
    const ok = intact && lines === entry.count && stored === entry.count;
    if (!intact) problems.push(`${entry.file} changed while it was being restored`);
    if (lines !== entry.count || stored !== entry.count)
      problems.push(
        `${entry.name}: the manifest says ${entry.count} documents, read ${lines}, stored ${stored}`,
      );
    // After the count: a TTL index may start removing expired documents as soon as it exists.
    if (entry.indexes.length > 0)
      await db
        .collection(entry.name)
        .createIndexes(
          entry.indexes.map((index): IndexDescription => EJSON.deserialize(index, { relaxed: false })),
        );
    documents += stored;
    options.onProgress?.({
      step: 'collection',
      name: entry.name,
      restored: stored,
      expected: entry.count,
      ok,
    });
  }

  let mediaBytes = 0;
  let mediaOk = true;
  for (const entry of manifest.media) {
    const copied = await restoreMediaFile(options.dir, options.dataDir, entry);
    mediaBytes += copied.size;
    if (!copied.ok) {
      mediaOk = false;
      problems.push(`${entry.path} changed while it was being restored`);
    }
  }
  options.onProgress?.({ step: 'media', files: manifest.media.length, bytes: mediaBytes, ok: mediaOk });

  if (problems.length > 0) return failure('RESTORE.COUNT_MISMATCH', problems);
  return { ok: true, collections: manifest.collections.length, documents, mediaFiles: manifest.media.length };
}
