import { alertLowStock } from '../materials/material.use-case.js';
import type { JobDeps, JobHandler } from './job.js';

export const LOW_STOCK = 'low-stock';

/**
 * Alert staff about every material below its minimum that was not alerted for this dip yet. Stock
 * changes alert at once; this sweep catches minimums raised in the console and alerts a crash swallowed.
 */
export const lowStockJob: JobHandler = {
  name: LOW_STOCK,
  async run({ connection, log, now }: JobDeps) {
    const alerted = await alertLowStock(connection, now);
    if (alerted > 0) log.info({ job: LOW_STOCK, alerted }, 'low-stock alerts queued');
  },
};
