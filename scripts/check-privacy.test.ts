import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../domain/platform/paths.js';
import { useTempDirs } from '../domain/platform/testing/temp-dir.js';
import { runScript } from './testing/run-script.js';

// Issue 11's acceptance: a simulated order with an address and a recipient's number, written through
// the real bot, leaves no phone number, chat id or address in clear anywhere in the database.

const tempDir = useTempDirs();
const client = new MongoClient(inject('mongoUri'));
const kept: string[] = [];

afterAll(async () => {
  for (const name of kept) await client.db(name).dropDatabase();
  await client.close();
});

describe('scripts/check-privacy.ts', () => {
  it('finds nothing in clear after a scenario with a delivery address, and names a leak planted in clear', async () => {
    const scenario = path.join(projectRoot(), 'bot/simulation/scenarios/order-details-several-at-once.json');
    const simulated = await runScript('simulate', [scenario, '--keep'], { DATA_DIR: tempDir('data') });
    expect(simulated.code).toBe(0);
    const name = /kept database (\S+)/.exec(simulated.stderr)?.[1];
    expect(name).toBeDefined();
    kept.push(name!);
    // The scenario's delivery details are in the database (read back decrypted by the script).
    expect(simulated.stdout).toContain('Jl. Melati 5');

    const clean = await runScript('check-privacy', ['--db', name!], { DATA_DIR: tempDir('data') });
    expect(clean.stderr).toBe('');
    expect(clean.stdout).toMatch(/scanned \S+\.messages: [1-9]\d* documents/);
    expect(clean.stdout).toMatch(/scanned \S+\.orders: [1-9]\d* documents/);
    expect(clean.stdout.trim().split('\n').at(-1)).toMatch(
      /^clean: \d+ documents in \d+ collections of 1 database\(s\), 0 personal values in clear$/,
    );
    expect(clean.code).toBe(0);

    // A copy written around the encryption (a raw insert) is caught, by pattern and by value.
    await client
      .db(name)
      .collection('notes')
      .insertOne({ text: 'telp 0812-3456-7801', chat: '6281234567801@c.us', where: 'Jl. Melati 5, Bandung' });
    const leaked = await runScript('check-privacy', ['--db', name!], { DATA_DIR: tempDir('data') });
    expect(leaked.code).toBe(1);
    expect(leaked.stdout).toContain(`LEAK ${name}.notes`);
    expect(leaked.stdout).toMatch(/\.text: phone number in clear/);
    expect(leaked.stdout).toMatch(/\.chat: chat id in clear/);
    expect(leaked.stdout.trim().split('\n').at(-1)).toMatch(
      /^LEAKS FOUND: .* [1-9]\d* personal values in clear$/,
    );
  });
});
