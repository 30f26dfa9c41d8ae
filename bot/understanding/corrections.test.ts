import { describe, expect, it } from 'vitest';
import { createParser } from './parse-message.js';

const parser = createParser([
  {
    id: 'buket-mawar-merah',
    name: 'Buket Mawar Merah',
    aliases: ['buket mawar', 'mawar merah'],
    price: 150000,
  },
  { id: 'hampers-lebaran', name: 'Hampers Lebaran', aliases: ['hampers', 'parcel'], price: 250000 },
]);
const itemsOf = (text: string) =>
  parser.parse({ text, media: null }, { now: new Date('2026-11-23T03:00:00Z'), timeZone: 'Asia/Jakarta' })
    .items;

describe('corrections of a running order', () => {
  it.each([
    ['eh buket mawarnya jadi 3 aja kak', 'buket-mawar-merah', 3],
    ['mawar merahnya ganti jadi 3', 'buket-mawar-merah', 3],
    ['jadi 2 hampers ya', 'hampers-lebaran', 2],
  ])('reads the new quantity in %j', (text, product, qty) => {
    expect(itemsOf(text)).toEqual([{ product, qty }]);
  });
});
