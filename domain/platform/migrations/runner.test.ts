import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock.js';
import { createLogger } from '../logger.js';
import { openConnection } from '../mongo.js';
import { useTestDatabase } from '../testing/database.js';
import { type Migration, MigrationError, type MigrationRecord } from './migration.js';
import { LOCK_COLLECTION, type LockDocument } from './migration-lock.js';
import { type MigrationEvent, migrationStatus, runMigrations } from './runner.js';

// The runner on hand-made lists: order, records, failures, and the lock between runners.

const db = useTestDatabase();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'migrations-test');
const opened: Connection[] = [];

afterAll(async () => {
  for (const connection of opened) {
    await connection.dropDatabase();
    await connection.close();
  }
});

/** A connection to an empty database of its own; `name` reopens one (another process on it). */
async function database(name = `migrations_${randomBytes(5).toString('hex')}`) {
  const connection = await openConnection(db.uri, name);
  opened.push(connection);
  return { connection, name };
}

/** A migration that counts its runs in `runs` (one document per id), so a double run shows. */
function counting(id: string, extra?: (connection: Connection) => Promise<void>): Migration {
  return {
    id,
    description: `counts ${id}`,
    async up(connection) {
      await connection
        .collection('runs')
        .updateOne({ _id: id as never }, { $inc: { n: 1 } }, { upsert: true });
      await extra?.(connection);
    },
  };
}

const runsOf = async (connection: Connection) =>
  Object.fromEntries(
    (await connection.collection('runs').find({}).sort({ _id: 1 }).toArray()).map((doc) => [doc._id, doc.n]),
  );
const recordsOf = (connection: Connection) =>
  connection.collection<MigrationRecord>('migrations').find({}).sort({ _id: 1 }).toArray();
const lockOf = (connection: Connection) =>
  connection.collection<LockDocument>(LOCK_COLLECTION).findOne({ _id: 'migrations' });

const LIST = [counting('0001-first'), counting('0002-second'), counting('0003-third')];

