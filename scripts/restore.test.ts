import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { createBackup } from '../domain/backups/backup.use-case.js';
import {
  dumpDatabase,
  hashTree,
  uriWithDatabase,
  useEmptyDatabase,
} from '../domain/backups/testing/databases.js';
import { useTestDatabase } from '../domain/platform/testing/database.js';
import { useTempDirs } from '../domain/platform/testing/temp-dir.js';
import { runScript } from './testing/run-script.js';

const source = useTestDatabase();
const target = useEmptyDatabase();
const tempDir = useTempDirs();

describe('scripts/restore.ts', () => {
  it('restores into the database of MONGODB_URI, refuses it once it holds data, and overwrites it with --force', {
    timeout: 60_000,
  }, async () => {
    const sourceDataDir = tempDir('restore-cli-source');
    await source.connection.db?.collection('notes').insertMany([{ text: 'satu' }, { text: 'dua' }]);
    await mkdir(path.join(sourceDataDir, 'media/2026/11/24'), { recursive: true });
    await writeFile(path.join(sourceDataDir, 'media/2026/11/24/foto.jpg'), 'jpeg bytes');
    const backup = await createBackup(source.connection, {
      dataDir: sourceDataDir,
      day: '2026-11-24',
      now: new Date('2026-11-23T20:00:00Z'),
    });
    const dataDir = tempDir('restore-cli-target');
    const env = { MONGODB_URI: uriWithDatabase(inject('mongoUri'), target.name), DATA_DIR: dataDir };

    const first = await runScript('restore', [backup.dir], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^checked .*2026-11-24: \d+ collections, \d+ documents, 1 media files, every sha256 matches$/,
    );
    expect(lines).toContain('notes: 2/2');
    expect(lines).toContain('media: 1 files, 0.0 MB');
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^restored ${backup.documents} documents in \\d+ collections and 1 media files into ${target.name} `,
      ),
    );
    expect(await dumpDatabase(target.connection)).toEqual(await dumpDatabase(source.connection));
    expect(await hashTree(path.join(dataDir, 'media'))).toEqual(
      await hashTree(path.join(sourceDataDir, 'media')),
    );

    const again = await runScript('restore', [backup.dir], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^RESTORE\.NOT_EMPTY: the database test_\w+ holds data \(.*notes: 2.*--force/,
    );

    await target.connection.db?.collection('notes').insertOne({ text: 'tiga' });
    const forced = await runScript('restore', [backup.dir, '--force'], env);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('notes: 2/2');
    expect(await target.connection.db?.collection('notes').countDocuments()).toBe(2);
  });

  it('needs a MONGODB_URI and one folder', async () => {
    const dataDir = tempDir('restore-cli-usage');
    const noUri = await runScript('restore', [dataDir], { MONGODB_URI: '', DATA_DIR: dataDir });
    expect(noUri).toMatchObject({ code: 2, stdout: '' });
    expect(noUri.stderr).toMatch(/^MONGODB_URI is not set/);
    const noFolder = await runScript('restore', [], { DATA_DIR: dataDir });
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toContain('usage: npm run restore -- <backup folder> [--force]');
    const notABackup = await runScript('restore', [dataDir], {
      MONGODB_URI: uriWithDatabase(inject('mongoUri'), target.name),
      DATA_DIR: dataDir,
    });
    expect(notABackup.code).toBe(1);
    expect(notABackup.stderr).toBe(
      `RESTORE.BAD_MANIFEST: ${dataDir} has no manifest.json: not a finished backup\n`,
    );
  });
});
