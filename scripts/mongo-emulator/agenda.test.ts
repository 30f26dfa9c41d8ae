import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda } from 'agenda';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from './server.js';

// agenda 6 + @agendajs/mongo-backend 4 against the emulator. This is the one place tests wait on
// real time: agenda polls (every 100 ms here) and its schedules are in whole seconds.

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.close();
});

/** Open sockets and timers of this process, to see that agenda leaves none behind. */
function handles(): { sockets: number; timers: number } {
  const kinds = process.getActiveResourcesInfo();
  return {
    sockets: kinds.filter((kind) => kind === 'TCPSocketWrap').length,
    timers: kinds.filter((kind) => kind === 'Timeout').length,
  };
}

/** Resolves once `condition` holds, checking every 20 ms; rejects after `ms`. */
async function until(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// agenda 6.2.6 re-checks a running job's lock every lockLifetime / 2 (5 minutes by default) with a
// timer that stop() does not clear, so a stopped agenda keeps the process alive that long. A short
// lockLifetime bounds it; the product must do the same or exit explicitly after stop().
const JOB_OPTIONS = { lockLifetime: 400 };

describe('agenda 6 on the emulator', () => {
  it('runs a one-off job once and a repeating job repeatedly, then stops cleanly', {
    timeout: 15_000,
  }, async () => {
    const before = handles();
    const agenda = new Agenda({
      backend: new MongoBackend({ address: `${emulator.uri}/agenda-test` }),
      processEvery: 100,
    });
    const onceRuns: unknown[] = [];
    let ticks = 0;
    let ticked: () => void = () => {};
    const threeTicks = new Promise<void>((resolve) => {
      ticked = () => {
        ticks += 1;
        if (ticks === 3) resolve();
      };
    });
    agenda.define(
      'send-reminder',
      async (job) => {
        onceRuns.push(job.attrs.data);
      },
      JOB_OPTIONS,
    );
    agenda.define('sweep-outbox', async () => ticked(), JOB_OPTIONS);

    await agenda.start();
    await agenda.schedule('in 1 second', 'send-reminder', { orderId: 'ORD-202611-0001' });
    await agenda.every('1 second', 'sweep-outbox');
    // Three ticks span about two seconds: long enough for a second run of the one-off job to show up.
    await threeTicks;
    await agenda.stop();

    expect(onceRuns).toEqual([{ orderId: 'ORD-202611-0001' }]);
    expect(ticks).toBeGreaterThanOrEqual(3);

    const client = await MongoClient.connect(`${emulator.uri}/agenda-test`);
    const jobs = await client
      .db()
      .collection('agendaJobs')
      .find({}, { sort: { name: 1 } })
      .toArray();
    await client.close();
    expect(jobs.map((job) => [job.name, job.type])).toEqual([
      ['send-reminder', 'normal'],
      ['sweep-outbox', 'single'],
    ]);
    expect(jobs[0]?.lastFinishedAt).toBeInstanceOf(Date);
    expect(jobs[0]?.nextRunAt).toBeNull();
    expect(jobs.every((job) => job.lockedAt === null)).toBe(true);
    // Client sockets close asynchronously, and agenda's lock timers end within lockLifetime / 2.
    await until(() => handles().sockets <= before.sockets && handles().timers <= before.timers, 2000);
  });
});
