import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Binary, Decimal128, Double, Int32, Long, ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../scripts/seed-demo.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { useTempDirs } from '../platform/testing/temp-dir.js';
import { BACKUPS_FOLDER, MANIFEST_FILE } from './backup.manifest.js';
import { createBackup } from './backup.use-case.js';
import { type RestoreProgress, restoreBackup } from './restore.use-case.js';
import { dumpDatabase, hashTree, indexesOf, useEmptyDatabase } from './testing/databases.js';

// Issue 13's restore drill: the demo shop backed up, restored into an empty database, compared
// document by document and file by file. The other tests reuse the drill's backup and target.

const source = useTestDatabase();
const target = useEmptyDatabase();
const spare = useEmptyDatabase();
const tempDir = useTempDirs();
/** A Wednesday afternoon in Bandung, as the seed's own test. */
const NOW = new Date('2026-03-18T15:00:00+07:00');
const DAY = '2026-03-18';

const sourceDataDir = tempDir('drill-source');
const targetDataDir = tempDir('drill-target');
const backupDir = path.join(sourceDataDir, BACKUPS_FOLDER, DAY);

describe('the restore drill (issue 13)', () => {
  it('restores the demo shop into an empty database: every document, type and index, every media file', {
    timeout: 120_000,
  }, async () => {
    const seeded = await seedDemo(source.connection, { now: NOW });
    if (!seeded.ok) throw new Error(seeded.details);
    // Values the demo does not hold, so every BSON type a collection could hold is seen to survive.
    await source.connection.db?.collection('types_probe').insertOne({
      _id: new ObjectId('64b7f0c2a1b2c3d4e5f60718'),
      int: new Int32(7),
      double: new Double(2),
      fraction: 0.1,
      long: Long.fromString('9007199254740993'),
      decimal: Decimal128.fromString('12345.6789'),
      binary: new Binary(Buffer.from([0, 1, 2, 255])),
      date: new Date('2026-03-18T08:00:00.123Z'),
      nested: { list: [new Int32(1), new Double(1.5), null, 'teks ✓'], when: new Date(0) },
    });
    await source.connection.db?.createCollection('never_written');
    await mkdir(path.join(sourceDataDir, 'media/2026/03/18'), { recursive: true });
    await writeFile(
      path.join(sourceDataDir, 'media/2026/03/18/bukti-transfer.jpg'),
      Buffer.alloc(300_000, 7),
    );
    await writeFile(path.join(sourceDataDir, 'media/2026/03/18/bukti-transfer.thumb.webp'), 'thumbnail');
    await writeFile(path.join(sourceDataDir, 'media/2026/03/18/.x.jpg.1234.tmp'), 'a write in progress');

    const started = performance.now();
    const backup = await createBackup(source.connection, { dataDir: sourceDataDir, day: DAY, now: NOW });
    const backedUp = performance.now();
    const progress: RestoreProgress[] = [];
    const restored = await restoreBackup(target.connection, {
      dir: backup.dir,
      dataDir: targetDataDir,
      onProgress: (step) => progress.push(step),
    });
    const done = performance.now();
    if (!restored.ok) throw new Error(restored.details);
    process.stdout.write(
      `[drill] ${backup.documents} documents in ${backup.manifest.collections.length} collections, ` +
        `${backup.manifest.media.length} media files: backup ${((backedUp - started) / 1000).toFixed(2)} s, ` +
        `restore ${((done - backedUp) / 1000).toFixed(2)} s\n`,
    );

    expect(backup.dir).toBe(backupDir);
    expect(restored.documents).toBe(backup.documents);
    expect(backup.documents).toBeGreaterThan(500);
    // Every collection of the database, not only the models': the probe, the empty one, agenda's if any.
    const names = backup.manifest.collections.map((entry) => entry.name);
    expect(names).toEqual(
      expect.arrayContaining(['orders', 'contacts', 'messages', 'types_probe', 'never_written']),
    );
    expect(await dumpDatabase(target.connection)).toEqual(await dumpDatabase(source.connection));
    expect(await indexesOf(target.connection)).toEqual(await indexesOf(source.connection));
    const [probe] = (await dumpDatabase(target.connection)).types_probe ?? [];
    for (const typed of [
      '"int":{"$numberInt":"7"}',
      '"double":{"$numberDouble":"2.0"}',
      '"fraction":{"$numberDouble":"0.1"}',
      '"long":{"$numberLong":"9007199254740993"}',
      '"decimal":{"$numberDecimal":"12345.6789"}',
      '"date":{"$date":{"$numberLong":"1773820800123"}}',
      '"list":[{"$numberInt":"1"},{"$numberDouble":"1.5"},null,"teks ✓"]',
    ])
      expect(probe).toContain(typed);
    expect(await hashTree(path.join(targetDataDir, 'media'))).toEqual(
      Object.fromEntries(
        Object.entries(await hashTree(path.join(sourceDataDir, 'media'))).filter(
          ([file]) => !file.endsWith('.tmp'),
        ),
      ),
    );
    expect(backup.manifest.media.map((entry) => entry.path)).toEqual([
      'media/2026/03/18/bukti-transfer.jpg',
      'media/2026/03/18/bukti-transfer.thumb.webp',
    ]);
    expect(progress[0]).toMatchObject({ step: 'verified', documents: backup.documents, mediaFiles: 2 });
    expect(progress.filter((step) => step.step === 'collection')).toHaveLength(names.length);
    expect(progress.every((step) => step.step === 'verified' || step.ok)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ step: 'media', files: 2, bytes: 300_009, ok: true });
  });

  it('refuses a tampered backup before writing anything', async () => {
    const tampered = tempDir('drill-tampered');
    await cp(backupDir, tampered, { recursive: true });
    const orders = path.join(tampered, 'orders.ejson.gz');
    const bytes = await readFile(orders);
    bytes[bytes.length - 20]! ^= 0xff;
    await writeFile(orders, bytes);
    await writeFile(path.join(tampered, 'media/2026/03/18/bukti-transfer.thumb.webp'), 'thumbnaiL');
    const spareDataDir = tempDir('drill-spare');
    const result = await restoreBackup(spare.connection, { dir: tampered, dataDir: spareDataDir });
    expect(result).toMatchObject({
      ok: false,
      code: 'RESTORE.CHECKSUM_MISMATCH',
      problems: [
        'orders.ejson.gz does not match its sha256',
        'media/2026/03/18/bukti-transfer.thumb.webp does not match its sha256',
      ],
    });
    expect(await spare.connection.db?.listCollections().toArray()).toEqual([]);
    expect(await hashTree(spareDataDir)).toEqual({});
  });

  it('refuses a folder without a manifest or with a manifest that leaves the folder', async () => {
    const half = tempDir('drill-half');
    await cp(backupDir, half, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(half, MANIFEST_FILE), 'utf8'));
    manifest.media[0].path = 'media/../../../etc/passwd';
    await writeFile(path.join(half, MANIFEST_FILE), JSON.stringify(manifest));
    expect(await restoreBackup(spare.connection, { dir: half, dataDir: tempDir('x') })).toMatchObject({
      ok: false,
      code: 'RESTORE.BAD_MANIFEST',
      problems: ['manifest.json media.0.path must be a relative path under media/'],
    });
    const empty = tempDir('drill-empty');
    expect(await restoreBackup(spare.connection, { dir: empty, dataDir: tempDir('x') })).toMatchObject({
      ok: false,
      code: 'RESTORE.BAD_MANIFEST',
      details: `${empty} has no manifest.json: not a finished backup`,
    });
    expect(await spare.connection.db?.listCollections().toArray()).toEqual([]);
  });

  it('refuses a database that holds data unless forced; forced, it drops what it restores and ends equal', async () => {
    // The drill's target now holds the shop.
    const refused = await restoreBackup(target.connection, { dir: backupDir, dataDir: targetDataDir });
    expect(refused).toMatchObject({ ok: false, code: 'RESTORE.NOT_EMPTY' });
    if (!refused.ok) expect(refused.problems).toContain('types_probe: 1');
    await target.connection.db?.collection('orders').deleteMany({ status: 'cancelled' });
    const forced = await restoreBackup(target.connection, {
      dir: backupDir,
      dataDir: targetDataDir,
      force: true,
    });
    expect(forced).toMatchObject({ ok: true });
    expect(await dumpDatabase(target.connection)).toEqual(await dumpDatabase(source.connection));
  });

  it('counts a database holding only the migrations record as empty, and drops that record (it describes other data)', async () => {
    await spare.connection.db
      ?.collection<{ _id: string }>('migrations')
      .insertOne({ _id: 'started-on-the-new-server' });
    const result = await restoreBackup(spare.connection, { dir: backupDir, dataDir: tempDir('x') });
    expect(result).toMatchObject({ ok: true });
    expect(await spare.connection.db?.collection('migrations').countDocuments()).toBe(0);
  });
});
