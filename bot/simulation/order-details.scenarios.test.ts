/**
 * Issue 12, item 1: the order details the bot collects, run end to end through `scripts/simulate.ts` (the
 * scenario contract) with the demo shop's settings and catalog. Each scenario file is run once; the tests
 * read what each customer was sent, in order, and the orders in the dump.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { botText } from '../../domain/i18n/messages.js';
import { ORDER_DETAIL_KEYS, type OrderDetailKey } from '../../domain/settings/settings.model.js';
import { DEMO_PRODUCTS, DEMO_SETTINGS } from '../../scripts/seed-demo.data.js';
import { runScript } from '../../scripts/testing/run-script.js';
import { ScenarioSchema } from './scenario.js';

const SCENARIOS = path.join(import.meta.dirname, 'scenarios');
const FILES = [
  'order-details-up-front.json',
  'order-details-one-by-one.json',
  'order-details-several-at-once.json',
  'order-details-any-order.json',
  'order-details-expiry.json',
] as const;
const RUN_TIMEOUT = 90_000;

interface DumpedOrder {
  number: string;
  customer: string;
  items: { product: string; qty: number }[];
  fulfilment: {
    method?: string;
    date?: string;
    time?: string;
    address?: string;
    recipientName?: string;
    recipientPhone?: string;
  };
  paymentMethod: string | null;
  status: string;
}
interface Run {
  /** What each customer (by +62… phone) was sent, in order. */
  sent: Map<string, string[]>;
  orders: DumpedOrder[];
}

async function simulate(file: (typeof FILES)[number]): Promise<Run> {
  const result = await runScript('simulate', [path.join(SCENARIOS, file), '--dump']);
  if (result.code !== 0) throw new Error(`simulate ${file}: exit ${result.code}\n${result.stderr}`);
  const lines = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { to?: string; text?: string; dump?: { orders: DumpedOrder[] } });
  const sent = new Map<string, string[]>();
  for (const line of lines)
    if (line.to && line.text !== undefined) sent.set(line.to, [...(sent.get(line.to) ?? []), line.text]);
  return { sent, orders: lines.at(-1)?.dump?.orders ?? [] };
}

const say = (key: Parameters<typeof botText>[1], params: Record<string, string> = {}) =>
  botText('id', key, params);
const QUESTION: Record<OrderDetailKey, string> = {
  fulfilment: say('order.ask.fulfilment'),
  dateTime: say('order.ask.date_time'),
  deliveryAddress: say('order.ask.address'),
  recipient: say('order.ask.recipient'),
  paymentMethod: say('order.ask.payment'),
  notes: say('order.ask.notes'),
};
const SUMMARY_HEAD = say('order.summary').split('\n')[0]!;
const UNKNOWN = say('unknown');

/** Each message to a customer as a step of the conversation: a question, the summary, the confirmation. */
function stepsOf(run: Run, phone: string): string[] {
  return (run.sent.get(phone) ?? []).map((text) => {
    const question = ORDER_DETAIL_KEYS.find((key) => QUESTION[key] === text);
    if (question) return `ask:${question}`;
    if (text.startsWith(SUMMARY_HEAD)) return 'summary';
    if (text.startsWith('✅ Pesanan *ORD-')) return 'confirmed';
    if (text === UNKNOWN) return 'unknown';
    return text;
  });
}
const textsOf = (run: Run, phone: string, step: string) =>
  (run.sent.get(phone) ?? []).filter((_, index) => stepsOf(run, phone)[index] === step);
const orderOf = (run: Run, phone: string): DumpedOrder => {
  const order = run.orders.find((candidate) => candidate.customer === phone);
  if (!order) throw new Error(`no order for ${phone}`);
  return order;
};

/** The detail lines an order's summary and confirmation must repeat, as the catalog words them. */
function detailLines(order: DumpedOrder): string[] {
  const { fulfilment } = order;
  return [
    fulfilment.method &&
      say('detail.fulfilment', { value: say(`fulfilment.${fulfilment.method as 'pickup' | 'delivery'}`) }),
    fulfilment.date &&
      say('detail.date_time', { value: [fulfilment.date, fulfilment.time].filter(Boolean).join(' ') }),
    fulfilment.address && say('detail.address', { value: fulfilment.address }),
    fulfilment.recipientName &&
      say('detail.recipient', {
        value: [fulfilment.recipientName, fulfilment.recipientPhone].filter(Boolean).join(' '),
      }),
    order.paymentMethod &&
      say('detail.payment', {
        value: say(`payment.${order.paymentMethod as 'transfer' | 'qris' | 'cod' | 'cash'}`),
      }),
  ]
    .filter((line): line is string => Boolean(line))
    .map((line) => line.trim());
}

