import { describe, expect, it } from 'vitest';
import { DEFAULT_SEND_POLICY, retryDelayMs, SendThrottle } from './outbox.rules.js';

const policy = { ...DEFAULT_SEND_POLICY, perChatGapMs: 1500, jitterMs: 1000, perMinute: 3 };

describe('SendThrottle', () => {
  it('keeps a chat blocked for the gap plus jitter after a send', () => {
    const throttle = new SendThrottle(policy, () => 0.5);
    throttle.record('a@c.us', 10_000);
    expect(throttle.blockedChats(10_000)).toEqual(['a@c.us']);
    expect(throttle.blockedChats(11_999)).toEqual(['a@c.us']);
    expect(throttle.blockedChats(12_000)).toEqual([]);
  });

  it('never spaces two sends to one chat less than the minimum gap, whatever the jitter', () => {
    const throttle = new SendThrottle(policy, () => 0);
    throttle.record('a@c.us', 0);
    expect(throttle.blockedChats(1499)).toEqual(['a@c.us']);
    expect(throttle.nextChatFreeMs(0)).toBe(1500);
  });

  it('does not block other chats', () => {
    const throttle = new SendThrottle(policy, () => 0);
    throttle.record('a@c.us', 0);
    expect(throttle.blockedChats(10)).not.toContain('b@c.us');
  });

  it('caps sends per rolling minute across chats', () => {
    const throttle = new SendThrottle(policy, () => 0);
    throttle.record('a@c.us', 0);
    throttle.record('b@c.us', 10_000);
    expect(throttle.globalWaitMs(20_000)).toBe(0);
    throttle.record('c@c.us', 20_000);
    expect(throttle.globalWaitMs(20_000)).toBe(40_000);
    expect(throttle.globalWaitMs(60_001)).toBe(0);
  });
});

describe('retryDelayMs', () => {
  it('grows fourfold per attempt up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) =>
      retryDelayMs(attempt, { retryBaseMs: 5000, retryMaxMs: 600_000 }),
    );
    expect(delays).toEqual([5000, 20_000, 80_000, 320_000, 600_000, 600_000]);
  });
});
