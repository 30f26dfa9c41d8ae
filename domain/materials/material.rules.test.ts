import { describe, expect, it } from 'vitest';
import { escapeRegex, exactly, roundQty } from './material.rules.js';

describe('roundQty', () => {
  it('keeps three decimals and hides floating-point noise', () => {
    expect(roundQty(10 - 0.1 - 0.2)).toBe(9.7);
    expect(roundQty(1.23456)).toBe(1.235);
    expect(roundQty(-2.5)).toBe(-2.5);
  });
});

describe('exactly', () => {
  it('matches the whole text in any case, regex characters taken literally', () => {
    expect(exactly(' Buket-Mawar ').test('buket-mawar')).toBe(true);
    expect(exactly('buket').test('buket-mawar')).toBe(false);
    expect(exactly('a.b').test('axb')).toBe(false);
    expect(escapeRegex('(1+1)*')).toBe('\\(1\\+1\\)\\*');
  });
});