/** Every detail in the last summary and in the confirmation; the shop's payment instructions only when due. */
function expectDetailsRepeated(run: Run, phone: string) {
  const order = orderOf(run, phone);
  const summary = textsOf(run, phone, 'summary').at(-1)!;
  const [confirmation] = textsOf(run, phone, 'confirmed');
  expect(confirmation).toContain(`*${order.number}*`);
  for (const line of detailLines(order)) {
    expect(summary).toContain(line);
    expect(confirmation).toContain(line);
  }
  const byTransfer = order.paymentMethod === null || ['transfer', 'qris'].includes(order.paymentMethod);
  const instructions = say('payment.how', { instructions: DEMO_SETTINGS.paymentInstructions });
  if (byTransfer) expect(confirmation).toContain(instructions);
  else expect(confirmation).not.toContain('Cara bayar');
  expect(confirmation).toMatch(/Lacak pesanan: http:\/\/localhost:3000\/track\/[\w-]{22,}$/);
}

/** The questions the demo settings call for, in the order the bot asks them. */
const demoQuestions = (method: 'pickup' | 'delivery') =>
  ORDER_DETAIL_KEYS.filter((key) => {
    const requirement = (DEMO_SETTINGS.orderDetails as Partial<Record<OrderDetailKey, string>>)[key];
    const forDelivery = key === 'deliveryAddress' || key === 'recipient';
    return requirement !== undefined && requirement !== 'off' && (!forDelivery || method === 'delivery');
  }).map((key) => `ask:${key}`);

describe('the order-details scenarios carry the demo shop', () => {
  it.each(FILES)('%s has the demo settings and the demo catalog', (file) => {
    const scenario = ScenarioSchema.parse(JSON.parse(readFileSync(path.join(SCENARIOS, file), 'utf8')));
    expect(scenario.settings).toEqual(JSON.parse(JSON.stringify(DEMO_SETTINGS)));
    expect(scenario.catalog).toEqual(
      DEMO_PRODUCTS.map((product) => ({
        id: product.sku,
        name: product.name,
        aliases: product.aliases,
        price: product.price,
        category: product.category,
        ...(product.stock !== undefined && { stock: product.stock }),
      })),
    );
  });

  it('where fulfilment, date and the delivery address are required and the payment method asked', () => {
    expect(demoQuestions('delivery')).toEqual([
      'ask:fulfilment',
      'ask:dateTime',
      'ask:deliveryAddress',
      'ask:paymentMethod',
    ]);
    expect(demoQuestions('pickup')).toEqual(['ask:fulfilment', 'ask:dateTime', 'ask:paymentMethod']);
  });
});

