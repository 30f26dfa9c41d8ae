import { describe, expect, it } from 'vitest';
import { createCatalogMatcher } from './catalog-match.js';
import { findItems } from './items.js';
import { normalizeText } from './normalize.js';
import { sampleCatalog } from './testing/sample-catalog.js';

const matcher = createCatalogMatcher(sampleCatalog);
const itemsIn = (text: string) =>
  findItems(normalizeText(text), matcher, sampleCatalog).items.map(({ product, qty }) => `${qty} ${product}`);

describe('items with quantities', () => {
  it.each([
    ['2 buket mawar merah', ['2 buket-mawar-merah']],
    ['mawar merah 2', ['2 buket-mawar-merah']],
    ['mawar merah x2', ['2 buket-mawar-merah']],
    ['2x hampers', ['2 hampers-lebaran']],
    ['hampers 3 pcs', ['3 hampers-lebaran']],
    ['dua tangkai mawar merah', ['2 buket-mawar-merah']],
    ['sebuket mawar merah', ['1 buket-mawar-merah']],
    ['sebuah kartu ucapan', ['1 kartu-ucapan']],
    ['selusin hampers', ['12 hampers-lebaran']],
    ['setengah lusin boneka wisuda', ['6 boneka-wisuda']],
    ['sepasang boneka wisuda', ['2 boneka-wisuda']],
    ['dua puluh boneka', ['20 boneka-wisuda']],
    ['seratus kartu ucapan', ['100 kartu-ucapan']],
    ['tulip', ['1 buket-tulip']],
    ['pesan 2 buket mawar merah sama 1 hampers', ['2 buket-mawar-merah', '1 hampers-lebaran']],
    ['mawar merah 2, hampers 1', ['2 buket-mawar-merah', '1 hampers-lebaran']],
    ['2 tulip dan hampers 3', ['2 buket-tulip', '3 hampers-lebaran']],
    ['mawar merahnya 3 ya', ['3 buket-mawar-merah']],
    ['buket tulip ya kak, 2 pcs', ['2 buket-tulip']],
    ['buket tulip 1, buket snack 1, kartu ucapan 2', ['1 buket-tulip', '1 buket-snack', '2 kartu-ucapan']],
  ])('%s → %j', (text, items) => {
    expect(itemsIn(text)).toEqual(items);
  });

  it('counts the same product named twice once, with both quantities', () => {
    expect(itemsIn('2 tulip, eh tambah tulip 1 lagi')).toEqual(['3 buket-tulip']);
  });

  it('does not read a number that belongs to something else as a count', () => {
    expect(itemsIn('buket tulip buat 2 orang')).toEqual(['1 buket-tulip']);
  });

  it('knows which counts the customer wrote', () => {
    const read = findItems(normalizeText('2 tulip sama hampers'), matcher, sampleCatalog);
    expect(read.items).toEqual([
      { product: 'buket-tulip', qty: 2, counted: true },
      { product: 'hampers-lebaran', qty: 1, counted: false },
    ]);
    expect(read.spans).toEqual([
      { start: 2, end: 7 },
      { start: 13, end: 20 },
    ]);
  });
});
