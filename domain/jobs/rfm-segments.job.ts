import { storeRfmSegments } from '../reports/rfm-segments.use-case.js';
import { getSettings } from '../settings/settings.use-case.js';
import { runOncePerDay } from './daily.js';
import type { JobDeps, JobHandler } from './job.js';

export const RFM_SEGMENTS = 'rfm-segments';
/** Shop-local time of the nightly scoring: after the day's orders, before anyone opens the console. */
export const RFM_SEGMENTS_AT = '02:00';

/** Once a night, every customer's RFM segment is stored on their contact for the contact page. */
export const rfmSegmentsJob: JobHandler = {
  name: RFM_SEGMENTS,
  async run(deps: JobDeps) {
    const { timeZone } = await getSettings(deps.connection);
    await runOncePerDay(deps, { job: RFM_SEGMENTS, at: RFM_SEGMENTS_AT, timeZone }, async () => {
      const stored = await storeRfmSegments(deps.connection, { now: deps.now, timeZone });
      deps.log.info({ job: RFM_SEGMENTS, ...stored }, 'RFM segments stored');
    });
  },
};
