import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Collection, Db } from 'mongodb';
import type { Clock } from '../clock.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { isDuplicateKey } from '../model.js';
import { MigrationError } from './migration.js';

/** The single lock document: its `_id` is the unique key two runners race to insert. */
export interface LockDocument {
  _id: 'migrations';
  /** Who holds it: host, process id and a random tag (two runners in one process differ). */
  owner: string;
  acquiredAt: Date;
  /** Moved forward while the holder works; a lock not moved for `staleMs` belongs to a dead process. */
  heartbeatAt: Date;
}

export const LOCK_COLLECTION = 'migrations_lock';
const LOCK_ID = 'migrations' as const;

/** A crashed holder's lock is taken over this long after its last heartbeat. */
export const STALE_LOCK_MS = 5 * 60_000;

/** What a runner reports while it gets the lock. */
export type LockEvent =
  | { type: 'waiting'; holder: string; since: Date }
  | { type: 'took-over'; from: string; heartbeatAt: Date };

export interface LockOptions {
  owner: string;
  clock: Clock;
  log: Logger;
  /** Default STALE_LOCK_MS. */
  staleMs?: number;
  /** How often the holder moves `heartbeatAt`; default a fifth of `staleMs`. */
  heartbeatMs?: number;
  /** How often a waiting runner tries again; default 1 s. */
  pollMs?: number;
  onEvent?: (event: LockEvent) => void;
}

export interface HeldLock {
  /** Throws a MigrationError unless this runner still holds the lock; checked before migration `next`. */
  confirm(next: string): Promise<void>;
  release(): Promise<void>;
}

/** A default owner name an operator can recognise in the lock document: host and process id. */
export function defaultLockOwner(tag: string): string {
  return `${hostname()}:${process.pid}:${tag}`;
}

const lockCollection = (db: Db): Collection<LockDocument> => db.collection<LockDocument>(LOCK_COLLECTION);

/**
 * Take the migrations lock, waiting while another live runner holds it (the bot starting while
 * `npm run migrate` runs waits for it, then finds nothing left to apply). A lock whose heartbeat is
 * older than `staleMs` belongs to a process that died mid-run and is taken over. While held, a timer
 * moves the heartbeat so a long migration is never mistaken for a dead one.
 */
export async function acquireMigrationLock(db: Db, options: LockOptions): Promise<HeldLock> {
  const { owner, clock, log } = options;
  const staleMs = options.staleMs ?? STALE_LOCK_MS;
  const heartbeatMs = options.heartbeatMs ?? Math.max(1, Math.floor(staleMs / 5));
  const pollMs = options.pollMs ?? 1000;
  const locks = lockCollection(db);

  let announced: string | undefined;
  for (;;) {
    const now = clock.now();
    const fresh: LockDocument = { _id: LOCK_ID, owner, acquiredAt: now, heartbeatAt: now };
    try {
      await locks.insertOne(fresh);
      break;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const stale = await locks.findOneAndUpdate(
      { _id: LOCK_ID, heartbeatAt: { $lt: new Date(now.getTime() - staleMs) } },
      { $set: { owner, acquiredAt: now, heartbeatAt: now } },
      { returnDocument: 'before' },
    );
    if (stale) {
      log.warn(
        { previousOwner: stale.owner, heartbeatAt: stale.heartbeatAt },
        'took over a stale migrations lock (its holder stopped without releasing it)',
      );
      options.onEvent?.({ type: 'took-over', from: stale.owner, heartbeatAt: stale.heartbeatAt });
      break;
    }
    const holder = await locks.findOne({ _id: LOCK_ID });
    // Released between the insert and this read: try again at once.
    if (!holder) continue;
    if (holder.owner !== announced) {
      announced = holder.owner;
      log.warn(
        { holder: holder.owner, since: holder.acquiredAt },
        'waiting for migrations another process is running',
      );
      options.onEvent?.({ type: 'waiting', holder: holder.owner, since: holder.acquiredAt });
    }
    await sleep(pollMs);
  }

  let beating = false;
  const heartbeat = setInterval(async () => {
    if (beating) return;
    beating = true;
    try {
      await locks.updateOne({ _id: LOCK_ID, owner }, { $set: { heartbeatAt: clock.now() } });
    } catch (error) {
      // The next beat tries again; confirm() before the next migration decides whether we still hold it.
      log.warn({ err: error }, `could not refresh the migrations lock: ${describeError(error)}`);
    } finally {
      beating = false;
    }
  }, heartbeatMs);
  heartbeat.unref();

  return {
    async confirm(next) {
      const held = await locks.findOne({ _id: LOCK_ID });
      if (held?.owner === owner) return;
      const by = held ? `taken over by ${held.owner}` : 'released by another process';
      throw new MigrationError(
        `Migrations stopped before ${next}: the lock was ${by} while this process (${owner}) held it (its heartbeat had stalled for ${Math.round(staleMs / 1000)} s); start again to finish`,
      );
    },
    async release() {
      clearInterval(heartbeat);
      await locks.deleteOne({ _id: LOCK_ID, owner });
    },
  };
}
