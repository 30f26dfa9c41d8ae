/**
 * When the WhatsApp session counts as lost, as plain rules (issue 13 item 4, SPEC §8b). A session is lost
 * when it disconnected, failed to log in, was logged out from the phone, or asks for a QR scan after the
 * shop had been linked. Short drops are normal: the transport reconnects with backoff (2 s, 4 s, 8 s …),
 * which gets through a flaky network within a few minutes. So an outage is opened at once but only
 * counts as "down" for the banner and the e-mail once it has outlasted that reconnect budget — except
 * when only a person can end it (a QR to scan), which the banner shows at once.
 */

/** States in which the session is lost. `qr` is lost only when the shop had been linked before. */
export const LOST_STATES = ['disconnected', 'auth_failure', 'logged_out'] as const;

/** States only a person ends, by scanning a new QR code with the shop's phone. */
export const NEEDS_SCAN_STATES = ['auth_failure', 'logged_out', 'qr'] as const;

/** The reconnect budget: how long an outage may last before the banner shows and the owner is e-mailed. */
export const OUTAGE_ALERT_AFTER_MS = 5 * 60_000;

/** Whether a newly recorded state opens (or keeps open) an outage. */
export function isLostState(state: string, linkedBefore: boolean): boolean {
  return (LOST_STATES as readonly string[]).includes(state) || (state === 'qr' && linkedBefore);
}

/** Whether only a person can end the outage now, by scanning a new QR code. */
export function needsScan(state: string): boolean {
  return (NEEDS_SCAN_STATES as readonly string[]).includes(state);
}

/** Whether an open outage is shown as "WhatsApp down" at `now`. */
export function isDown(outage: { openedAt: Date; state: string }, now: Date): boolean {
  return needsScan(outage.state) || isAlertDue(outage, now);
}

/** Whether the owner is e-mailed about an open outage now: it outlasted the reconnect budget. */
export function isAlertDue(outage: { openedAt: Date }, now: Date): boolean {
  return now.getTime() - outage.openedAt.getTime() >= OUTAGE_ALERT_AFTER_MS;
}
