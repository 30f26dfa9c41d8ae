import { describe, expect, it } from 'vitest';
import { normalizeText, tokenize } from './normalize.js';

describe('normalizeText', () => {
  it.each([
    ['Udah TF ya Kak', 'sudah transfer ya kak'],
    ['gk jadi, brp yg 2?', 'tidak jadi, berapa yang 2?'],
    ['bangettt makasihhh kakkk', 'banget makasih kak'],
    ['haloooo minnn', 'halo min'],
    ["jum'at", 'jumat'],
    ["Assalamu'alaikum", 'assalamualaikum'],
    ['kue2 dan bunga-bunga', 'kue dan bunga'],
    ['liat liat dulu', 'liat dulu'],
    ['harga nya brp', 'harga berapa'],
    ['harganya, buketnya, dpnya', 'harga, buket, dp'],
    ['punya, hanya, tanya', 'punya, hanya, tanya'],
    ['Bouquet / bucket / buket', 'buket / buket / buket'],
    ['hamper', 'hampers'],
    ['thank you, tq, thx', 'makasih, makasih, makasih'],
    ['tik tok', 'tiktok'],
    ['price list', 'pricelist'],
    ['dari IG sama FB', 'dari instagram sama facebook'],
    ['kata temen', 'kata teman'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('leaves digits, amounts and punctuation as typed', () => {
    expect(normalizeText('Rp 150.000,00 / 2jt500 / 15:00 / 1000 / x2')).toBe(
      'rp 150.000,00 / 2jt500 / 15:00 / 1000 / x2',
    );
  });

  it('keeps English words whose final double letter is real', () => {
    expect(normalizeText('free shopee coffee')).toBe('free shopee coffee');
  });
});

describe('tokenize', () => {
  it('splits letters-and-digits runs with their positions', () => {
    expect(tokenize('2 buket, x2!')).toEqual([
      { text: '2', start: 0, end: 1 },
      { text: 'buket', start: 2, end: 7 },
      { text: 'x2', start: 9, end: 11 },
    ]);
  });
});