describe('runMigrations', () => {
  it('applies the list in order, records each with its time and duration, and releases the lock', async () => {
    const { connection } = await database();
    const clock = new ManualClock(new Date('2026-12-05T03:00:00Z'));
    const events: MigrationEvent[] = [];
    const run = await runMigrations(connection, {
      migrations: LIST,
      log,
      clock,
      onEvent: (event) => events.push(event),
    });

    expect(run).toEqual({
      applied: LIST.map(({ id, description }) => ({ id, description, durationMs: expect.any(Number) })),
      alreadyApplied: 0,
      latest: '0003-third',
      unknown: [],
    });
    expect(events.map((event) => event.type === 'applied' && event.id)).toEqual(LIST.map(({ id }) => id));
    expect(await recordsOf(connection)).toEqual(
      LIST.map(({ id, description }) => ({
        _id: id,
        description,
        appliedAt: clock.now(),
        durationMs: expect.any(Number),
      })),
    );
    expect(await runsOf(connection)).toEqual({ '0001-first': 1, '0002-second': 1, '0003-third': 1 });
    expect(await lockOf(connection)).toBeNull();
    expect((await migrationStatus(connection, LIST)).pending).toEqual([]);
  });

  it('applies nothing the second time, and only what was added to the list since', async () => {
    const { connection } = await database();
    await runMigrations(connection, { migrations: LIST.slice(0, 2), log });
    const again = await runMigrations(connection, { migrations: LIST.slice(0, 2), log });
    expect(again).toMatchObject({ applied: [], alreadyApplied: 2, latest: '0002-second' });

    const later = await runMigrations(connection, { migrations: LIST, log });
    expect(later.applied.map(({ id }) => id)).toEqual(['0003-third']);
    expect(later.alreadyApplied).toBe(2);
    expect(await runsOf(connection)).toEqual({ '0001-first': 1, '0002-second': 1, '0003-third': 1 });
  });

  it('stops at a failing migration with one line naming it: not recorded, the earlier ones are, nothing after it runs', async () => {
    const { connection } = await database();
    // Half its work done, then it fails: the rerun must finish that work, not duplicate it.
    const failing: Migration = {
      id: '0002-second',
      description: 'fails half-way',
      async up(db) {
        await db.collection('items').updateOne({ _id: 'a' as never }, { $set: { v: 1 } }, { upsert: true });
        throw new Error('boom:\n  the disk is full');
      },
    };
    const list = [LIST[0]!, failing, LIST[2]!];

    const error = await runMigrations(connection, { migrations: list, log }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ migrationId: '0002-second' });
    const message = (error as MigrationError).message;
    expect(message).toBe(
      'Migration 0002-second failed: boom: the disk is full (not recorded; the migrations before it stay applied, and it runs again from the start next time)',
    );
    expect(message).not.toContain('\n');
    expect((await recordsOf(connection)).map(({ _id }) => _id)).toEqual(['0001-first']);
    expect(await runsOf(connection)).toEqual({ '0001-first': 1 });
    expect(await lockOf(connection)).toBeNull();

    // The fixed release: the same id, written idempotently, finishes the half-done work.
    const fixed: Migration = {
      id: '0002-second',
      description: 'fixed',
      async up(db) {
        for (const _id of ['a', 'b'])
          await db.collection('items').updateOne({ _id: _id as never }, { $set: { v: 1 } }, { upsert: true });
      },
    };
    const rerun = await runMigrations(connection, { migrations: [LIST[0]!, fixed, LIST[2]!], log });
    expect(rerun.applied.map(({ id }) => id)).toEqual(['0002-second', '0003-third']);
    expect(await connection.collection('items').find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'a', v: 1 },
      { _id: 'b', v: 1 },
    ]);
    expect(await runsOf(connection)).toEqual({ '0001-first': 1, '0003-third': 1 });
  });

  it('lets two runners at once apply each migration once: the second waits, then finds nothing to do', async () => {
    const { connection: first, name } = await database();
    const { connection: second } = await database(name);
    let someoneWaits!: () => void;
    const waiting = new Promise<void>((resolve) => {
      someoneWaits = resolve;
    });
    // The holder keeps the lock until the other runner has seen it taken.
    const list = [counting('0001-first', () => waiting), LIST[1]!, LIST[2]!];
    const options = {
      migrations: list,
      log,
      pollMs: 10,
      onEvent: (event: MigrationEvent) => {
        if (event.type === 'waiting') someoneWaits();
      },
    };

    const runs = await Promise.all([runMigrations(first, options), runMigrations(second, options)]);
    expect(runs.map((run) => run.applied.length).sort()).toEqual([0, 3]);
    expect(runs.map((run) => run.alreadyApplied).sort()).toEqual([0, 3]);
    expect(await runsOf(first)).toEqual({ '0001-first': 1, '0002-second': 1, '0003-third': 1 });
    expect(await recordsOf(first)).toHaveLength(3);
    expect(await lockOf(first)).toBeNull();
  });

  it('waits while another live process holds the lock, and runs once it is released', async () => {
    const { connection } = await database();
    const clock = new ManualClock(new Date('2026-12-05T03:00:00Z'));
    await connection.collection<LockDocument>(LOCK_COLLECTION).insertOne({
      _id: 'migrations',
      owner: 'vps:4242:abc',
      acquiredAt: clock.now(),
      heartbeatAt: clock.now(),
    });
    const events: MigrationEvent[] = [];
    const running = runMigrations(connection, {
      migrations: LIST,
      log,
      clock,
      pollMs: 10,
      onEvent: (event) => events.push(event),
    });
    await vi.waitFor(() =>
      expect(events).toContainEqual({ type: 'waiting', holder: 'vps:4242:abc', since: clock.now() }),
    );
    expect(await runsOf(connection)).toEqual({});

    await connection.collection<LockDocument>(LOCK_COLLECTION).deleteOne({ _id: 'migrations' });
    expect((await running).applied).toHaveLength(3);
  });

  it('takes over a lock whose holder stopped moving its heartbeat (a crashed process)', async () => {
    const { connection } = await database();
    const clock = new ManualClock(new Date('2026-12-05T03:00:00Z'));
    const lastBeat = new Date(clock.now().getTime() - 6 * 60_000);
    await connection
      .collection<LockDocument>(LOCK_COLLECTION)
      .insertOne({ _id: 'migrations', owner: 'vps:4242:abc', acquiredAt: lastBeat, heartbeatAt: lastBeat });
    const events: MigrationEvent[] = [];
    const run = await runMigrations(connection, {
      migrations: LIST,
      log,
      clock,
      staleLockMs: 5 * 60_000,
      onEvent: (event) => events.push(event),
    });
    expect(events[0]).toEqual({ type: 'took-over', from: 'vps:4242:abc', heartbeatAt: lastBeat });
    expect(run.applied).toHaveLength(3);
    expect(await lockOf(connection)).toBeNull();
  });

  it('keeps the lock fresh while a long migration runs', async () => {
    const { connection } = await database();
    const clock = new ManualClock(new Date('2026-12-05T03:00:00Z'));
    const long: Migration = {
      id: '0001-long',
      description: 'takes ten minutes',
      async up(db) {
        clock.advance(10 * 60_000);
        await vi.waitFor(async () => expect((await lockOf(db))?.heartbeatAt).toEqual(clock.now()));
      },
    };
    const run = await runMigrations(connection, { migrations: [long], log, clock, heartbeatMs: 5 });
    expect(run.applied).toHaveLength(1);
  });

  it('stops before the next migration when another runner took the lock over meanwhile', async () => {
    const { connection } = await database();
    const stolen: Migration = {
      id: '0001-first',
      description: 'the process stalls; another takes the lock over',
      async up(db) {
        await db
          .collection<LockDocument>(LOCK_COLLECTION)
          .updateOne({ _id: 'migrations' }, { $set: { owner: 'other:1:x' } });
      },
    };
    const error = await runMigrations(connection, {
      migrations: [stolen, LIST[1]!],
      log,
      owner: 'me:1:y',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(
      /^Migrations stopped before 0002-second: the lock was taken over by other:1:x/,
    );
    expect(await runsOf(connection)).toEqual({});
    // What finished is recorded; the other runner's lock is left alone.
    expect((await recordsOf(connection)).map(({ _id }) => _id)).toEqual(['0001-first']);
    expect(await lockOf(connection)).toMatchObject({ owner: 'other:1:x' });
  });

  it('runs on a database a newer release migrated further, reporting what it does not know', async () => {
    const { connection } = await database();
    await runMigrations(connection, { migrations: LIST, log });
    await connection.collection<MigrationRecord>('migrations').insertOne({
      _id: '0009-from-a-newer-release',
      description: 'newer',
      appliedAt: new Date(),
      durationMs: 1,
    });
    const run = await runMigrations(connection, { migrations: LIST, log });
    expect(run).toMatchObject({ applied: [], alreadyApplied: 3, unknown: ['0009-from-a-newer-release'] });
  });

  it('refuses a list with a bad, repeated or out-of-order id before touching the database', async () => {
    const { connection } = await database();
    for (const list of [
      [counting('1-first')],
      [counting('0001-First')],
      [LIST[0]!, LIST[0]!],
      [LIST[1]!, LIST[0]!],
    ])
      await expect(runMigrations(connection, { migrations: list, log })).rejects.toThrow(/migration/);
    expect(await lockOf(connection)).toBeNull();
    expect(await recordsOf(connection)).toEqual([]);
  });
});
