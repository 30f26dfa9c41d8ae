/** Pacing of outgoing WhatsApp messages: look like a person typing, never like a spam burst. */
export interface SendPolicy {
  /** Minimum gap between two messages to the same chat. */
  perChatGapMs: number;
  /** Extra random delay (0..jitterMs) added to each chat gap. */
  jitterMs: number;
  /** At most this many messages in any 60 s window, across all chats. */
  perMinute: number;
  /** Attempts before a message is marked failed. */
  maxAttempts: number;
  /** Delay before retry n (1-based) is retryBaseMs · 4^(n-1), capped at retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** A claim older than this after a restart is treated as never sent. */
  claimLeaseMs: number;
}

export const DEFAULT_SEND_POLICY: SendPolicy = {
  perChatGapMs: 1500,
  jitterMs: 700,
  perMinute: 30,
  maxAttempts: 5,
  retryBaseMs: 5_000,
  retryMaxMs: 30 * 60_000,
  claimLeaseMs: 60_000,
};

/** When to retry after the given failed attempt (1-based). */
export function retryDelayMs(
  attempt: number,
  policy: Pick<SendPolicy, 'retryBaseMs' | 'retryMaxMs'>,
): number {
  return Math.min(policy.retryMaxMs, policy.retryBaseMs * 4 ** Math.max(0, attempt - 1));
}

/**
 * The sender's pacing memory: per-chat next-allowed times and the recent sends of the global window.
 * Pure (time is passed in), so spacing is tested without waiting.
 */
export class SendThrottle {
  readonly #nextAllowed = new Map<string, number>();
  #recent: number[] = [];

  constructor(
    private readonly policy: SendPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  /** Record a send to `chatId` at `now`. */
  record(chatId: string, now: number): void {
    this.#nextAllowed.set(
      chatId,
      now + this.policy.perChatGapMs + Math.floor(this.random() * this.policy.jitterMs),
    );
    this.#recent.push(now);
  }

  /** Chats that must not be sent to at `now`. */
  blockedChats(now: number): string[] {
    const blocked: string[] = [];
    for (const [chatId, at] of this.#nextAllowed) {
      if (at > now) blocked.push(chatId);
      else this.#nextAllowed.delete(chatId);
    }
    return blocked;
  }

  /** How long until the global per-minute cap allows another send (0 = now). */
  globalWaitMs(now: number): number {
    this.#recent = this.#recent.filter((at) => at > now - 60_000);
    if (this.#recent.length < this.policy.perMinute) return 0;
    return this.#recent[0]! + 60_000 - now;
  }

  /** The earliest moment a currently blocked chat becomes free, as a delay from `now`. */
  nextChatFreeMs(now: number): number | undefined {
    let earliest: number | undefined;
    for (const at of this.#nextAllowed.values())
      if (at > now && (earliest === undefined || at < earliest)) earliest = at;
    return earliest === undefined ? undefined : earliest - now;
  }
}
