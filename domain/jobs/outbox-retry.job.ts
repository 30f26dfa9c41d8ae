import { releaseClaims } from '../outbox/outbox.use-case.js';
import type { JobDeps, JobHandler } from './job.js';

export const OUTBOX_RETRY = 'outbox-retry';

/**
 * A claim still "sending" after this long belongs to a sender that hung or died. Far above any real send
 * (seconds), so a slow send in progress is never released under the sender's feet and sent twice.
 */
export const STUCK_CLAIM_MS = 10 * 60_000;

/**
 * Put messages stuck in "sending" back in the queue. Failed sends already come back by themselves (the
 * sender marks them pending with a backoff, and gives up after the policy's attempts), and the sender
 * releases every claim when it starts; what is left is a claim whose sender hangs or died without a restart.
 */
export const outboxRetryJob: JobHandler = {
  name: OUTBOX_RETRY,
  async run({ connection, log, now }: JobDeps) {
    const released = await releaseClaims(connection, new Date(now.getTime() - STUCK_CLAIM_MS));
    if (released > 0) log.warn({ job: OUTBOX_RETRY, released }, 'outbox: released messages stuck in sending');
  },
};
