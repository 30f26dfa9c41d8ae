import { describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { dailySlot, runOncePerDay, STALE_RUN_MS } from './daily.js';
import { jobRunModel } from './job-run.model.js';

const db = useTestDatabase();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'test');
const zone = 'Asia/Jakarta';
/** A shop-local (WIB, UTC+7) moment. */
const wib = (local: string) => new Date(`${local}+07:00`);

describe('dailySlot', () => {
  it('reads the day and the time in the shop zone, not UTC', () => {
    // 01:30 UTC on the 23rd is already 08:30 WIB; 20:00 UTC on the 23rd is 03:00 WIB on the 24th.
    expect(dailySlot(new Date('2026-11-23T01:30:00Z'), zone, '09:00')).toEqual({
      day: '2026-11-23',
      due: false,
    });
    expect(dailySlot(new Date('2026-11-23T02:00:00Z'), zone, '09:00')).toEqual({
      day: '2026-11-23',
      due: true,
    });
    expect(dailySlot(new Date('2026-11-23T20:00:00Z'), zone, '09:00')).toEqual({
      day: '2026-11-24',
      due: false,
    });
    expect(dailySlot(wib('2026-11-23T09:00:00'), 'Asia/Jayapura', '09:00')).toEqual({
      day: '2026-11-23',
      due: true,
    });
  });
});

describe('runOncePerDay', () => {
  const runner = (job: string, at = '09:00') => {
    const days: string[] = [];
    const run = (now: Date) =>
      runOncePerDay({ connection: db.connection, log, now }, { job, at, timeZone: zone }, async (day) => {
        days.push(day);
      });
    return { days, run };
  };

  it('does nothing before the configured local time, runs once after it, and again the next day', async () => {
    const { days, run } = runner('daily-a');
    expect(await run(wib('2026-11-23T08:59:59'))).toBe('not_due');
    expect(await run(wib('2026-11-23T09:00:00'))).toBe('ran');
    expect(await run(wib('2026-11-23T09:01:00'))).toBe('already_ran');
    expect(await run(wib('2026-11-23T23:59:00'))).toBe('already_ran');
    expect(await run(wib('2026-11-24T08:00:00'))).toBe('not_due');
    expect(await run(wib('2026-11-24T09:00:30'))).toBe('ran');
    expect(days).toEqual(['2026-11-23', '2026-11-24']);
    expect(await jobRunModel(db.connection).find({ job: 'daily-a' }).sort({ day: 1 }).lean()).toMatchObject([
      { _id: 'daily-a:2026-11-23', finishedAt: wib('2026-11-23T09:00:00') },
      { _id: 'daily-a:2026-11-24', finishedAt: wib('2026-11-24T09:00:30') },
    ]);
  });

  it('catches up when the bot was down at the configured time', async () => {
    const { days, run } = runner('daily-b');
    // Nothing ran at 09:00: the first tick after start-up, at 11:00, does the day's run.
    expect(await run(wib('2026-11-23T11:00:00'))).toBe('ran');
    expect(await run(wib('2026-11-23T11:01:00'))).toBe('already_ran');
    expect(days).toEqual(['2026-11-23']);
  });

  it('gives the claim back when the run fails, so the next tick retries', async () => {
    let attempts = 0;
    const run = (now: Date) =>
      runOncePerDay(
        { connection: db.connection, log, now },
        { job: 'daily-c', at: '09:00', timeZone: zone },
        async () => {
          attempts += 1;
          if (attempts === 1) throw new Error('database hiccup');
        },
      );
    await expect(run(wib('2026-11-23T09:00:00'))).rejects.toThrow('database hiccup');
    expect(await run(wib('2026-11-23T09:01:00'))).toBe('ran');
    expect(await run(wib('2026-11-23T09:02:00'))).toBe('already_ran');
    expect(attempts).toBe(2);
  });

  it('takes over a run a crash left unfinished, only once it is stale', async () => {
    await jobRunModel(db.connection).create({
      _id: 'daily-d:2026-11-23',
      job: 'daily-d',
      day: '2026-11-23',
      startedAt: wib('2026-11-23T09:00:00'),
    });
    const { days, run } = runner('daily-d');
    expect(await run(wib('2026-11-23T09:05:00'))).toBe('already_ran');
    expect(await run(new Date(wib('2026-11-23T09:00:00').getTime() + STALE_RUN_MS + 60_000))).toBe('ran');
    expect(days).toEqual(['2026-11-23']);
  });

  it('lets only one of two simultaneous runs do the work', async () => {
    const { days, run } = runner('daily-e');
    const outcomes = await Promise.all([run(wib('2026-11-23T09:00:00')), run(wib('2026-11-23T09:00:00'))]);
    expect(outcomes.sort()).toEqual(['already_ran', 'ran']);
    expect(days).toEqual(['2026-11-23']);
  });
});
