import { describe, expect, it } from 'vitest';
import { botText, CATALOGS, formatRupiah, PARTS } from './messages.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('botText', () => {
  it('fills placeholders in the chosen locale', () => {
    expect(botText('id', 'media.too_large', { max: '10 MB' })).toContain('maksimal 10 MB');
    expect(botText('en', 'media.too_large', { max: '10 MB' })).toContain('at most 10 MB');
  });

  it('leaves an unknown placeholder visible rather than inventing a value', () => {
    expect(botText('en', 'media.too_large')).toContain('{max}');
  });

  it('has the same placeholders in both languages for every text', () => {
    for (const key of Object.keys(CATALOGS.id) as (keyof typeof CATALOGS.id)[]) {
      expect(placeholders(CATALOGS.en[key]), key).toEqual(placeholders(CATALOGS.id[key]));
    }
  });

  it('never lets one catalog silently override another key', () => {
    for (const parts of [PARTS.id, PARTS.en]) {
      const keys = parts.flatMap((part) => Object.keys(part));
      expect(keys.length).toBe(new Set(keys).size);
    }
  });
});

describe('formatRupiah', () => {
  it('writes integer rupiah with dots', () => {
    expect([0, 5000, 150000, 1500000].map(formatRupiah)).toEqual([
      'Rp0',
      'Rp5.000',
      'Rp150.000',
      'Rp1.500.000',
    ]);
  });
});
