import type { Connection } from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import { openConnection } from '../platform/mongo.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { createTask } from '../tasks/task.use-case.js';
import type { Job } from './job.js';
import { createScheduler, type Scheduler } from './scheduler.js';
import { ALL_JOBS } from './schedules.js';
import { TASK_REMINDERS } from './task-reminders.job.js';
import { queued, staffUser } from './testing.js';

// Issue 10, item 5: jobs across restarts, with real agenda schedulers on the test database. Like
// scheduler.test.ts these wait on real time (agenda polls every 100 ms here), always for a condition.

const db = useTestDatabase();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'test');
const timing = { processEveryMs: 100, lockLifetimeMs: 1_000 };

/** Resolves once `condition` holds, checking every 20 ms; rejects after `ms`. */
async function until(condition: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface AgendaJobDoc {
  name: string;
  type: string;
  lockedAt?: Date | null;
  lastRunAt?: Date | null;
  lastFinishedAt?: Date | null;
}

const agendaJob = (name: string) =>
  db.connection.collection<AgendaJobDoc>('agendaJobs').findOne({ name, type: 'single' });

/** True once the repeating job `name` has finished a run since its scheduler (re)registered it. */
const finished = async (name: string) => (await agendaJob(name))?.lastFinishedAt instanceof Date;

/**
 * The bot stays down for `ms`: in agenda's terms every job's next run comes that much sooner. (Real
 * downtime longer than a job's interval leaves its nextRunAt in the past; a restart does not reset it.)
 */
async function down(ms: number): Promise<void> {
  const agendaJobs = db.connection.collection<AgendaJobDoc & { nextRunAt?: Date | null }>('agendaJobs');
  for (const job of await agendaJobs.find({}).toArray()) {
    if (job.nextRunAt)
      await agendaJobs.updateOne(
        { _id: job._id },
        { $set: { nextRunAt: new Date(job.nextRunAt.getTime() - ms) } },
      );
  }
}

// Schedulers and connections a test leaves behind are stopped even when it fails.
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.allSettled(cleanups.splice(0).map((cleanup) => cleanup()));
});

function scheduler(connection: Connection, at: Date, jobs: readonly Job[]): Scheduler {
  const created = createScheduler({ connection, log, clock: new ManualClock(at), jobs, ...timing });
  cleanups.push(() => created.stop());
  return created;
}

describe('jobs across restarts (issue 10, item 5)', () => {
  it('sends a reminder that fell due while the bot was down once after it comes back, and not again after another restart', async () => {
    const dueAt = new Date('2031-03-03T03:00:00Z');
    const dewi = await staffUser(
      db.connection,
      'Dewi',
      'admin',
      '081299990001',
      new Date('2031-03-01T00:00:00Z'),
    );
    const created = await createTask(
      db.connection,
      { text: 'telpon supplier', dueAt, assigneeId: dewi._id },
      { actor: { kind: 'system', name: 'test' }, at: new Date('2031-03-01T00:00:00Z') },
    );
    expect(created.ok).toBe(true);

    // Up before the task falls due: its start-up run has nothing to send. Then the bot goes down.
    const before = scheduler(db.connection, new Date('2031-03-03T02:00:00Z'), ALL_JOBS);
    await before.start();
    await until(() => finished(TASK_REMINDERS));
    await before.stop();
    expect(await queued(db.connection, 'task-reminder:')).toEqual([]);
    await down(3 * 3_600_000);

    // Back up two hours after the task fell due: the start-up run sends the reminder.
    const back = scheduler(db.connection, new Date('2031-03-03T05:00:00Z'), ALL_JOBS);
    await back.start();
    await until(() => finished(TASK_REMINDERS));
    await until(async () => (await queued(db.connection, 'task-reminder:')).length > 0);
    await back.stop();
    await down(10 * 60_000);

    // Another restart, after ten minutes down, runs the job again and sends nothing more.
    const again = scheduler(db.connection, new Date('2031-03-03T05:10:00Z'), ALL_JOBS);
    await again.start();
    await until(() => finished(TASK_REMINDERS));
    await again.stop();

    const sent = await queued(db.connection, 'task-reminder:');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      chatId: '6281299990001@c.us',
      key: expect.stringMatching(/^task-reminder:/),
    });
  });

  interface ProbeEffect {
    _id: string;
    effects: number;
    keys: string[];
  }

  // A job in the style of the daily jobs: it notes every attempt, then applies its effect once per run
  // key (its shop day here, from the injected clock) through a conditional update.
  function probeJob(
    name: string,
    by: string,
    hang?: { where: 'before-effect' | 'after-effect'; until: Promise<void> },
  ): Job {
    return {
      name,
      every: '1 hour',
      async run({ connection, now }) {
        await connection.collection('probe_attempts').insertOne({ job: name, by });
        if (hang?.where === 'before-effect') return hang.until;
        const key = now.toISOString().slice(0, 10);
        await connection
          .collection<ProbeEffect>('probe_effects')
          .updateOne({ _id: name, keys: { $ne: key } }, { $inc: { effects: 1 }, $push: { keys: key } });
        if (hang) await hang.until;
      },
    };
  }

  it.each(['before-effect', 'after-effect'] as const)(
    'retries a run killed %s at its next run after the restart, with one effect in the end',
    async (where) => {
      const name = `probe-${where}`;
      const at = new Date('2031-03-04T03:00:00Z');
      await db.connection
        .collection<ProbeEffect>('probe_effects')
        .insertOne({ _id: name, effects: 0, keys: [] });
      const attempts = () =>
        db.connection.collection<{ by: string }>('probe_attempts').find({ job: name }).toArray();

      // Scheduler A, on its own connection as a separate bot process would be, starts the run and hangs.
      const connectionA = await openConnection(db.uri, db.connection.name);
      cleanups.push(() => connectionA.close(true));
      let release = () => {};
      const hung = new Promise<void>((resolve) => {
        release = resolve;
      });
      const a = scheduler(connectionA, at, [probeJob(name, 'A', { where, until: hung })]);
      // Cleanup also lets A's hung run end, so stopping A does not wait for it forever.
      cleanups.push(async () => release());
      await a.start();
      await until(async () => (await attempts()).length === 1);
      expect((await agendaJob(name))?.lockedAt).toBeInstanceOf(Date);

      // The kill: A's connection drops without agenda unlocking anything, so A sends no more heartbeats.
      await connectionA.close(true);
      expect((await agendaJob(name))?.lockedAt).toBeInstanceOf(Date);

      // Scheduler B, the restarted bot, on the same database. Its start re-registers the repeating job,
      // which in agenda 6 clears the dead run's lock; A's run already moved nextRunAt an interval on, so
      // the retry is that next run (not the lock's expiry): here once the bot has been down an hour.
      const b = scheduler(db.connection, at, [probeJob(name, 'B')]);
      await b.start();
      expect((await agendaJob(name))?.lockedAt ?? null).toBeNull();
      await down(3_600_000);
      await until(() => finished(name));
      await b.stop();

      expect((await attempts()).map((attempt) => attempt.by)).toEqual(['A', 'B']);
      const effect = await db.connection.collection<ProbeEffect>('probe_effects').findOne({ _id: name });
      expect(effect?.effects).toBe(1);
      expect((await agendaJob(name))?.lockedAt ?? null).toBeNull();
    },
  );
});
