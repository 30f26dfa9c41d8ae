import { describe, expect, it } from 'vitest';
import { createParser, parseMessage } from './parse-message.js';
import { sampleCatalog } from './testing/sample-catalog.js';

const context = { now: new Date('2026-11-23T10:00:00+07:00'), timeZone: 'Asia/Jakarta' };

describe('createParser', () => {
  const parser = createParser(sampleCatalog);

  it("reads the issue's example order into every slot", () => {
    expect(
      parser.parse(
        {
          text: 'pesan 2 buket mawar merah sama 1 hampers, kirim besok ke Jl. Melati 5 jam 3 sore',
          media: null,
        },
        context,
      ),
    ).toEqual({
      intent: 'order',
      items: [
        { product: 'buket-mawar-merah', qty: 2 },
        { product: 'hampers-lebaran', qty: 1 },
      ],
      amount: null,
      date: '2026-11-24',
      time: '15:00',
      orderNumber: null,
      address: 'Jl. Melati 5',
      channel: null,
    });
  });

  it("reads the issue's example custom order", () => {
    expect(
      parser.parse(
        { text: 'bikin logo buat usaha kopi, budget 500rb, deadline tgl 20', media: null },
        context,
      ),
    ).toMatchObject({ intent: 'custom_order', items: [], amount: 500_000, date: '2026-12-20' });
  });

  it('does not read the numbers of an address, a date, an amount or a phone as quantities', () => {
    const parsed = parser.parse(
      { text: 'pesan tulip, kirim ke Jl. Mawar 12 tgl 5, budget 300rb, hp 0812-3456-7890', media: null },
      context,
    );
    expect(parsed.items).toEqual([{ product: 'buket-tulip', qty: 1 }]);
    expect(parsed.address).toBe('Jl. Mawar 12');
    expect(parsed.amount).toBe(300_000);
    expect(parsed.date).toBe('2026-12-05');
  });

  it('reads an order form, one detail per line', () => {
    const form = [
      'Nama: Rina',
      'No HP: 0812-3456-7890',
      'Alamat: Jl. Melati 5, Bandung',
      'Pesanan: Buket Mawar Merah 2',
      'Tanggal kirim: 25 Nov',
      'Jam: 10.00',
    ].join('\n');
    expect(parser.parse({ text: form, media: null }, context)).toMatchObject({
      intent: 'order',
      items: [{ product: 'buket-mawar-merah', qty: 2 }],
      date: '2026-11-25',
      time: '10:00',
      address: 'Jl. Melati 5, Bandung',
    });
  });

  it('does not carry a count across a line break', () => {
    const text = 'Produk : hampers lebaran x3\nKartu ucapan : "Selamat Idul Fitri"\nTgl kirim : 28/11';
    expect(parser.parse({ text, media: null }, context)).toMatchObject({
      items: [
        { product: 'hampers-lebaran', qty: 3 },
        { product: 'kartu-ucapan', qty: 1 },
      ],
      date: '2026-11-28',
    });
  });

  it('reads a list order with the delivery details on their own line', () => {
    const text =
      'Halo kak 👋\nMau order ya:\n- 2 buket tulip\n- 1 boneka wisuda\nDikirim tgl 5 Desember jam 2 siang ke Gedung Sate Bandung\nMakasih 🙏';
    expect(parser.parse({ text, media: null }, context)).toMatchObject({
      intent: 'order',
      items: [
        { product: 'buket-tulip', qty: 2 },
        { product: 'boneka-wisuda', qty: 1 },
      ],
      date: '2026-12-05',
      time: '14:00',
      address: 'Gedung Sate Bandung',
    });
  });

  it("never takes a recipient's name for a product (issue 12)", () => {
    const parsed = parser.parse(
      { text: 'pesan 1 buket tulip, kirim ke Jl. Melati 5 a.n. Mawar Putri, bayar tf', media: null },
      context,
    );
    expect(parsed).toMatchObject({
      intent: 'order',
      items: [{ product: 'buket-tulip', qty: 1 }],
      address: 'Jl. Melati 5',
    });
  });

  it('reports the products only for intents that use them', () => {
    expect(parser.parse({ text: 'makasih, tulipnya cantik', media: null }, context).items).toEqual([]);
  });

  it("reads dates in the shop's zone", () => {
    const late = { now: new Date('2026-11-23T18:30:00Z'), timeZone: 'Asia/Jakarta' };
    expect(parser.parse({ text: 'kirim besok ya', media: null }, late).date).toBe('2026-11-25');
  });

  it('is deterministic', () => {
    const input = { text: 'mau 2 hampers sama tulip 1, kirim lusa', media: null };
    expect(parser.parse(input, context)).toEqual(parser.parse(input, context));
  });
});

describe('parseMessage', () => {
  it('takes the catalog in the context', () => {
    const first = parseMessage({ text: 'harga tulip?', media: null }, { ...context, catalog: sampleCatalog });
    expect(first).toMatchObject({ intent: 'price', items: [{ product: 'buket-tulip', qty: 1 }] });
    expect(
      parseMessage({ text: 'harga tulip?', media: null }, { ...context, catalog: sampleCatalog }),
    ).toEqual(first);
  });

  it('works with an empty catalog', () => {
    expect(parseMessage({ text: 'mau pesan buket', media: null }, { ...context, catalog: [] })).toMatchObject(
      {
        intent: 'order',
        items: [],
      },
    );
  });
});
