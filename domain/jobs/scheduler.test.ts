import { describe, expect, it } from 'vitest';
import { conversationModel } from '../conversations/conversation.model.js';
import { saveConversation } from '../conversations/conversation.use-case.js';
import { ManualClock } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { createScheduler } from './scheduler.js';
import { ALL_JOBS } from './schedules.js';

// The real agenda wiring. This is the one jobs test that waits on real time: agenda polls (every
// 100 ms here); every other test calls the jobs or runDue with a fixed clock.

const db = useTestDatabase();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'test');

/** Resolves once `condition` holds, checking every 20 ms; rejects after `ms`. */
async function until(condition: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('createScheduler with agenda', () => {
  it('registers every job with its interval, runs a job on demand with the injected clock, and stops cleanly', {
    timeout: 20_000,
  }, async () => {
    const timersBefore = timers();
    const clock = new ManualClock(new Date('2031-01-06T03:00:00Z'));
    const scheduler = createScheduler({
      connection: db.connection,
      log,
      clock,
      processEveryMs: 100,
      lockLifetimeMs: 400,
    });
    await scheduler.start();
    const agendaJobs = db.connection.collection('agendaJobs');
    // Each repeating job runs once right after start (the start-up catch-up).
    await until(
      async () =>
        (await agendaJobs.countDocuments({ lastFinishedAt: { $type: 'date' } })) === ALL_JOBS.length,
    );
    const stored = await agendaJobs.find({}, { sort: { name: 1 } }).toArray();
    expect(stored.map((job) => [job.name, job.type, job.repeatInterval])).toEqual(
      [...ALL_JOBS]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((job) => [job.name, 'single', job.every]),
    );
    expect(stored.every((job) => job.failedAt === undefined || job.failedAt === null)).toBe(true);

    // A draft that expires 30 minutes after the scheduler's "now" (years ahead of the system clock):
    // gone only if agenda runs the job with the injected clock, moved past the expiry.
    await saveConversation(
      db.connection,
      '6281234567890@c.us',
      { kind: 'idle', data: {} },
      {
        now: clock.now(),
        ttlMs: 30 * 60_000,
      },
    );
    clock.advance(60 * 60_000);
    await scheduler.agenda!.now('conversation-expiry');
    await until(async () => (await conversationModel(db.connection).countDocuments()) === 0);

    await scheduler.stop();
    expect(scheduler.agenda).toBeUndefined();
    const locked = await agendaJobs.countDocuments({ lockedAt: { $type: 'date' } });
    expect(locked).toBe(0);
    // agenda's leftover lock timers end within lockLifetime / 2: nothing keeps the process alive.
    await until(() => timers() <= timersBefore, 2000);
  });
});
