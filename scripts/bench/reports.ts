/**
 * Reports benchmark: a generated order history imported through the order-import use case, then the
 * RFM and monthly reports timed on it.
 *
 *   npx tsx scripts/bench/reports.ts [--orders 200000] [--customers 20000] [--jsonl out.jsonl]
 *
 * Orders spread over the 24 months before 2026-11-23 across the customers (some buy often, most once or
 * twice), with the status mix of a real shop. The database is MONGODB_URI when set, else the in-process
 * test server. --jsonl also writes the history in scripts/report.ts's format. Prints one line per step
 * and the peak RSS.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ensureIndexes } from '../../domain/models.js';
import { formatOrderNumber, monthKey } from '../../domain/orders/order.rules.js';
import { type ImportedOrder, importOrders } from '../../domain/orders/order-import.use-case.js';
import { loadConfig } from '../../domain/platform/config.js';
import { openConnection, startEmulatedMongo } from '../../domain/platform/mongo.js';
import { monthlyReport } from '../../domain/reports/monthly.use-case.js';
import { rfmReport } from '../../domain/reports/rfm.use-case.js';

const Args = z.object({
  orders: z.coerce.number().int().positive().default(200_000),
  customers: z.coerce.number().int().positive().default(20_000),
  jsonl: z.string().optional(),
});
const args = Args.parse(
  parseArgs({
    options: { orders: { type: 'string' }, customers: { type: 'string' }, jsonl: { type: 'string' } },
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
  const rows = await time('rfm', () => rfmReport(connection, { now: NOW, timeZone: ZONE }));
  console.log(`  ${rows.length} customers scored`);
  const months = await time('monthly', () => monthlyReport(connection, { now: NOW, timeZone: ZONE }));
  console.log(`  ${months.length} months`);
  console.log(
    `peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB (${config.mongo.uri ? 'MONGODB_URI' : 'test server in process'})`,
  );
} finally {
  clearInterval(sampler);
  await connection.dropDatabase();
  await connection.close();
  await server?.stop();
}
