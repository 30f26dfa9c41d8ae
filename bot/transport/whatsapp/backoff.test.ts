import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, formatDelay, nextDelay } from './backoff.js';

const noJitter = () => 0;
const fullJitter = () => 0.999_999;

describe('nextDelay', () => {
  it('starts at initialMs and doubles with each attempt', () => {
    const delays = [0, 1, 2, 3, 4].map((attempt) => nextDelay(attempt, DEFAULT_BACKOFF, noJitter));
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);
  });

  it('never exceeds maxMs, however many attempts failed', () => {
    expect(nextDelay(7, DEFAULT_BACKOFF, noJitter)).toBe(256_000);
    expect(nextDelay(8, DEFAULT_BACKOFF, noJitter)).toBe(300_000);
    expect(nextDelay(50, DEFAULT_BACKOFF, noJitter)).toBe(300_000);
    expect(nextDelay(5_000, DEFAULT_BACKOFF, noJitter)).toBe(300_000);
  });

  it('takes at most 20 % off at random and never adds', () => {
    for (const attempt of [0, 3, 20]) {
      const ceiling = nextDelay(attempt, DEFAULT_BACKOFF, noJitter);
      const floor = nextDelay(attempt, DEFAULT_BACKOFF, fullJitter);
      expect(floor).toBeGreaterThanOrEqual(Math.floor(ceiling * 0.8));
      expect(floor).toBeLessThan(ceiling);
      expect(nextDelay(attempt, DEFAULT_BACKOFF, () => 0.5)).toBe(Math.round(ceiling * 0.9));
    }
  });

  it('treats a negative or fractional attempt as the first one', () => {
    expect(nextDelay(-3, { initialMs: 500, maxMs: 10_000 }, noJitter)).toBe(500);
    expect(nextDelay(1.7, { initialMs: 500, maxMs: 10_000 }, noJitter)).toBe(1_000);
  });
});

describe('formatDelay', () => {
  it('reads like an operator would say it', () => {
    expect(formatDelay(800)).toBe('800 ms');
    expect(formatDelay(1_600)).toBe('2 s');
    expect(formatDelay(8_000)).toBe('8 s');
    expect(formatDelay(59_400)).toBe('59 s');
    expect(formatDelay(240_000)).toBe('4 min');
    expect(formatDelay(270_400)).toBe('4 min 30 s');
  });
});
