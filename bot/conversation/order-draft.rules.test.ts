import { describe, expect, it } from 'vitest';
import {
  applyInput,
  type DraftInput,
  emptyDraft,
  fulfilmentIn,
  isNoAnswer,
  nextDetail,
  type OrderDetailsPolicy,
  paymentIn,
} from './order-draft.rules.js';

const allOff: OrderDetailsPolicy = {
  fulfilment: 'off',
  dateTime: 'off',
  deliveryAddress: 'off',
  recipient: 'off',
  paymentMethod: 'off',
  notes: 'off',
};
const input = (text: string, extra: Partial<DraftInput> = {}): DraftInput => ({
  text,
  items: [],
  date: null,
  time: null,
  address: null,
  ...extra,
});

describe('order draft', () => {
  it('asks nothing when the shop collects no details', () => {
    const draft = applyInput(emptyDraft(), input('pesan 2 buket', { items: [{ sku: 'buket', qty: 2 }] }));
    expect(nextDetail(draft, allOff)).toBeUndefined();
  });

  it('never asks again for details given up front, several at once', () => {
    const policy: OrderDetailsPolicy = {
      ...allOff,
      fulfilment: 'ask',
      dateTime: 'ask',
      deliveryAddress: 'required',
    };
    const draft = applyInput(
      emptyDraft(),
      input('pesan 2 buket mawar merah, kirim besok ke Jl. Melati 5', {
        items: [{ sku: 'buket-mawar-merah', qty: 2 }],
        date: '2026-11-24',
        address: 'Jl. Melati 5',
      }),
    );
    expect(draft).toMatchObject({ fulfilment: 'delivery', date: '2026-11-24', address: 'Jl. Melati 5' });
    expect(nextDetail(draft, policy)).toBeUndefined();
  });

  it('asks one question at a time, in order, and only delivery questions for deliveries', () => {
    const policy: OrderDetailsPolicy = {
      fulfilment: 'required',
      dateTime: 'ask',
      deliveryAddress: 'required',
      recipient: 'ask',
      paymentMethod: 'ask',
      notes: 'ask',
    };
    let draft = applyInput(emptyDraft(), input('pesan 1 hampers', { items: [{ sku: 'hampers', qty: 1 }] }));
    expect(nextDetail(draft, policy)).toBe('fulfilment');
    draft = applyInput({ ...draft, asking: 'fulfilment' }, input('ambil sendiri aja kak'));
    expect(draft.fulfilment).toBe('pickup');
    expect(nextDetail(draft, policy)).toBe('dateTime');
    draft = applyInput(
      { ...draft, asking: 'dateTime' },
      input('sabtu jam 10', { date: '2026-11-28', time: '10:00' }),
    );
    expect(nextDetail(draft, policy)).toBe('paymentMethod');
    draft = applyInput({ ...draft, asking: 'paymentMethod' }, input('qris ya'));
    expect(draft.paymentMethod).toBe('qris');
    expect(nextDetail(draft, policy)).toBe('notes');
    draft = applyInput({ ...draft, asking: 'notes' }, input('gak ada kak'));
    expect(draft.skipped).toEqual(['notes']);
    expect(nextDetail(draft, policy)).toBeUndefined();
  });

  it('keeps asking for a required detail the customer tried to skip', () => {
    const policy: OrderDetailsPolicy = { ...allOff, fulfilment: 'required', deliveryAddress: 'required' };
    let draft = applyInput(
      emptyDraft(),
      input('pesan 1 hampers dikirim', { items: [{ sku: 'hampers', qty: 1 }] }),
    );
    expect(nextDetail(draft, policy)).toBe('deliveryAddress');
    draft = applyInput({ ...draft, asking: 'deliveryAddress' }, input('nggak'));
    expect(nextDetail(draft, policy)).toBe('deliveryAddress');
    draft = applyInput(
      { ...draft, asking: 'deliveryAddress' },
      input('Perum Griya Asri Blok C2 no 7, Bekasi'),
    );
    expect(draft.address).toBe('Perum Griya Asri Blok C2 no 7, Bekasi');
    expect(nextDetail(draft, policy)).toBeUndefined();
  });

  it('takes a correction of quantity and keeps other items', () => {
    let draft = applyInput(
      emptyDraft(),
      input('2 buket dan 1 hampers', {
        items: [
          { sku: 'buket', qty: 2 },
          { sku: 'hampers', qty: 1 },
        ],
      }),
    );
    draft = applyInput(draft, input('buketnya jadi 3 aja', { items: [{ sku: 'buket', qty: 3 }] }));
    expect(draft.items).toEqual([
      { sku: 'buket', qty: 3 },
      { sku: 'hampers', qty: 1 },
    ]);
  });

  it('reads fulfilment, payment and "no" answers from chat words', () => {
    expect(['diambil besok', 'tolong dikirim ya', 'pakai gojek', 'halo'].map(fulfilmentIn)).toEqual([
      'pickup',
      'delivery',
      'delivery',
      undefined,
    ]);
    expect(['tf bca', 'QRIS aja', 'cod bisa?', 'bayar tunai', 'nanti'].map(paymentIn)).toEqual([
      'transfer',
      'qris',
      'cod',
      'cash',
      undefined,
    ]);
    expect(['tidak', 'gak ada', 'Nggak kak', 'tanpa pita'].map(isNoAnswer)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('order draft details in any order or several at once (issue 12)', () => {
  const demo: OrderDetailsPolicy = {
    ...allOff,
    fulfilment: 'required',
    dateTime: 'required',
    deliveryAddress: 'required',
    paymentMethod: 'ask',
  };

  it('keeps a recipient named up front, with the phone in E.164, even when the shop does not ask', () => {
    const draft = applyInput(
      emptyDraft(),
      input('kirim ke Jl. Kenanga 12 Cimahi, penerima Bu Rina 0812-9876-5432, besok jam 3 sore, cod', {
        items: [{ sku: 'buket', qty: 1 }],
        date: '2026-11-24',
        time: '15:00',
        address: 'Jl. Kenanga 12 Cimahi',
      }),
    );
    expect(draft).toMatchObject({
      fulfilment: 'delivery',
      recipient: 'Bu Rina',
      recipientPhone: '+6281298765432',
      paymentMethod: 'cod',
    });
    expect(nextDetail(draft, demo)).toBeUndefined();
  });

  it('takes the bare answer to the recipient question as name and phone', () => {
    const policy: OrderDetailsPolicy = { ...allOff, recipient: 'required', fulfilment: 'required' };
    const draft = applyInput(
      { ...emptyDraft(), fulfilment: 'delivery', asking: 'recipient' },
      input('Rina 0812 3456 7890'),
    );
    expect(draft).toMatchObject({ recipient: 'Rina', recipientPhone: '+6281234567890' });
    expect(nextDetail(draft, policy)).toBeUndefined();
  });

  it('does not take another detail for the answer to the question asked', () => {
    let draft = applyInput(
      { ...emptyDraft(), fulfilment: 'delivery', date: '2026-11-24', asking: 'deliveryAddress' },
      input('bayar pakai qris ya kak'),
    );
    expect(draft.address).toBeUndefined();
    expect(draft.paymentMethod).toBe('qris');
    expect(nextDetail(draft, demo)).toBe('deliveryAddress');
    draft = applyInput({ ...draft, asking: 'deliveryAddress' }, input('ga usah dikirim, diambil aja'));
    expect(draft.fulfilment).toBe('pickup');
    expect(draft.skipped).toEqual([]);
    expect(nextDetail(draft, demo)).toBeUndefined();
  });

  it('lets a later message change the way, and forgets the address of a pickup', () => {
    let draft = applyInput(
      emptyDraft(),
      input('2 tulip kirim ke Jl. Dago 100 Bandung', {
        items: [{ sku: 'tulip', qty: 2 }],
        address: 'Jl. Dago 100 Bandung',
      }),
    );
    expect(draft).toMatchObject({ fulfilment: 'delivery', address: 'Jl. Dago 100 Bandung' });
    draft = applyInput(draft, input('eh diambil sendiri aja deh, bayar tunai'));
    expect(draft.fulfilment).toBe('pickup');
    expect(draft.address).toBeUndefined();
    expect(draft.paymentMethod).toBe('cash');
  });

  it('passes an optional question on "nanti aja", "belum tahu", "terserah"', () => {
    for (const answer of ['nanti aja', 'belum tahu kak', 'terserah']) {
      const draft = applyInput(
        { ...emptyDraft(), fulfilment: 'pickup', date: '2026-11-24', asking: 'paymentMethod' },
        input(answer),
      );
      expect(draft.skipped).toEqual(['paymentMethod']);
      expect(nextDetail(draft, demo)).toBeUndefined();
    }
    expect(isNoAnswer('nanti sore jam 4')).toBe(false);
  });
});