describe('everything given up front: no question, the summary, then the order (order-details-up-front.json)', () => {
  let run: Run;
  beforeAll(async () => {
    run = await simulate('order-details-up-front.json');
  }, RUN_TIMEOUT);

  it('"…dikirim besok jam 10 ke Jl. Melati 5 Bandung a.n. Rina, bayar transfer" → summary, "ya" → the order', () => {
    expect(stepsOf(run, '+6281234567801')).toEqual(['summary', 'confirmed']);
    expect(orderOf(run, '+6281234567801')).toMatchObject({
      status: 'pending',
      items: [{ product: 'buket-mawar-merah', qty: 2 }],
      fulfilment: {
        method: 'delivery',
        date: '2026-11-24',
        time: '10:00',
        address: 'Jl. Melati 5 Bandung',
        recipientName: 'Rina',
      },
      paymentMethod: 'transfer',
    });
    expectDetailsRepeated(run, '+6281234567801');
  });

  it('a pickup "diambil sendiri lusa jam 3 sore atas nama Dewi, bayar qris"', () => {
    expect(stepsOf(run, '+6281234567802')).toEqual(['summary', 'confirmed']);
    expect(orderOf(run, '+6281234567802')).toMatchObject({
      items: [{ product: 'buket-tulip', qty: 1 }],
      fulfilment: { method: 'pickup', date: '2026-11-25', time: '15:00', recipientName: 'Dewi' },
      paymentMethod: 'qris',
    });
    expect(orderOf(run, '+6281234567802').fulfilment.address).toBeUndefined();
    expectDetailsRepeated(run, '+6281234567802');
  });

  it('"kirim ke … tgl 12 pukul 15.00 penerima Pak Budi 0812-5555-0101, cod ya": no payment instructions', () => {
    expect(stepsOf(run, '+6281234567803')).toEqual(['summary', 'confirmed']);
    expect(orderOf(run, '+6281234567803')).toMatchObject({
      items: [{ product: 'hampers-kue', qty: 1 }],
      fulfilment: {
        method: 'delivery',
        date: '2026-12-12',
        time: '15:00',
        address: 'Jl. Dago 100 Bandung',
        recipientName: 'Pak Budi',
        recipientPhone: '+6281255550101',
      },
      paymentMethod: 'cod',
    });
    expectDetailsRepeated(run, '+6281234567803');
  });

  it('"pickup tgl 12 des jam 10 pagi, cash"', () => {
    expect(stepsOf(run, '+6281234567804')).toEqual(['summary', 'confirmed']);
    expect(orderOf(run, '+6281234567804')).toMatchObject({
      items: [{ product: 'bunga-meja', qty: 1 }],
      fulfilment: { method: 'pickup', date: '2026-12-12', time: '10:00' },
      paymentMethod: 'cash',
    });
    expectDetailsRepeated(run, '+6281234567804');
  });
});

describe('nothing given: exactly the questions the settings call for, one at a time (order-details-one-by-one.json)', () => {
  let run: Run;
  beforeAll(async () => {
    run = await simulate('order-details-one-by-one.json');
  }, RUN_TIMEOUT);

  it('a delivery: way, date, address, payment, then the summary; the order holds every answer', () => {
    expect(stepsOf(run, '+6281234567811')).toEqual([...demoQuestions('delivery'), 'summary', 'confirmed']);
    expect(orderOf(run, '+6281234567811')).toMatchObject({
      items: [{ product: 'buket-mawar-merah', qty: 2 }],
      fulfilment: { method: 'delivery', date: '2026-11-24', time: '10:00', address: 'Jl. Melati 5 Bandung' },
      paymentMethod: 'transfer',
    });
    expectDetailsRepeated(run, '+6281234567811');
  });

  it('a pickup is never asked for an address', () => {
    expect(stepsOf(run, '+6281234567812')).toEqual([...demoQuestions('pickup'), 'summary', 'confirmed']);
    expect(orderOf(run, '+6281234567812')).toMatchObject({
      items: [{ product: 'buket-mawar-pink', qty: 1 }],
      fulfilment: { method: 'pickup', date: '2026-11-28', time: '15:00' },
      paymentMethod: 'cash',
    });
    expectDetailsRepeated(run, '+6281234567812');
  });

  it('"nanti aja" passes the optional payment question; the confirmation still says how to pay', () => {
    expect(stepsOf(run, '+6281234567813')).toEqual([...demoQuestions('delivery'), 'summary', 'confirmed']);
    expect(orderOf(run, '+6281234567813')).toMatchObject({
      items: [{ product: 'buket-wisuda', qty: 3 }],
      fulfilment: {
        method: 'delivery',
        date: '2026-12-12',
        time: '15:00',
        address: 'Perum Griya Asri Blok C2 No. 7, Cimahi',
      },
      paymentMethod: null,
    });
    expectDetailsRepeated(run, '+6281234567813');
  });
});

