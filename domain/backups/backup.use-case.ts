import type { Dirent } from 'node:fs';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { EJSON } from 'bson';
import type { Db } from 'mongodb';
import type { Connection } from 'mongoose';
import { addDaysToDay } from '../invoices/invoice.rules.js';
import {
  BACKUP_DAY,
  BACKUP_FORMAT_VERSION,
  BACKUPS_FOLDER,
  type BackupManifest,
  type CollectionEntry,
  collectionFile,
  digest,
  MANIFEST_FILE,
  MEDIA_FOLDER,
  type MediaEntry,
} from './backup.manifest.js';

/** How the cursor hands documents over: every BSON type kept (int32, double, int64, binary, regex flags). */
export const EXACT_BSON = {
  promoteValues: false,
  promoteLongs: false,
  promoteBuffers: false,
  bsonRegExp: true,
} as const;

/** Temp folders start with this; a crashed run's are removed by a later backup. */
const TEMP_PREFIX = '.tmp-';
/** A temp folder untouched this long belongs to a run that died, not to one in progress. */
const LEFTOVER_AGE_MS = 6 * 60 * 60_000;
/** Lines are handed to gzip in chunks of about this many characters, not one write per document. */
const CHUNK_CHARS = 64 * 1024;

export interface CreateBackupOptions {
  dataDir: string;
  /** The shop-local day (YYYY-MM-DD): the backup's folder name. A second backup that day replaces it. */
  day: string;
  now: Date;
}

export interface BackupSummary {
  dir: string;
  manifest: BackupManifest;
  documents: number;
  /** Bytes written: the compressed collections plus the media copies. */
  bytes: number;
  /** Entries of the media folder that are not regular files (links, sockets): not copied. */
  skipped: string[];
}

const isNotFound = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && error.code === 'ENOENT';

/** The ordinary collections of the database (no views, no system collections), by name. */
export async function listCollections(db: Db): Promise<{ name: string; options: Record<string, unknown> }[]> {
  const infos = await db.listCollections({ type: 'collection' }, { nameOnly: false }).toArray();
  return infos
    .filter((info) => !info.name.startsWith('system.'))
    .map((info) => ({ name: info.name, options: info.options ?? {} }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Stream one collection into <temp>/<collection>.ejson.gz, one canonical EJSON document a line. */
async function dumpCollection(
  db: Db,
  info: { name: string; options: Record<string, unknown> },
  folder: string,
): Promise<CollectionEntry> {
  const collection = db.collection(info.name);
  const file = collectionFile(info.name);
  const cursor = collection.find({}, { ...EXACT_BSON, batchSize: 1000 });
  let count = 0;
  async function* lines(): AsyncGenerator<string> {
    let chunk = '';
    for await (const document of cursor) {
      count += 1;
      chunk += `${EJSON.stringify(document, { relaxed: false })}\n`;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk !== '') yield chunk;
  }
  const written = digest();
  await pipeline(
    Readable.from(lines()),
    createGzip(),
    async function* (compressed: AsyncIterable<Buffer>) {
      for await (const chunk of compressed) {
        written.update(chunk);
        yield chunk;
      }
    },
    createWriteStream(path.join(folder, file), { flags: 'wx', mode: 0o600 }),
  );
  const { sha256, size } = written.result();
  const indexes = (await collection.listIndexes().toArray())
    .filter((index) => index.name !== '_id_')
    .map(({ v: _version, ns: _namespace, ...spec }) => EJSON.serialize(spec, { relaxed: false }));
  return {
    name: info.name,
    file,
    count,
    bytes: size,
    sha256,
    options: EJSON.serialize(info.options, { relaxed: false }),
    indexes,
  };
}

/** Copy `from` to `to` (a new file) and hash the bytes on the way. */
async function copyHashed(from: string, to: string): Promise<{ sha256: string; size: number }> {
  const copied = digest();
  await pipeline(
    createReadStream(from),
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        copied.update(chunk);
        yield chunk;
      }
    },
    createWriteStream(to, { flags: 'wx', mode: 0o600 }),
  );
  return copied.result();
}

/** Copy the media folder file by file (same relative paths), hashing each; in-flight temp files are left out. */
async function copyMedia(
  dataDir: string,
  folder: string,
): Promise<{ media: MediaEntry[]; skipped: string[]; bytes: number }> {
  const media: MediaEntry[] = [];
  const skipped: string[] = [];
  let bytes = 0;
  const walk = async (relative: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(dataDir, relative), { withFileTypes: true });
    } catch (error) {
      // No media folder yet: a shop that never received a file.
      if (relative === MEDIA_FOLDER && isNotFound(error)) return;
      throw error;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    await mkdir(path.join(folder, relative), { recursive: true });
    for (const entry of entries) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      // media.store writes `.<name>.<uuid>.tmp` and renames it: such a file is not a stored medium yet.
      else if (entry.isFile() && !(entry.name.startsWith('.') && entry.name.endsWith('.tmp'))) {
        const copied = await copyHashed(path.join(dataDir, child), path.join(folder, child));
        media.push({ path: child, size: copied.size, sha256: copied.sha256 });
        bytes += copied.size;
      } else if (!entry.isFile()) skipped.push(child);
    }
  };
  await walk(MEDIA_FOLDER);
  return { media, skipped, bytes };
}

