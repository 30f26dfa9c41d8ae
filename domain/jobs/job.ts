import type { Connection } from 'mongoose';
import type { Mailer } from '../alerts/mailer.js';
import type { Actor } from '../audit/audit.model.js';
import type { Logger } from '../platform/logger.js';

/** What a job run gets: the database, a logger, and the one "now" it must use (never the system clock). */
export interface JobDeps {
  connection: Connection;
  log: Logger;
  now: Date;
  /** DATA_DIR, for jobs that write files (backups); absent in simulations, where such jobs do nothing. */
  dataDir?: string;
  /** E-mail to the owner (SMTP_URL, OWNER_EMAIL); absent when none is configured, where e-mail jobs do nothing. */
  ownerMail?: OwnerMail;
}

/** How jobs reach the owner by e-mail. */
export interface OwnerMail {
  mailer: Mailer;
  to: string[];
}

/** A scheduled job: its name, how often agenda runs it, and its handler. */
export interface Job {
  name: string;
  /** agenda interval, e.g. '1 minute' */
  every: string;
  run(deps: JobDeps): Promise<void>;
}

/** What a `*.job.ts` exports: the job without its schedule (schedules.ts gives every job its interval). */
export type JobHandler = Omit<Job, 'every'>;

/** The actor a job writes its audit entries as. */
export function jobActor(name: string): Actor {
  return { kind: 'system', name };
}
