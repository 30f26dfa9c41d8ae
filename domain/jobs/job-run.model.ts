import { Schema } from 'mongoose';
import { defineModel } from '../platform/model.js';

/**
 * One daily job's run for one shop-local day. The `_id` `<job>:<YYYY-MM-DD>` is the claim: a second
 * run the same day (a restart, a second worker, the next minute's tick) cannot insert it again.
 */
export interface JobRun {
  _id: string;
  job: string;
  /** YYYY-MM-DD in the shop's time zone. */
  day: string;
  startedAt: Date;
  /** Unset while running; a run that failed removes its claim so the next tick tries again. */
  finishedAt?: Date;
}

export const jobRunSchema = new Schema<JobRun>(
  {
    _id: { type: String, required: true },
    job: { type: String, required: true },
    day: { type: String, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: Date,
  },
  { versionKey: false },
);
jobRunSchema.index({ job: 1, day: -1 });

export const jobRunModel = defineModel('JobRun', jobRunSchema);
