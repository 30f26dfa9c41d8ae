import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['2h', 7_200_000],
    ['30m', 1_800_000],
    ['1h30m', 5_400_000],
    ['3d', 259_200_000],
    ['45s', 45_000],
    [' 1d 2h ', 93_600_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '2', 'h', '2 hours', '-1h', '1.5h'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
