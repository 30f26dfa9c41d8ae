import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Bumped whenever a backup's layout changes in a way an older restore could not read. */
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
/** Backups live in DATA_DIR/backups/<shop-local day>/. */
export const BACKUPS_FOLDER = 'backups';
/** Media live in DATA_DIR/media and are copied to <backup>/media with the same relative paths. */
export const MEDIA_FOLDER = 'media';
/** One folder per shop-local day; anything else in the backups folder (temp folders) is not a backup. */
export const BACKUP_DAY = /^\d{4}-\d{2}-\d{2}$/;

const SHA256 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a hex sha256' });
const count = z.number().int().min(0);
/** An EJSON (canonical) value as JSON holds it: index definitions and collection options. */
const ejsonDocument = z.record(z.string(), z.unknown());

/** A collection name a restore will create: no `system.` collections, no `$` or NUL (MongoDB refuses them). */
const collectionName = z
  .string()
  .min(1)
  .refine((name) => !name.startsWith('system.') && !/[$\0]/.test(name), {
    error: 'must be an ordinary collection name',
  });

/** A file of the backup folder itself: a plain name, never a path that leaves the folder. */
const plainFile = z
  .string()
  .refine((name) => name === path.basename(name) && name !== '.' && name !== '..' && !name.includes('\\'), {
    error: 'must be a file name inside the backup folder',
  });

/** media/<relative path>, forward slashes, no `..` or empty segments: it is written under DATA_DIR. */
const mediaPath = z.string().refine(
  (value) => {
    const segments = value.split('/');
    return (
      segments[0] === MEDIA_FOLDER &&
      segments.length > 1 &&
      segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..') &&
      !value.includes('\\') &&
      !value.includes('\0')
    );
  },
  { error: 'must be a relative path under media/' },
);

export const CollectionEntrySchema = z.strictObject({
  name: collectionName,
  /** <collection>.ejson.gz: one canonical EJSON document a line, gzip-compressed. */
  file: plainFile,
  count,
  bytes: count,
  sha256: SHA256,
  /** listCollections options (validator, collation, capped…), canonical EJSON. */
  options: ejsonDocument,
  /** listIndexes without `_id_`, canonical EJSON. */
  indexes: z.array(ejsonDocument),
});

export const MediaEntrySchema = z.strictObject({ path: mediaPath, size: count, sha256: SHA256 });

export const ManifestSchema = z.strictObject({
  format: z.literal('pesanin-backup'),
  version: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.iso.datetime(),
  /** The shop-local day it was taken (the folder's name). */
  day: z.string().regex(BACKUP_DAY),
  database: z.string(),
  collections: z.array(CollectionEntrySchema),
  media: z.array(MediaEntrySchema),
});

export type CollectionEntry = z.infer<typeof CollectionEntrySchema>;
export type MediaEntry = z.infer<typeof MediaEntrySchema>;
export type BackupManifest = z.infer<typeof ManifestSchema>;

/** The file a collection is written to: its name made safe for any file system, plus `.ejson.gz`. */
export function collectionFile(name: string): string {
  return `${encodeURIComponent(name)}.ejson.gz`;
}

/** A running sha256 and byte count of what passes through a stream. */
export function digest(): { update(chunk: Buffer): void; result(): { sha256: string; size: number } } {
  const hash = createHash('sha256');
  let size = 0;
  return {
    update(chunk) {
      hash.update(chunk);
      size += chunk.length;
    },
    result: () => ({ sha256: hash.digest('hex'), size }),
  };
}

/** The sha256 and size of a file, read as a stream. */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const running = digest();
  for await (const chunk of createReadStream(file)) running.update(chunk as Buffer);
  return running.result();
}
