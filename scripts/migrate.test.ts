import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MIGRATIONS } from '../domain/platform/migrations/registry.js';
import { openConnection } from '../domain/platform/mongo.js';
import { projectRoot } from '../domain/platform/paths.js';
import { TEST_KEY_ENV } from '../domain/platform/testing/keys.js';
import { useTempDirs } from '../domain/platform/testing/temp-dir.js';

// `npm run migrate` and the bot's start-up as real processes, on one database of this file's own.

const root = projectRoot();
const tsx = path.join(root, 'node_modules/.bin/tsx');
const tempDir = useTempDirs();
const database = `migrate_${randomBytes(4).toString('hex')}`;
const uri = () => {
  const url = new URL(inject('mongoUri'));
  url.pathname = `/${database}`;
  return url.toString();
};
const ids = MIGRATIONS.map(({ id }) => id);
const LATEST = ids.at(-1)!;

let connection: Connection;
beforeAll(async () => {
  connection = await openConnection(inject('mongoUri'), database);
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

async function run(entry: string, args: string[] = []) {
  const child = spawn(tsx, [path.join(root, entry), ...args], {
    cwd: tmpdir(),
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      MONGODB_URI: uri(),
      DATA_DIR: tempDir('data'),
      ...TEST_KEY_ENV,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

const recorded = async () =>
  (await connection.collection('migrations').find({}).sort({ _id: 1 }).toArray()).map(({ _id }) => _id);

/** The line a failed 0001 prints: two accounts share a login, so its unique index cannot be built. */
const FAILED_BASELINE =
  /^Migration 0001-baseline-indexes failed: .*E11000 duplicate key error.*login.*\(not recorded; the migrations before it stay applied, and it runs again from the start next time\)\n$/;

describe('migrations as processes', () => {
  it('the bot refuses to start on a failing migration, with one line naming it, and records nothing', async () => {
    // A database an older release let drift: two accounts with one login.
    await connection.collection('users').insertMany([
      { login: 'sari', name: 'Sari', role: 'owner', active: true },
      { login: 'sari', name: 'Sari (lagi)', role: 'admin', active: true },
    ]);
    const bot = await run('bot/main.ts');
    expect(bot.code).toBe(1);
    expect(bot.stderr).toMatch(FAILED_BASELINE);
    expect(bot.stderr).not.toMatch(/^\s+at /m);
    expect(bot.stdout).toBe('');
    expect(await recorded()).toEqual([]);
    expect(await connection.collection('migrations_lock').countDocuments()).toBe(0);
  }, 30_000);

  it('npm run migrate stops the same way, then applies everything once the data is fixed', async () => {
    const failed = await run('scripts/migrate.ts');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(FAILED_BASELINE);
    expect(failed.stdout).toBe('');

    await connection.collection('users').deleteOne({ name: 'Sari (lagi)' });
    const migrated = await run('scripts/migrate.ts');
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    const lines = migrated.stdout.trim().split('\n');
    expect(lines).toHaveLength(ids.length + 1);
    for (const [index, id] of ids.entries())
      expect(lines[index]).toMatch(new RegExp(`^applied ${id}: .+ \\(\\d+ ms\\)$`));
    expect(lines.at(-1)).toBe(
      `migrated: ${ids.length} applied, 0 already applied; the database is at ${LATEST}`,
    );
    expect(await recorded()).toEqual(ids);
    // 0003 gave the surviving account its failed-login counter.
    expect(await connection.collection('users').findOne({ login: 'sari' })).toMatchObject({
      failedLogins: 0,
    });
  }, 30_000);

  it('npm run migrate a second time applies nothing; --status lists what is applied', async () => {
    const again = await run('scripts/migrate.ts');
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`up to date: ${ids.length} already applied; the database is at ${LATEST}\n`);

    const status = await run('scripts/migrate.ts', ['--status']);
    expect(status.code).toBe(0);
    const lines = status.stdout.trim().split('\n');
    for (const [index, id] of ids.entries())
      expect(lines[index]).toMatch(new RegExp(`^applied ${id} at \\d{4}-\\d\\d-\\d\\dT.+Z \\(\\d+ ms\\)$`));
    expect(lines.at(-1)).toBe(`${ids.length} applied, none pending: the database is at ${LATEST}`);
  }, 30_000);

  it('npm run migrate refuses an unknown flag as a usage error', async () => {
    const result = await run('scripts/migrate.ts', ['--force']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: npm run migrate [-- --status]');
  });
});
