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
