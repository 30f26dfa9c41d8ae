import { describe, expect, it } from 'vitest';
import { readNumberWords, readQuantity } from './numbers.js';

const words = (text: string) => text.split(' ');

describe('readNumberWords', () => {
  it.each([
    ['satu', 1],
    ['dua', 2],
    ['sepuluh', 10],
    ['sebelas', 11],
    ['dua belas', 12],
    ['sembilan belas', 19],
    ['dua puluh', 20],
    ['dua puluh lima', 25],
    ['seratus', 100],
    ['seratus lima puluh', 150],
    ['dua ratus tiga', 203],
    ['seribu', 1000],
    ['dua ribu lima ratus', 2500],
    ['seratus lima puluh ribu', 150_000],
    ['satu juta lima ratus ribu', 1_500_000],
  ])('%s = %i', (text, value) => {
    expect(readNumberWords(words(text), 0)).toEqual({ value, length: words(text).length });
  });

  it('stops at the first word that does not continue the number', () => {
    expect(readNumberWords(words('dua buket'), 0)).toEqual({ value: 2, length: 1 });
    expect(readNumberWords(words('dua tiga'), 0)).toEqual({ value: 2, length: 1 });
    expect(readNumberWords(words('buket'), 0)).toBeNull();
  });
});

describe('readQuantity', () => {
  it.each([
    ['2', 2, 1],
    ['2x', 2, 1],
    ['x2', 2, 1],
    ['x 2', 2, 2],
    ['2 x', 2, 2],
    ['2 pcs', 2, 2],
    ['2pcs', 2, 1],
    ['2 buah', 2, 2],
    ['2 biji', 2, 2],
    ['dua tangkai', 2, 2],
    ['tiga', 3, 1],
    ['sepuluh', 10, 1],
    ['sebelas', 11, 1],
    ['dua puluh', 20, 2],
    ['seratus', 100, 1],
    ['sepasang', 2, 1],
    ['selusin', 12, 1],
    ['setengah lusin', 6, 2],
    ['2 lusin', 24, 2],
    ['sekodi', 20, 1],
    ['sebuah', 1, 1],
    ['sebiji', 1, 1],
    ['setangkai', 1, 1],
    ['2 pasang', 4, 2],
  ])('%s → %i', (text, value, length) => {
    expect(readQuantity(words(text), 0)).toMatchObject({ value, length });
  });

  it('marks counts that cannot be anything else', () => {
    expect(readQuantity(words('2 pcs'), 0)?.marked).toBe(true);
    expect(readQuantity(words('x2'), 0)?.marked).toBe(true);
    expect(readQuantity(words('2'), 0)?.marked).toBe(false);
  });

  it.each(['0', '2026', 'dua ribu', 'buket', 'se'])('%s is not a quantity', (text) => {
    expect(readQuantity(words(text), 0)).toBeNull();
  });
});
