import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { id } from './id.js';
import { botText, formatRupiah } from './messages.js';

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
    for (const key of Object.keys(id) as (keyof typeof id)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(id[key]));
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