/** Remove temp folders of runs that died long ago (a run in progress keeps writing into its own). */
async function removeLeftovers(root: string, now: number): Promise<void> {
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.name.startsWith(TEMP_PREFIX)) continue;
    const full = path.join(root, entry.name);
    if (now - (await stat(full)).mtimeMs > LEFTOVER_AGE_MS) await rm(full, { recursive: true, force: true });
  }
}

/**
 * Back up every collection of the database and the media folder to DATA_DIR/backups/<day>/ with a
 * checksum manifest. Everything is written into a temp folder that is renamed into place only when
 * complete, so a crash never leaves a half backup under a day's name. Collections are streamed from a
 * cursor, never held in memory. Not a point-in-time snapshot: writes made meanwhile may or may not be in.
 */
export async function createBackup(
  connection: Connection,
  options: CreateBackupOptions,
): Promise<BackupSummary> {
  const db = connection.db;
  if (!db) throw new Error('createBackup: the connection is not open');
  if (!BACKUP_DAY.test(options.day))
    throw new Error(`createBackup: day must be YYYY-MM-DD (got ${options.day})`);
  const root = path.join(options.dataDir, BACKUPS_FOLDER);
  // The backups hold everything of the shop (password hashes included): owner-only.
  await mkdir(root, { recursive: true, mode: 0o700 });
  await removeLeftovers(root, options.now.getTime());
  const temp = await mkdtemp(path.join(root, `${TEMP_PREFIX}${options.day}-`));
  try {
    const collections: CollectionEntry[] = [];
    for (const info of await listCollections(db)) collections.push(await dumpCollection(db, info, temp));
    const copied = await copyMedia(options.dataDir, temp);
    const manifest: BackupManifest = {
      format: 'pesanin-backup',
      version: BACKUP_FORMAT_VERSION,
      createdAt: options.now.toISOString(),
      day: options.day,
      database: db.databaseName,
      collections,
      media: copied.media,
    };
    // Written last: a folder with a manifest has everything the manifest lists.
    await writeFile(path.join(temp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, {
      mode: 0o600,
    });
    const dir = path.join(root, options.day);
    await moveIntoPlace(temp, dir, root);
    return {
      dir,
      manifest,
      documents: collections.reduce((sum, entry) => sum + entry.count, 0),
      bytes: collections.reduce((sum, entry) => sum + entry.bytes, 0) + copied.bytes,
      skipped: copied.skipped,
    };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/** Rename the finished temp folder to the day's name; an earlier backup of the same day is replaced. */
async function moveIntoPlace(temp: string, dir: string, root: string): Promise<void> {
  try {
    await rename(temp, dir);
    return;
  } catch (error) {
    // A non-empty target refuses a directory rename (ENOTEMPTY or EEXIST depending on the system).
    if (
      !(error instanceof Error && 'code' in error && (error.code === 'ENOTEMPTY' || error.code === 'EEXIST'))
    )
      throw error;
  }
  const previous = await mkdtemp(path.join(root, `${TEMP_PREFIX}replaced-`));
  await rename(dir, path.join(previous, 'backup'));
  await rename(temp, dir);
  await rm(previous, { recursive: true, force: true });
}

/**
 * Retention: delete the day folders older than the last `keepDays` shop days up to `today` (today
 * counts as one). The newest backup is never deleted, so a shop whose backups stopped keeps its last one.
 * Answers the days deleted.
 */
export async function pruneBackups(
  dataDir: string,
  options: { keepDays: number; today: string },
): Promise<string[]> {
  const root = path.join(dataDir, BACKUPS_FOLDER);
  let entries: Dirent[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const days = entries
    .filter((entry) => entry.isDirectory() && BACKUP_DAY.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  const oldestKept = addDaysToDay(options.today, -(Math.max(1, options.keepDays) - 1));
  const newest = days.at(-1);
  const doomed = days.filter((day) => day < oldestKept && day !== newest);
  for (const day of doomed) await rm(path.join(root, day), { recursive: true, force: true });
  return doomed;
}
