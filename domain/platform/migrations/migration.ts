import type { Connection } from 'mongoose';
import type { Logger } from '../logger.js';

/**
 * One schema or data change, applied once per database in registry order (registry.ts) and recorded in
 * the `migrations` collection only after `up` finished. Rules for writing one:
 * - idempotent: a crash half-way leaves it unrecorded, and the next start runs it again from the top,
 *   so every step must be safe to repeat (`$exists: false` filters, createIndex, upserts by key);
 * - additive: the previous release must still run on the result (add fields and indexes; rename or drop
 *   only in a later release, once no running code reads the old shape), because a failed upgrade is
 *   rolled back by starting the previous release;
 * - frozen: it works on raw collections with the shapes written out, not through today's models, so it
 *   means the same thing when the models change later (0001, the baseline, is the one exception).
 */
export interface Migration {
  /** `NNNN-kebab-name`, the file name without `.migration.ts`; ids sort in the order they run. */
  id: string;
  /** One short line for the operator (printed by `npm run migrate`). */
  description: string;
  up(connection: Connection, log: Logger): Promise<void>;
}

/** What the `migrations` collection holds for each applied migration. */
export interface MigrationRecord {
  /** The migration's id. */
  _id: string;
  description: string;
  /** When it finished. */
  appliedAt: Date;
  durationMs: number;
}

/** The form of a migration id: four digits, then a kebab-case name. */
export const MIGRATION_ID = /^\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A migration run that stopped: a migration threw (`migrationId` names it), or the lock was lost. An
 * operator error: its message is the one line start-up prints; earlier migrations stay recorded.
 */
export class MigrationError extends Error {
  override name = 'MigrationError';

  constructor(
    message: string,
    readonly migrationId?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A registry that is a bug (bad or repeated id, out of order): thrown before anything runs. */
export function checkRegistry(migrations: readonly Migration[]): void {
  let previous: string | undefined;
  for (const { id } of migrations) {
    if (!MIGRATION_ID.test(id)) throw new Error(`migration id "${id}" is not NNNN-kebab-name`);
    if (previous !== undefined && id <= previous)
      throw new Error(`migration "${id}" is listed after "${previous}": ids must be unique and ascending`);
    previous = id;
  }
}
