/**
 * Reports benchmark: a generated order history imported through the order-import use case, filled out
 * with what the other reports read, then every report timed on it.
 *
 *   npx tsx scripts/bench/reports.ts [--orders 200000] [--customers 20000] [--messages <orders>] [--jsonl out.jsonl]
 *
 * Orders spread over the 24 months before 2026-11-23 across the customers (some buy often, most once or
 * twice), with the status mix of a real shop. Then, in proportion: four staff members who are assigned
 * three orders in four; a catalog line on nine orders in ten (ten products in three categories) and a
 * custom brief on the tenth; one lead per customer (channel, stage, value, assignee, and the audited
 * stage moves the funnel reads); an invoice for every order not cancelled of the last 120 days; and
 * `--messages` chat messages in conversations over the last 240 days (customer, bot, often a staff reply
 * minutes to hours later). The database is MONGODB_URI when set, else the in-process test server.
 * --jsonl also writes the order history in scripts/report.ts's format. Prints one line per step and the
 * peak RSS.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { AnyBulkWriteOperation } from 'mongodb';
import { type Connection, Types } from 'mongoose';
import { z } from 'zod';
import { auditModel } from '../../domain/audit/audit.model.js';
import { CHANNELS, contactModel } from '../../domain/contacts/contact.model.js';
import { invoiceModel } from '../../domain/invoices/invoice.model.js';
import { addDaysToDay, localDay } from '../../domain/invoices/invoice.rules.js';
import { type LeadStage, leadModel } from '../../domain/leads/lead.model.js';
import { type Message, messageModel } from '../../domain/messages/message.model.js';
import { ensureIndexes } from '../../domain/models.js';
import { orderModel } from '../../domain/orders/order.model.js';
import { formatOrderNumber, monthKey } from '../../domain/orders/order.rules.js';
import { type ImportedOrder, importOrders } from '../../domain/orders/order-import.use-case.js';
import { loadConfig } from '../../domain/platform/config.js';
import { loadDataKeys } from '../../domain/platform/data-keys.js';
import { openConnection, startEmulatedMongo } from '../../domain/platform/mongo.js';
import { invoiceAgingReport } from '../../domain/reports/aging.use-case.js';
import { channelReport } from '../../domain/reports/channel.use-case.js';
import { forecastReport } from '../../domain/reports/forecast.use-case.js';
import { funnelReport } from '../../domain/reports/funnel.use-case.js';
import { monthlyReport } from '../../domain/reports/monthly.use-case.js';
import { productSalesReport } from '../../domain/reports/product-sales.use-case.js';
import { rfmReport } from '../../domain/reports/rfm.use-case.js';
import { teamReport } from '../../domain/reports/team.use-case.js';
import { trendReport } from '../../domain/reports/trend.use-case.js';
import { userModel } from '../../domain/users/user.model.js';

const Args = z.object({
  orders: z.coerce.number().int().positive().default(200_000),
  customers: z.coerce.number().int().positive().default(20_000),
  messages: z.coerce.number().int().nonnegative().optional(),
  jsonl: z.string().optional(),
});
const args = Args.parse(
  parseArgs({
    options: {
      orders: { type: 'string' },
      customers: { type: 'string' },
      messages: { type: 'string' },
      jsonl: { type: 'string' },
    },
  }).values,
);

const NOW = new Date('2026-11-23T05:00:00Z');
const ZONE = 'Asia/Jakarta';
const DAY = 86_400_000;

/** A small deterministic generator (mulberry32), so every run benchmarks the same history. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function generate(count: number, customers: number): ImportedOrder[] {
  const next = random(42);
  const sequence = new Map<string, number>();
  const orders: ImportedOrder[] = [];
  for (let index = 0; index < count; index++) {
    // Skewed: a few customers buy often.
    const customer = Math.floor(customers * next() ** 2);
    const createdAt = new Date(NOW.getTime() - Math.floor(next() * 730 * DAY));
    const month = monthKey(createdAt, ZONE);
    const seq = (sequence.get(month) ?? 0) + 1;
    sequence.set(month, seq);
    const roll = next();
    const status = roll < 0.7 ? 'completed' : roll < 0.8 ? 'cancelled' : roll < 0.9 ? 'confirmed' : 'pending';
    const paid = status === 'completed' ? next() < 0.9 : false;
    orders.push({
      number: formatOrderNumber(month, seq),
      customer: `+628${String(1_000_000_000 + customer).slice(1)}` as ImportedOrder['customer'],
      name: `Pelanggan ${customer}`,
      createdAt,
      status,
      total: 25_000 + Math.floor(next() * 40) * 12_500,
      paymentStatus: paid ? 'paid' : 'unpaid',
      completedAt:
        status === 'completed' ? new Date(createdAt.getTime() + Math.floor(next() * 3 * DAY)) : null,
    });
  }
  return orders;
}

const time = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await work();
  console.log(`${label.padEnd(28)} ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return result;
};

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

const orders = await time(`generate ${args.orders} orders`, async () =>
  generate(args.orders, args.customers),
);
if (args.jsonl)
  writeFileSync(
    args.jsonl,
    `${orders
      .map((order) =>
        JSON.stringify({
          ...order,
          createdAt: order.createdAt.toISOString(),
          completedAt: order.completedAt?.toISOString() ?? null,
        }),
      )
      .join('\n')}\n`,
  );
const config = loadConfig();
loadDataKeys(config);
const server = config.mongo.uri ? undefined : await startEmulatedMongo();
const connection = await openConnection(
  config.mongo.uri ?? server!.uri,
  `bench_${randomBytes(6).toString('hex')}`,
);
try {
  await ensureIndexes(connection);
  const imported = await time('import', () =>
    importOrders(connection, orders, { actor: { kind: 'system', name: 'bench' }, at: NOW }),
  );
  console.log(`  ${imported.created} orders, ${imported.contacts} customers`);
  const made = await time('leads, invoices, messages', () =>
    fillOut(connection, args.messages ?? args.orders),
  );
  console.log(
    `  ${made.leads} leads (${made.moves} audited stage moves), ${made.invoices} invoices, ${made.messages} messages`,
  );
  const rows = await time('rfm', () => rfmReport(connection, { now: NOW, timeZone: ZONE }));
  console.log(`  ${rows.length} customers scored`);
  const months = await time('monthly', () => monthlyReport(connection, { now: NOW, timeZone: ZONE }));
  console.log(`  ${months.length} months`);
  const asOf = { now: NOW, timeZone: ZONE };
  const sixMonths = (
    label: string,
    report: (c: Connection, input: typeof asOf) => Promise<{ ok: boolean }>,
  ) =>
    time(`${label} (6 months)`, async () => {
      if (!(await report(connection, asOf)).ok) throw new Error(`${label} refused the default range`);
    });
  await sixMonths('trend', trendReport);
  await time('trend (24 months)', () => trendReport(connection, { ...asOf, from: '2024-12-01' }));
  await sixMonths('funnel', funnelReport);
  await sixMonths('channels', channelReport);
  await sixMonths('team', teamReport);
  await sixMonths('products', productSalesReport);
  await time('forecast', () => forecastReport(connection, asOf));
  const aging = await time('aging', () => invoiceAgingReport(connection, asOf));
  console.log(`  ${aging.total.count} open invoices`);
  console.log(
    `peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB (${config.mongo.uri ? 'MONGODB_URI' : 'test server in process'})`,
  );
} finally {
  clearInterval(sampler);
  await connection.dropDatabase();
  await connection.close();
  await server?.stop();
}

/**
 * What the other reports read, generated in proportion to the imported history (see the header):
 * staff and order assignees, order lines, leads with their audited stage moves, invoices and chats.
 * Written straight into the collections in bulk, as an import would.
 */
