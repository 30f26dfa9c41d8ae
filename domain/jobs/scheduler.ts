import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda, type Job as AgendaJob } from 'agenda';
import type { Connection } from 'mongoose';
import type { Clock } from '../platform/clock.js';
import { describeError } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { Job, OwnerMail } from './job.js';
import { ALL_JOBS } from './schedules.js';

export interface SchedulerDeps {
  connection: Connection;
  log: Logger;
  /** Where each run's "now" comes from (the system clock in production). */
  clock: Clock;
  /** DATA_DIR, handed to every run (the backup job writes there); without it such jobs do nothing. */
  dataDir?: string;
  /** The owner's e-mail, handed to every run (WhatsApp-down alerts); without it such jobs do nothing. */
  ownerMail?: OwnerMail;
  /** Defaults to ALL_JOBS. */
  jobs?: readonly Job[];
  /** How often agenda looks for due jobs, ms (a number: agenda reads '200 milliseconds' as 200 s). */
  processEveryMs?: number;
  /**
   * How long a run may go without a heartbeat before agenda counts it as dead, ms. Short on purpose:
   * agenda 6.2.6 leaves a lockLifetime / 2 timer behind after every run, which stop() does not clear and
   * which keeps the process alive that long after shutdown. Runs send a heartbeat meanwhile.
   */
  lockLifetimeMs?: number;
}

export interface Scheduler {
  /** Register every job with agenda on the connection's database and start running them on schedule. */
  start(): Promise<void>;
  /** Stop picking up jobs and wait for the runs in hand. */
  stop(): Promise<void>;
  /** Run every job once, in order, at `now` (scripts/simulate.ts and tests: no agenda timers). */
  runDue(now: Date): Promise<void>;
  /** The running agenda, between start() and stop(). */
  readonly agenda: Agenda | undefined;
}

export const PROCESS_EVERY_MS = 5_000;
export const LOCK_LIFETIME_MS = 10_000;

/** Build the job scheduler without starting it (bot/main.ts starts it after the bot). */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { connection, log, clock } = deps;
  const jobs = deps.jobs ?? ALL_JOBS;
  const lockLifetime = deps.lockLifetimeMs ?? LOCK_LIFETIME_MS;
  const inFlight = new Set<Promise<void>>();
  let agenda: Agenda | undefined;

  /** One run of one job; a failure is logged with the job's name and never reaches the other jobs. */
  const runJob = async (job: Job, now: Date): Promise<void> => {
    try {
      await job.run({ connection, log, now, dataDir: deps.dataDir, ownerMail: deps.ownerMail });
    } catch (error) {
      log.error({ err: error, job: job.name }, `job ${job.name} failed: ${describeError(error)}`);
    }
  };

  /** A run started by agenda: keeps its lock fresh while it works, and is awaited by stop(). */
  const runScheduled = async (job: Job, agendaJob: AgendaJob): Promise<void> => {
    const heartbeat = setInterval(() => {
      agendaJob.touch().catch((error: unknown) => {
        log.warn({ err: error, job: job.name }, `job ${job.name}: heartbeat failed: ${describeError(error)}`);
      });
    }, lockLifetime / 3);
    const run = runJob(job, clock.now()).finally(() => clearInterval(heartbeat));
    inFlight.add(run);
    try {
      await run;
    } finally {
      inFlight.delete(run);
    }
  };

  return {
    get agenda() {
      return agenda;
    },
    async start() {
      if (agenda) return;
      const db = connection.db;
      if (!db) throw new Error('createScheduler: the connection is not open');
      const created = new Agenda({
        backend: new MongoBackend({ mongo: db }),
        name: 'pesanin-bot',
        processEvery: deps.processEveryMs ?? PROCESS_EVERY_MS,
        defaultLockLifetime: lockLifetime,
      });
      // An EventEmitter 'error' without a listener would crash the process.
      created.on('error', (error) => log.error({ err: error }, `scheduler: ${describeError(error)}`));
      for (const job of jobs) {
        created.define(job.name, (agendaJob: AgendaJob) => runScheduled(job, agendaJob), {
          lockLifetime,
          concurrency: 1,
        });
      }
      agenda = created;
      await created.start();
      // Upserts one repeating job per name. agenda keeps a stored nextRunAt that has passed, so a job overdue
      // after downtime runs at once and one killed mid-run runs again at its next interval (restart.test.ts).
      for (const job of jobs) await created.every(job.every, job.name);
      log.info({ jobs: jobs.map((job) => `${job.name} every ${job.every}`) }, 'scheduler started');
    },
    async stop() {
      const running = agenda;
      if (!running) return;
      agenda = undefined;
      await running.stop();
      await Promise.all(inFlight);
    },
    async runDue(now: Date) {
      for (const job of jobs) await runJob(job, now);
    },
  };
}
