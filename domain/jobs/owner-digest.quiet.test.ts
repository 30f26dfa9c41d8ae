import { expect, it } from 'vitest';
import { createLogger } from '../platform/logger.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { wib } from '../reports/testing/shop-fixture.js';
import { jobRunModel } from './job-run.model.js';
import { ownerDigestJob } from './owner-digest.job.js';
import { queued, staffUser } from './testing.js';

const db = useTestDatabase();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'test');

it('sends no digest for a day with nothing to tell (a new or quiet shop)', async () => {
  await staffUser(db.connection, 'Sari', 'owner', '081299990000', wib('2026-10-01T08:00:00'));
  await ownerDigestJob.run({ connection: db.connection, log, now: wib('2026-11-25T07:00:00') });
  expect(await queued(db.connection, 'digest:')).toEqual([]);
  // The day is still settled: a later run that day does not reconsider it.
  expect(await jobRunModel(db.connection).countDocuments()).toBe(1);
});
