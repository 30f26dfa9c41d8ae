import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { EJSON } from 'bson';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../platform/testing/database.js';
import { useTempDirs } from '../platform/testing/temp-dir.js';
import { BACKUPS_FOLDER, MANIFEST_FILE, ManifestSchema } from './backup.manifest.js';
import { createBackup, pruneBackups } from './backup.use-case.js';

const db = useTestDatabase();
const tempDir = useTempDirs();
const now = new Date('2026-11-23T20:00:00Z');

/** The lines of a gzip file. */
async function gunzipLines(file: string): Promise<string[]> {
  let text = '';
  for await (const chunk of createReadStream(file).pipe(createGunzip())) text += chunk;
  return text.split('\n').filter((line) => line !== '');
}

const backupDays = async (dataDir: string) => (await readdir(path.join(dataDir, BACKUPS_FOLDER))).sort();

describe('createBackup', () => {
  it('writes each collection as gzip EJSON lines with a manifest of counts and checksums', async () => {
    await db.connection.db?.collection('notes').insertMany([{ text: 'satu' }, { text: 'dua' }]);
    const dataDir = tempDir('backup');
    const made = await createBackup(db.connection, { dataDir, day: '2026-11-24', now });
    const manifest = ManifestSchema.parse(
      JSON.parse(await readFile(path.join(made.dir, MANIFEST_FILE), 'utf8')),
    );
    expect(manifest).toMatchObject({ format: 'pesanin-backup', version: 1, day: '2026-11-24', media: [] });
    expect(manifest.createdAt).toBe(now.toISOString());
    const notes = manifest.collections.find((entry) => entry.name === 'notes');
    expect(notes).toMatchObject({ file: 'notes.ejson.gz', count: 2, options: {}, indexes: [] });
    const lines = await gunzipLines(path.join(made.dir, 'notes.ejson.gz'));
    expect(lines.map((line) => EJSON.parse(line).text)).toEqual(['satu', 'dua']);
    // The model collections come with their indexes, canonical EJSON.
    const orders = manifest.collections.find((entry) => entry.name === 'orders');
    expect(orders?.indexes).toContainEqual(
      expect.objectContaining({ name: 'number_1', key: { number: { $numberInt: '1' } }, unique: true }),
    );
  });

  it('replaces an earlier backup of the same day and leaves no temp folder behind', async () => {
    const dataDir = tempDir('backup-again');
    await createBackup(db.connection, { dataDir, day: '2026-11-24', now });
    await db.connection.db?.collection('notes').insertOne({ text: 'tiga' });
    const again = await createBackup(db.connection, { dataDir, day: '2026-11-24', now });
    expect(await backupDays(dataDir)).toEqual(['2026-11-24']);
    expect(again.manifest.collections.find((entry) => entry.name === 'notes')?.count).toBe(3);
  });

  it('leaves no folder under the day’s name when it fails midway', async () => {
    const dataDir = tempDir('backup-broken');
    // A file where the media folder should be: the copy fails after the collections were written.
    await writeFile(path.join(dataDir, 'media'), 'not a folder');
    await expect(createBackup(db.connection, { dataDir, day: '2026-11-24', now })).rejects.toThrow();
    expect(await backupDays(dataDir)).toEqual([]);
  });

  it('removes the temp folders of runs that died hours ago, not of one in progress', async () => {
    const dataDir = tempDir('backup-leftovers');
    const root = path.join(dataDir, BACKUPS_FOLDER);
    await mkdir(path.join(root, '.tmp-2026-11-20-dead'), { recursive: true });
    await mkdir(path.join(root, '.tmp-2026-11-24-running'), { recursive: true });
    const longAgo = new Date(now.getTime() - 7 * 3_600_000);
    await utimes(path.join(root, '.tmp-2026-11-20-dead'), longAgo, longAgo);
    const recent = new Date(now.getTime() - 60_000);
    await utimes(path.join(root, '.tmp-2026-11-24-running'), recent, recent);
    await createBackup(db.connection, { dataDir, day: '2026-11-24', now });
    expect(await backupDays(dataDir)).toEqual(['.tmp-2026-11-24-running', '2026-11-24']);
  });
});

describe('pruneBackups', () => {
  const makeDays = async (dataDir: string, days: string[]) => {
    for (const day of days) {
      await mkdir(path.join(dataDir, BACKUPS_FOLDER, day), { recursive: true });
      await writeFile(path.join(dataDir, BACKUPS_FOLDER, day, MANIFEST_FILE), '{}');
    }
  };

  it('keeps the last keepDays shop days, today included, and deletes the older ones', async () => {
    const dataDir = tempDir('retention');
    const november = Array.from({ length: 23 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
    await makeDays(dataDir, ['2026-10-31', ...november]);
    await mkdir(path.join(dataDir, BACKUPS_FOLDER, 'copied-by-hand'));
    const deleted = await pruneBackups(dataDir, { keepDays: 14, today: '2026-11-23' });
    expect(deleted).toEqual(['2026-10-31', ...november.slice(0, 9)]);
    expect(await backupDays(dataDir)).toEqual([...november.slice(9), 'copied-by-hand']);
    expect(november.slice(9)).toHaveLength(14);
  });

  it('never deletes the newest backup, however old', async () => {
    const dataDir = tempDir('retention-stale');
    await makeDays(dataDir, ['2026-09-01', '2026-09-02']);
    expect(await pruneBackups(dataDir, { keepDays: 14, today: '2026-11-23' })).toEqual(['2026-09-01']);
    expect(await backupDays(dataDir)).toEqual(['2026-09-02']);
  });

  it('has nothing to do without a backups folder', async () => {
    const dataDir = tempDir('retention-none');
    expect(await pruneBackups(dataDir, { keepDays: 1, today: '2026-11-23' })).toEqual([]);
    expect(existsSync(path.join(dataDir, BACKUPS_FOLDER))).toBe(false);
  });
});
