/** How long to wait between reconnection attempts. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/** 2 s, doubling, never more than 5 minutes apart. */
export const DEFAULT_BACKOFF: Backoff = { initialMs: 2_000, maxMs: 5 * 60_000 };

/** Share of the delay taken off at random, so retries do not fall into a fixed rhythm. */
const JITTER = 0.2;

/**
 * The delay before retry number `attempt` (0 for the first): `initialMs` doubling per attempt, capped at
 * `maxMs`, then shortened by up to 20 % at random. Never above the cap, never below 80 % of it.
 */
export function nextDelay(attempt: number, backoff: Backoff, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.floor(attempt));
  const capped = Math.min(backoff.maxMs, backoff.initialMs * 2 ** exponent);
  return Math.round(capped * (1 - JITTER * random()));
}

/** A delay as an operator reads it in a log line: "800 ms", "8 s", "4 min 30 s". */
export function formatDelay(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1_000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
