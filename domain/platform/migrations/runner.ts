import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Collection, Db } from 'mongodb';
import type { Connection } from 'mongoose';
import { type Clock, systemClock } from '../clock.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { isDuplicateKey } from '../model.js';
import { checkRegistry, type Migration, MigrationError, type MigrationRecord } from './migration.js';
import { acquireMigrationLock, defaultLockOwner, type LockEvent } from './migration-lock.js';

export const MIGRATIONS_COLLECTION = 'migrations';

/** One migration this run applied. */
export interface AppliedMigration {
  id: string;
  description: string;
  durationMs: number;
}

/** What a runner reports as it goes: the lock events, and each migration once it is recorded. */
export type MigrationEvent = LockEvent | ({ type: 'applied' } & AppliedMigration);

export interface RunMigrationsOptions {
  /** In order; the product's list is MIGRATIONS in registry.ts. */
  migrations: readonly Migration[];
  log: Logger;
  clock?: Clock;
  /** Who holds the lock while this runs; default host:pid:random. */
  owner?: string;
  /** See acquireMigrationLock. */
  staleLockMs?: number;
  heartbeatMs?: number;
  pollMs?: number;
  onEvent?: (event: MigrationEvent) => void;
}

export interface MigrationRun {
  /** Applied by this run, in order. */
  applied: AppliedMigration[];
  /** Listed migrations the database already had. */
  alreadyApplied: number;
  /** The last listed migration: where the database is now. */
  latest: string | undefined;
  /** Recorded ids this code does not list: a newer release migrated this database. */
  unknown: string[];
}

/** Where the database stands against a list of migrations. */
export interface MigrationStatus {
  /** Records of the listed migrations that are applied, in list order. */
  applied: MigrationRecord[];
  pending: Migration[];
  /** Records of migrations the list does not hold (applied by a newer release). */
  unknown: MigrationRecord[];
}

const openDb = (connection: Connection): Db => {
  if (!connection.db) throw new Error('migrations need an open connection');
  return connection.db;
};

const records = (db: Db): Collection<MigrationRecord> =>
  db.collection<MigrationRecord>(MIGRATIONS_COLLECTION);

/** Any error as one line (driver messages can span several). */
const oneLine = (error: unknown) => describeError(error).replace(/\s+/g, ' ').trim();

/** Which listed migrations the database has, which are pending, and which it has that are not listed. */
export async function migrationStatus(
  connection: Connection,
  migrations: readonly Migration[],
): Promise<MigrationStatus> {
  checkRegistry(migrations);
  const recorded = new Map(
    (await records(openDb(connection)).find({}).sort({ _id: 1 }).toArray()).map((record) => [
      record._id,
      record,
    ]),
  );
  const listed = new Set(migrations.map(({ id }) => id));
  return {
    applied: migrations.flatMap(({ id }) => recorded.get(id) ?? []),
    pending: migrations.filter(({ id }) => !recorded.has(id)),
    unknown: [...recorded.values()].filter(({ _id }) => !listed.has(_id)),
  };
}

/**
 * Bring the database to the last listed migration: under the migrations lock (one runner at a time,
 * across processes), apply each unrecorded migration in order and record it (id, appliedAt,
 * durationMs) only once its `up` finished. A migration that throws stops the run with a MigrationError
 * naming it: it is not recorded, the ones before it stay recorded, nothing after it runs, and the lock
 * is released, so the next start runs it again from the top. The bot calls this before it processes
 * anything; `npm run migrate` (scripts/migrate.ts) calls it on its own.
 */
export async function runMigrations(
  connection: Connection,
  options: RunMigrationsOptions,
): Promise<MigrationRun> {
  const { migrations, log } = options;
  checkRegistry(migrations);
  const clock = options.clock ?? systemClock;
  const db = openDb(connection);
  const lock = await acquireMigrationLock(db, {
    owner: options.owner ?? defaultLockOwner(randomBytes(3).toString('hex')),
    clock,
    log,
    ...(options.staleLockMs !== undefined && { staleMs: options.staleLockMs }),
    ...(options.heartbeatMs !== undefined && { heartbeatMs: options.heartbeatMs }),
    ...(options.pollMs !== undefined && { pollMs: options.pollMs }),
    ...(options.onEvent && { onEvent: options.onEvent }),
  });

  try {
    // Read under the lock: a runner that waited sees what the other one applied.
    const status = await migrationStatus(connection, migrations);
    const unknown = status.unknown.map(({ _id }) => _id);
    if (unknown.length > 0)
      log.warn(
        { unknown },
        'the database has migrations this version does not know (a newer release ran them)',
      );

    const applied: AppliedMigration[] = [];
    for (const migration of status.pending) {
      await lock.confirm(migration.id);
      const started = performance.now();
      try {
        await migration.up(connection, log.child({ migration: migration.id }));
      } catch (error) {
        throw new MigrationError(
          `Migration ${migration.id} failed: ${oneLine(error)} (not recorded; the migrations before it stay applied, and it runs again from the start next time)`,
          migration.id,
          { cause: error },
        );
      }
      const durationMs = Math.round(performance.now() - started);
      try {
        await records(db).insertOne({
          _id: migration.id,
          description: migration.description,
          appliedAt: clock.now(),
          durationMs,
        });
      } catch (error) {
        // Only a runner that took over our lock could have recorded it: it is applied either way.
        if (!isDuplicateKey(error)) throw error;
      }
      const done = { id: migration.id, description: migration.description, durationMs };
      applied.push(done);
      log.info({ migration: migration.id, durationMs }, `migration ${migration.id} applied`);
      options.onEvent?.({ type: 'applied', ...done });
    }
    const latest = migrations.at(-1)?.id;
    log.info(
      { applied: applied.length, alreadyApplied: status.applied.length, latest },
      applied.length > 0 ? 'migrations applied' : 'database already migrated',
    );
    return { applied, alreadyApplied: status.applied.length, latest, unknown };
  } finally {
    await lock.release().catch((error: unknown) => {
      // Never hide the run's own outcome; a lock left behind goes stale and is taken over.
      log.warn({ err: error }, `could not release the migrations lock: ${describeError(error)}`);
    });
  }
}
