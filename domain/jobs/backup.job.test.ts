import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { useTempDirs } from '../platform/testing/temp-dir.js';
import { updateSettings } from '../settings/settings.use-case.js';
import { backupJob } from './backup.job.js';
import { jobRunModel } from './job-run.model.js';

const db = useTestDatabase();
const tempDir = useTempDirs();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'backup-job-test');
const run = (dataDir: string | undefined, now: string) =>
  backupJob.run({ connection: db.connection, log, now: new Date(now), ...(dataDir && { dataDir }) });
const createdAt = async (dataDir: string, day: string) =>
  JSON.parse(await readFile(path.join(dataDir, 'backups', day, 'manifest.json'), 'utf8')).createdAt;

describe('the nightly backup', () => {
  it('runs once a shop night at backups.at (03:00 WIB), into that shop day’s folder', async () => {
    const dataDir = tempDir('backup-job');
    await db.connection.db?.collection('notes').insertOne({ text: 'halo' });
    // 02:59 WIB on the 24th: not yet.
    await run(dataDir, '2026-11-23T19:59:00Z');
    expect(existsSync(path.join(dataDir, 'backups'))).toBe(false);
    // 03:15 WIB: the backup of the 24th.
    await run(dataDir, '2026-11-23T20:15:00Z');
    expect(await readdir(path.join(dataDir, 'backups'))).toEqual(['2026-11-24']);
    expect(await createdAt(dataDir, '2026-11-24')).toBe('2026-11-23T20:15:00.000Z');
    // Later that night, and after a restart: nothing again.
    await run(dataDir, '2026-11-23T21:30:00Z');
    await run(dataDir, '2026-11-24T16:59:00Z');
    expect(await createdAt(dataDir, '2026-11-24')).toBe('2026-11-23T20:15:00.000Z');
    // The next night: the 25th.
    await run(dataDir, '2026-11-24T20:15:00Z');
    expect(await readdir(path.join(dataDir, 'backups'))).toEqual(['2026-11-24', '2026-11-25']);
  });

  it('follows the settings: another time, and retention of keepDays', async () => {
    const dataDir = tempDir('backup-job-settings');
    await updateSettings(
      db.connection,
      { backups: { at: '01:00', keepDays: 2 } },
      { actor: { kind: 'system', name: 'test' }, at: new Date('2026-11-01T00:00:00Z') },
    );
    for (const day of ['2026-11-20', '2026-11-26'])
      await mkdir(path.join(dataDir, 'backups', day), { recursive: true });
    // 01:30 WIB on the 27th.
    await run(dataDir, '2026-11-26T18:30:00Z');
    expect(await readdir(path.join(dataDir, 'backups'))).toEqual(['2026-11-26', '2026-11-27']);
  });

  it('does nothing without a data directory (simulations) and leaves the day unclaimed', async () => {
    await run(undefined, '2026-12-01T21:00:00Z');
    expect(await jobRunModel(db.connection).countDocuments({ job: 'backup', day: '2026-12-02' })).toBe(0);
  });
});
