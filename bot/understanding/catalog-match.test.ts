import { describe, expect, it } from 'vitest';
import { createCatalogMatcher } from './catalog-match.js';
import { normalizeText, tokenize } from './normalize.js';
import { sampleCatalog } from './testing/sample-catalog.js';
import type { CatalogEntry } from './types.js';

const matcher = createCatalogMatcher(sampleCatalog);
const productsIn = (text: string, m = matcher, catalog: CatalogEntry[] = sampleCatalog) =>
  m.find(tokenize(normalizeText(text))).map((mention) => catalog[mention.entry]!.id);

describe('catalog matching', () => {
  it.each([
    ['buket mawar merah', ['buket-mawar-merah']],
    ['bucket mawr merah', ['buket-mawar-merah']],
    ['bouquet mawar merah', ['buket-mawar-merah']],
    ['buket mawar merha', ['buket-mawar-merah']],
    ['mawar merah', ['buket-mawar-merah']],
    ['buket mawar merahnya', ['buket-mawar-merah']],
    ['hamper', ['hampers-lebaran']],
    ['hampres lebaran', ['hampers-lebaran']],
    ['tulip', ['buket-tulip']],
    ['buket tullip', ['buket-tulip']],
    ['red roses', ['buket-mawar-merah']],
    ['karangan bunga', ['papan-bunga']],
    ['standing flowr', ['standing-flower']],
    ['kartu ucapannya', ['kartu-ucapan']],
  ])('%s → %j', (text, products) => {
    expect(productsIn(text)).toEqual(products);
  });

  it('finds two products in one sentence, on n-gram windows', () => {
    expect(productsIn('pesan 2 buket mawar merah sama 1 hampers')).toEqual([
      'buket-mawar-merah',
      'hampers-lebaran',
    ]);
    expect(productsIn('buket tulip buket snack kartu ucapan')).toEqual([
      'buket-tulip',
      'buket-snack',
      'kartu-ucapan',
    ]);
  });

  it.each([
    'mau pesan dong kak',
    'harganya murah ya',
    'saya marah',
    'ulang tahun mama',
    'atas nama PT Maju Jaya',
    'satuan berapa',
    'mau tulis nama',
    'warna merah',
    'buat lebaran',
    'papan nama',
  ])('%s names no product', (text) => {
    expect(productsIn(text)).toEqual([]);
  });

  it('refuses to choose between products that share only the generic head word', () => {
    expect(productsIn('mau pesan buket')).toEqual([]);
    expect(productsIn('buket mawar')).toEqual([]);
  });

  it('works for any catalog: a tutoring centre', () => {
    const tutoring: CatalogEntry[] = [
      { id: 'privat-mtk-sd', name: 'Les Privat Matematika SD', aliases: ['privat mtk sd'], price: 300_000 },
      {
        id: 'kelas-utbk',
        name: 'Kelas Intensif UTBK',
        aliases: ['utbk', 'persiapan utbk'],
        price: 1_500_000,
      },
      { id: 'bimbel-smp', name: 'Bimbel Reguler SMP', aliases: ['bimbel smp'], price: 450_000 },
    ];
    const m = createCatalogMatcher(tutoring);
    expect(productsIn('mau daftar kelas utbk', m, tutoring)).toEqual(['kelas-utbk']);
    expect(productsIn('les privat matematika sd', m, tutoring)).toEqual(['privat-mtk-sd']);
    expect(productsIn('bimbel smp', m, tutoring)).toEqual(['bimbel-smp']);
    expect(productsIn('anak saya kelas 5', m, tutoring)).toEqual([]);
  });

  it('a word only one product uses names it, spelt exactly; a near miss of it does not', () => {
    const bare: CatalogEntry[] = [
      { id: 'tulip', name: 'Buket Tulip', aliases: [], price: 1 },
      { id: 'mawar', name: 'Buket Mawar', aliases: [], price: 1 },
    ];
    const m = createCatalogMatcher(bare);
    expect(productsIn('mau tulip 2', m, bare)).toEqual(['tulip']);
    expect(productsIn('mau tulis nama', m, bare)).toEqual([]);
    expect(productsIn('buket tullip', m, bare)).toEqual(['tulip']);
  });

  it('an empty catalog matches nothing', () => {
    const m = createCatalogMatcher([]);
    expect(m.find(tokenize('buket mawar merah'))).toEqual([]);
  });
});
