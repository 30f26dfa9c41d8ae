import { describe, expect, it } from 'vitest';
import { findAmounts, parseDecimal, pickAmount, statesPrice } from './amounts.js';
import { normalizeText } from './normalize.js';

const amountIn = (text: string) => {
  const normalised = normalizeText(text);
  return pickAmount(normalised, findAmounts(normalised));
};

describe('amounts', () => {
  it.each([
    ['150rb', 150_000],
    ['150 rb', 150_000],
    ['150 ribu', 150_000],
    ['150k', 150_000],
    ['150 K', 150_000],
    ['1,5jt', 1_500_000],
    ['1.5 juta', 1_500_000],
    ['2 juta', 2_000_000],
    ['2jt500', 2_500_000],
    ['1jt 500rb', 1_500_000],
    ['1 juta 250 ribu', 1_250_000],
    ['Rp150.000', 150_000],
    ['Rp 150.000,00', 150_000],
    ['rp. 75.000', 75_000],
    ['IDR 50000', 50_000],
    ['150.000', 150_000],
    ['1.500.000', 1_500_000],
    ['150,000', 150_000],
    ['300rban', 300_000],
    ['budget 500000', 500_000],
    ['budgetnya sekitar 500', 500_000],
    ['harga 150an', 150_000],
    ['sudah transfer 275000 ya', 275_000],
    ['seratus lima puluh ribu', 150_000],
    ['dua juta', 2_000_000],
    ['lima ratus ribu', 500_000],
    ['setengah juta', 500_000],
    ['dua setengah juta', 2_500_000],
    ['goceng', 5000],
    ['budget 100-150rb', 150_000],
    ['100rb - 150rb', 150_000],
    ['2 buket @150rb total 300rb', 300_000],
    ['hampers 3 @ Rp 350.000 = Rp 1.050.000', 1_050_000],
    ['150 rb an', 150_000],
    ['Rp 2.500.000', 2_500_000],
    ['2,5 jt', 2_500_000],
    ['budget 1-1,5jt', 1_500_000],
  ])('%s → %i', (text, value) => {
    expect(amountIn(text)).toBe(value);
  });

  it.each([
    'pesan 2 buket',
    'tgl 20',
    'jam 15.00',
    'dp 50%',
    '20/12/2026',
    'transfer 2 kali',
    'budget 500 pcs',
    'telp 0812-3456-7890',
    'tahun 2026',
  ])('%s has no amount', (text) => {
    expect(amountIn(text)).toBeNull();
  });

  it('finds every amount with its position, in reading order', () => {
    expect(findAmounts('dp 50rb, sisanya 100rb')).toEqual([
      { start: 3, end: 7, value: 50_000 },
      { start: 17, end: 22, value: 100_000 },
    ]);
  });

  it.each([
    ['150.000', 150_000],
    ['1,5', 1.5],
    ['1.5', 1.5],
    ['150.000,00', 150_000],
    ['150,000.00', 150_000],
    ['1.500.000', 1_500_000],
  ])('parseDecimal(%s) = %d', (raw, value) => {
    expect(parseDecimal(raw)).toBe(value);
  });

  it('issue 10 (fuzzing): a figure past 2^53 rupiah is no amount, so the answer stays a whole number', () => {
    expect(amountIn('hampers 3 @ Rp 350.000 = Rp 9007199261.050.000')).toBe(350_000);
    expect(amountIn('budget 99999999999999999999 juta')).toBeNull();
  });

  it('tells a stated price ("harga 100rb-an") from an amount elsewhere', () => {
    const stated = normalizeText('mau 5 buket snack harga 100rb-an');
    expect(statesPrice(stated, findAmounts(stated))).toBe(true);
    const paid = normalizeText('sudah transfer 100rb');
    expect(statesPrice(paid, findAmounts(paid))).toBe(false);
  });
});
