import type { CatalogEntry } from '../types.js';

/** A florist-and-gift shop's catalog, the kind the parser is built for; used by tests and the benchmark. */
export const sampleCatalog: CatalogEntry[] = [
  {
    id: 'buket-mawar-merah',
    name: 'Buket Mawar Merah',
    aliases: ['bouquet mawar merah', 'mawar merah', 'red roses'],
    price: 150_000,
  },
  { id: 'buket-mawar-putih', name: 'Buket Mawar Putih', aliases: ['mawar putih'], price: 160_000 },
  { id: 'buket-tulip', name: 'Buket Tulip', aliases: ['tulip'], price: 250_000 },
  { id: 'buket-uang', name: 'Buket Uang', aliases: ['money bouquet', 'buket duit'], price: 200_000 },
  { id: 'buket-snack', name: 'Buket Snack', aliases: ['buket jajan', 'snack bouquet'], price: 120_000 },
  { id: 'hampers-lebaran', name: 'Hampers Lebaran', aliases: ['hampers', 'parsel lebaran'], price: 350_000 },
  { id: 'kartu-ucapan', name: 'Kartu Ucapan', aliases: ['greeting card', 'kartu'], price: 10_000 },
  { id: 'papan-bunga', name: 'Papan Bunga', aliases: ['karangan bunga', 'bunga papan'], price: 600_000 },
  { id: 'boneka-wisuda', name: 'Boneka Wisuda', aliases: ['boneka'], price: 85_000 },
  { id: 'standing-flower', name: 'Standing Flower', aliases: ['bunga standing'], price: 750_000 },
];