async function fillOut(connection: Connection, messageCount: number) {
  const next = random(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const staff = ['Dewi', 'Eko', 'Gita', 'Hadi'].map((name, index) => ({
    _id: new Types.ObjectId(),
    name,
    login: name.toLowerCase(),
    role: index === 0 ? 'manager' : 'admin',
    active: true,
    failedLogins: 0,
    createdAt: NOW,
  }));
  await userModel(connection).collection.insertMany(staff);

  const products = Array.from({ length: 10 }, (_, index) => ({
    sku: `p${index}`,
    name: `Produk ${index}`,
    category: ['bouquet', 'hampers', 'print'][index % 3]!,
  }));
  const orders = await orderModel(connection)
    .find(
      {},
      {
        number: 1,
        total: 1,
        status: 1,
        paymentStatus: 1,
        paidAmount: 1,
        contactId: 1,
        chatId: 1,
        createdAt: 1,
      },
    )
    .lean<
      {
        _id: Types.ObjectId;
        number: string;
        total: number;
        status: string;
        paymentStatus: string;
        paidAmount: number;
        contactId: Types.ObjectId;
        chatId: string;
        createdAt: Date;
      }[]
    >();
  for (let start = 0; start < orders.length; start += 5_000) {
    const operations: AnyBulkWriteOperation[] = orders.slice(start, start + 5_000).map((order) => {
      const product = pick(products);
      const qty = 1 + Math.floor(next() * 3);
      const custom = next() < 0.1;
      return {
        updateOne: {
          filter: { _id: order._id },
          update: {
            $set: {
              ...(next() < 0.75 && { assignee: pick(staff)._id }),
              ...(custom
                ? {
                    kind: 'custom',
                    custom: {
                      category: pick(['logo', 'hampers', 'banner']),
                      description: 'bench',
                      referenceMedia: [],
                    },
                  }
                : {
                    items: [
                      {
                        sku: product.sku,
                        name: product.name,
                        qty,
                        unitPrice: Math.round(order.total / qty),
                        subtotal: order.total,
                      },
                    ],
                  }),
            },
          },
        },
      };
    });
    await orderModel(connection).collection.bulkWrite(operations, { ordered: false });
  }

  // One lead per customer, created up to 24 months back; the further its stage, the more audited moves.
  const contacts = await contactModel(connection)
    .find({}, { _id: 1, chatId: 1 })
    .lean<{ _id: Types.ObjectId; chatId: string }[]>();
  const funnel: LeadStage[] = ['new', 'contacted', 'qualified', 'proposal'];
  const leads = [];
  const moves = [];
  for (const contact of contacts) {
    const createdAt = new Date(NOW.getTime() - Math.floor(next() * 730 * DAY));
    const roll = next();
    const stage: LeadStage = roll < 0.25 ? 'won' : roll < 0.55 ? 'lost' : pick(funnel);
    const reached = stage === 'won' || stage === 'lost' ? Math.floor(next() * 4) : funnel.indexOf(stage);
    const path: LeadStage[] = [
      ...funnel.slice(0, reached + 1),
      ...(stage === 'won' || stage === 'lost' ? [stage] : []),
    ];
    const _id = new Types.ObjectId();
    let at = createdAt;
    for (let index = 1; index < path.length; index++) {
      at = new Date(Math.min(NOW.getTime(), at.getTime() + Math.floor(next() * 10 * DAY)));
      moves.push({
        entity: 'lead',
        entityId: _id,
        action: 'stage_changed',
        actor: { kind: 'system', name: 'bench' },
        before: { stage: path[index - 1] },
        after: { stage: path[index] },
        at,
      });
    }
    const open = stage !== 'won' && stage !== 'lost';
    leads.push({
      _id,
      contactId: contact._id,
      stage,
      open,
      channel: pick(CHANNELS),
      ...(next() < 0.8 && { estimatedValue: 50_000 + Math.floor(next() * 40) * 25_000 }),
      ...(next() < 0.85 && { assignee: pick(staff)._id }),
      ...(stage === 'lost' && { lostReason: 'harga' }),
      activities: [],
      customFields: {},
      createdAt,
      updatedAt: at,
      stageChangedAt: at,
      ...(!open && { closedAt: at }),
    });
  }
  for (let start = 0; start < leads.length; start += 5_000)
    await leadModel(connection).collection.insertMany(leads.slice(start, start + 5_000));
  for (let start = 0; start < moves.length; start += 5_000)
    await auditModel(connection).collection.insertMany(moves.slice(start, start + 5_000));

  // An invoice for every order of the last 120 days that is not cancelled, due 7 days after it.
  const today = localDay(NOW, ZONE);
  const recent = orders.filter(
    (order) => order.status !== 'cancelled' && NOW.getTime() - order.createdAt.getTime() < 120 * DAY,
  );
  const invoices = recent.map((order, index) => {
    const dueDate = addDaysToDay(localDay(order.createdAt, ZONE), 7);
    const paid = order.paymentStatus === 'paid';
    return {
      number: `INV-${monthKey(order.createdAt, ZONE)}-${String(index + 1).padStart(6, '0')}`,
      orderId: order._id,
      orderNumber: order.number,
      contactId: order.contactId,
      chatId: order.chatId,
      amount: order.total,
      paidAmount: order.paidAmount,
      dueDate,
      status: paid ? 'paid' : dueDate < today ? 'overdue' : 'sent',
      remindersSent: 0,
      appliedPayments: [],
      revision: 0,
      createdAt: order.createdAt,
      updatedAt: order.createdAt,
    };
  });
  for (let start = 0; start < invoices.length; start += 5_000)
    await invoiceModel(connection).collection.insertMany(invoices.slice(start, start + 5_000));

  // Conversations of about four messages in the customers' chats over the last 240 days.
  const messages: Omit<Message, 'body'>[] = [];
  let id = 0;
  const say = (chatId: string, author: Message['author'], sentAt: Date) =>
    messages.push({
      waId: `bench-${++id}`,
      chatId,
      direction: author === 'customer' ? 'in' : 'out',
      author,
      type: 'text',
      sentAt,
      receivedAt: sentAt,
    });
  while (messages.length < messageCount) {
    const chatId = contacts[Math.floor(contacts.length * next() ** 2)]!.chatId;
    const start = new Date(NOW.getTime() - Math.floor(next() * 240 * DAY));
    say(chatId, 'customer', start);
    say(chatId, 'bot', new Date(start.getTime() + 3_000));
    if (next() < 0.5) say(chatId, 'customer', new Date(start.getTime() + 60_000));
    if (next() < 0.8)
      say(
        chatId,
        pick(['staff', 'phone'] as const),
        new Date(start.getTime() + Math.floor(next() * 6 * 3_600_000)),
      );
  }
  for (let start = 0; start < messages.length; start += 5_000)
    await messageModel(connection).collection.insertMany(
      messages.slice(start, start + 5_000).map((message) => ({ ...message, body: 'halo' })),
    );
  return { leads: leads.length, moves: moves.length, invoices: invoices.length, messages: messages.length };
}