describe('several details in one answer (order-details-several-at-once.json)', () => {
  let run: Run;
  beforeAll(async () => {
    run = await simulate('order-details-several-at-once.json');
  }, RUN_TIMEOUT);

  it('"dikirim besok jam 10 ke Jl. Melati 5 a.n. Rina, bayar transfer" after the first question: none asked again', () => {
    expect(stepsOf(run, '+6281234567821')).toEqual(['ask:fulfilment', 'summary', 'confirmed']);
    expect(orderOf(run, '+6281234567821')).toMatchObject({
      items: [{ product: 'buket-mawar-merah', qty: 2 }],
      fulfilment: {
        method: 'delivery',
        date: '2026-11-24',
        time: '10:00',
        address: 'Jl. Melati 5',
        recipientName: 'Rina',
      },
      paymentMethod: 'transfer',
    });
    expectDetailsRepeated(run, '+6281234567821');
  });

  it('"diambil lusa jam 3 sore, bayar di tempat"', () => {
    expect(stepsOf(run, '+6281234567822')).toEqual(['ask:fulfilment', 'summary', 'confirmed']);
    expect(orderOf(run, '+6281234567822')).toMatchObject({
      fulfilment: { method: 'pickup', date: '2026-11-25', time: '15:00' },
      paymentMethod: 'cod',
    });
    expectDetailsRepeated(run, '+6281234567822');
  });

  it('"tolong anterin, alamatnya …, tgl 12 pukul 08.00, penerima Bu Sari 0813-2222-3333, qris"', () => {
    expect(stepsOf(run, '+6281234567823')).toEqual(['ask:fulfilment', 'summary', 'confirmed']);
    expect(orderOf(run, '+6281234567823')).toMatchObject({
      items: [{ product: 'papan-bunga', qty: 1 }],
      fulfilment: {
        method: 'delivery',
        date: '2026-12-12',
        time: '08:00',
        address: 'Jl. Sukajadi 45 Bandung',
        recipientName: 'Bu Sari',
        recipientPhone: '+6281322223333',
      },
      paymentMethod: 'qris',
    });
    expectDetailsRepeated(run, '+6281234567823');
  });
});

describe('answers in another order than asked (order-details-any-order.json)', () => {
  let run: Run;
  beforeAll(async () => {
    run = await simulate('order-details-any-order.json');
  }, RUN_TIMEOUT);

  it('payment and date given while the way is asked are kept and never asked', () => {
    expect(stepsOf(run, '+6281234567831')).toEqual([
      'ask:fulfilment',
      'ask:fulfilment',
      'ask:fulfilment',
      'summary',
      'confirmed',
    ]);
    expect(orderOf(run, '+6281234567831')).toMatchObject({
      fulfilment: { method: 'pickup', date: '2026-11-25', time: '15:00' },
      paymentMethod: 'qris',
    });
    expectDetailsRepeated(run, '+6281234567831');
  });

  it('an address answers the way too; a change after the summary ("eh diambil sendiri aja deh, bayar tunai") is taken', () => {
    expect(stepsOf(run, '+6281234567832')).toEqual([
      'ask:fulfilment',
      'ask:dateTime',
      'ask:dateTime',
      'summary',
      'summary',
      'confirmed',
    ]);
    const [first] = textsOf(run, '+6281234567832', 'summary');
    expect(first).toContain('Alamat: Jl. Dago 100 Bandung');
    expect(first).toContain('Pembayaran: COD (bayar di tempat)');
    const order = orderOf(run, '+6281234567832');
    expect(order).toMatchObject({
      items: [{ product: 'buket-tulip', qty: 2 }],
      fulfilment: { method: 'pickup', date: '2026-12-12', time: '10:00' },
      paymentMethod: 'cash',
    });
    expect(order.fulfilment.address).toBeUndefined();
    expectDetailsRepeated(run, '+6281234567832');
  });
});

describe('a draft left unanswered expires as conversation state does (order-details-expiry.json)', () => {
  let run: Run;
  beforeAll(async () => {
    run = await simulate('order-details-expiry.json');
  }, RUN_TIMEOUT);

  it('is still open 1h59m after the last answer', () => {
    expect(stepsOf(run, '+6281234567842')).toEqual(['ask:fulfilment', 'ask:dateTime']);
  });

  it('is gone two hours after: the late answer and a late "ya" continue nothing and create no order', () => {
    expect(stepsOf(run, '+6281234567841')).toEqual([
      'ask:fulfilment',
      'ask:dateTime',
      'unknown',
      'summary',
      'unknown',
    ]);
    expect(run.orders).toEqual([]);
  });
});
