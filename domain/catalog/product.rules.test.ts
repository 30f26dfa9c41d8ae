import { describe, expect, it } from 'vitest';
import { SHORT_DESCRIPTION_MAX, shortDescription } from './product.rules.js';

describe('shortDescription', () => {
  it('is the first non-blank line, spaces collapsed', () => {
    expect(shortDescription('\n  10 tangkai   mawar merah segar \nwrapping kraft, pita satin')).toBe(
      '10 tangkai mawar merah segar',
    );
  });

  it('is nothing without a description', () => {
    expect(shortDescription(undefined)).toBeUndefined();
    expect(shortDescription('  \n \n')).toBeUndefined();
  });

  it('cuts a long line at a word, within the limit, with an ellipsis', () => {
    const long =
      'Buket isi 25 tangkai mawar merah import, dibungkus kertas korea premium, pita satin, kartu ucapan gratis';
    const short = shortDescription(long);
    expect(short).toBe('Buket isi 25 tangkai mawar merah import, dibungkus kertas korea premium, pita…');
    expect(short!.length).toBeLessThanOrEqual(SHORT_DESCRIPTION_MAX);
    expect(shortDescription('x'.repeat(200))).toBe(`${'x'.repeat(79)}…`);
  });
});
