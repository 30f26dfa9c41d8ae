import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../platform/model.js';
import type { JobDeps } from './job.js';
import { jobRunModel } from './job-run.model.js';

/** A claim older than this without a finish is a run a crash cut short: the next tick may take it over. */
export const STALE_RUN_MS = 30 * 60_000;

/** The shop-local day of `now` (YYYY-MM-DD) and whether its local time has reached `at` (HH:MM). */
export function dailySlot(now: Date, timeZone: string, at: string): { day: string; due: boolean } {
  const local = new TZDate(now.getTime(), timeZone);
  // Zero-padded HH:MM strings compare in time order.
  return { day: format(local, 'yyyy-MM-dd'), due: format(local, 'HH:mm') >= at };
}

/** Take the day's run of `job`: true for exactly one caller, unless the holder crashed long ago. */
async function claimDay(connection: Connection, job: string, day: string, now: Date): Promise<boolean> {
  const _id = `${job}:${day}`;
  try {
    await jobRunModel(connection).create({ _id, job, day, startedAt: now });
    return true;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  const takeover = await jobRunModel(connection).updateOne(
    { _id, finishedAt: { $exists: false }, startedAt: { $lt: new Date(now.getTime() - STALE_RUN_MS) } },
    { $set: { startedAt: now } },
  );
  return takeover.modifiedCount === 1;
}

export type DailyOutcome = 'not_due' | 'already_ran' | 'ran';

/**
 * Run `work` once per shop-local day, on the first tick at or after the local time `at`: a bot that was
 * down at 09:00 catches up when it starts at 11:00, and a restart or a second tick the same day does
 * nothing. A failed run gives its claim back so the next tick retries (the work itself is idempotent).
 */
export async function runOncePerDay(
  deps: JobDeps,
  schedule: { job: string; at: string; timeZone: string },
  work: (day: string) => Promise<void>,
): Promise<DailyOutcome> {
  const { connection, now } = deps;
  const slot = dailySlot(now, schedule.timeZone, schedule.at);
  if (!slot.due) return 'not_due';
  if (!(await claimDay(connection, schedule.job, slot.day, now))) return 'already_ran';
  const _id = `${schedule.job}:${slot.day}`;
  try {
    await work(slot.day);
  } catch (error) {
    await jobRunModel(connection).deleteOne({ _id, finishedAt: { $exists: false } });
    throw error;
  }
  await jobRunModel(connection).updateOne({ _id }, { $set: { finishedAt: now } });
  return 'ran';
}
