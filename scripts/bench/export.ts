/**
 * Export benchmark: N orders in the database, then the console's orders export downloaded over HTTP as
 * a browser would, to show that memory stays flat however many rows an export has.
 *
 *   npx tsx scripts/bench/export.ts [--orders 100000] [--customers 10000] [--rate 0] [--out /dev/null]
 *
 * The database is MONGODB_URI when set, else the test server (scripts/mongo-emulator) in a process of
 * its own. Orders go in through the order-import use case (as scripts/bench/reports.ts does), a chunk at
 * a time. The download then runs in a fresh process, so its memory is the export's and not the
 * import's: the console app listens on a free local port, an owner signs in and GETs
 * /api/exports/orders.xlsx, writing the body to --out, at most --rate bytes a second when given (a slow
 * download: the export must wait for it rather than pile rows up). Prints rows, bytes, seconds, and the
 * RSS before the export and its peak during it (sampled every 20 ms).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildApp } from '../../console/server/app.js';
import { auditModel } from '../../domain/audit/audit.model.js';
import { ensureIndexes } from '../../domain/models.js';
import { formatOrderNumber, monthKey } from '../../domain/orders/order.rules.js';
import { type ImportedOrder, importOrders } from '../../domain/orders/order-import.use-case.js';
import { ManualClock } from '../../domain/platform/clock.js';
import { loadConfig } from '../../domain/platform/config.js';
import { loadDataKeys } from '../../domain/platform/data-keys.js';
import { createLogger } from '../../domain/platform/logger.js';
import { openConnection } from '../../domain/platform/mongo.js';
import { setPassword } from '../../domain/users/password.use-case.js';
import { createUser } from '../../domain/users/user.use-case.js';

const Args = z.object({
  orders: z.coerce.number().int().positive().default(100_000),
  customers: z.coerce.number().int().positive().default(10_000),
  rate: z.coerce.number().min(0).default(0),
  out: z.string().default('/dev/null'),
  /** Set by the bench for its download process: [uri, database] as JSON. */
  'download-from': z.string().optional(),
});
const args = Args.parse(
  parseArgs({
    options: {
      orders: { type: 'string' },
      customers: { type: 'string' },
      rate: { type: 'string' },
      out: { type: 'string' },
      'download-from': { type: 'string' },
    },
  }).values,
);

const NOW = new Date('2026-12-04T03:00:00Z');
const ZONE = 'Asia/Jakarta';
const DAY = 86_400_000;
const MB = 1024 * 1024;
const PASSWORD = 'bench-password-123';

/** A small deterministic generator (mulberry32), so every run exports the same orders. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The orders in chunks, made as they are imported, so the import holds only one chunk at a time. */
function* generate(count: number, customers: number, chunk = 5_000): Generator<ImportedOrder[]> {
  const next = random(7);
  const sequence = new Map<string, number>();
  let orders: ImportedOrder[] = [];
  for (let index = 0; index < count; index++) {
    if (orders.length === chunk) {
      yield orders;
      orders = [];
    }
    const customer = Math.floor(customers * next() ** 2);
    const createdAt = new Date(NOW.getTime() - Math.floor(next() * 730 * DAY));
    const month = monthKey(createdAt, ZONE);
    const seq = (sequence.get(month) ?? 0) + 1;
    sequence.set(month, seq);
    const status = next() < 0.8 ? 'completed' : 'pending';
    orders.push({
      number: formatOrderNumber(month, seq),
      customer: `+628${String(1_000_000_000 + customer).slice(1)}` as ImportedOrder['customer'],
      name: `Pelanggan ${customer}`,
      createdAt,
      status,
      total: 25_000 + Math.floor(next() * 40) * 12_500,
      paymentStatus: status === 'completed' ? 'paid' : 'unpaid',
      completedAt: status === 'completed' ? new Date(createdAt.getTime() + DAY) : null,
    });
  }
  if (orders.length > 0) yield orders;
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(2);

/** The test server in its own process, as the tests and scripts/bench/emulator.ts run it. */
async function startEmulatorProcess() {
  const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
  const main = fileURLToPath(new URL('../mongo-emulator/main.ts', import.meta.url));
  const child = spawn(tsx, [main, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  return {
    uri: line.replace(/^ready /, ''),
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

/** Where the body goes: straight to the file, or through a valve letting `rate` bytes a second by. */
function destination(): Writable {
  const file = createWriteStream(args.out);
  if (args.rate <= 0) return file;
  return new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _encoding, done) {
      setTimeout(() => file.write(chunk, done), (chunk.length / args.rate) * 1000);
    },
    final(done) {
      file.end(done);
    },
  });
}

/** One export downloaded in this process: the console app, an owner signing in, the figures measured. */
async function download(uri: string, dbName: string): Promise<void> {
  const connection = await openConnection(uri, dbName);
  const app = await buildApp({
    connection,
    log: createLogger({ env: 'production', logLevel: 'warn' }, 'bench-export'),
    clock: new ManualClock(NOW),
  });
  try {
    const system = { kind: 'system' as const, name: 'bench' };
    const owner = await createUser(
      connection,
      { name: 'Bench', login: 'bench', role: 'owner' },
      { actor: system, at: NOW },
    );
    if (!owner.ok) throw new Error(owner.details);
    await setPassword(connection, owner.user._id, PASSWORD, { actor: system, at: NOW });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const login = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'bench', password: PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0];
    if (login.status !== 200 || !cookie) throw new Error(`login: ${login.status} ${await login.text()}`);

    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    const response = await fetch(`${base}/api/exports/orders.xlsx`, { headers: { cookie } });
    if (response.status !== 200 || !response.body) throw new Error(`export: ${response.status}`);
    let bytes = 0;
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    await pipeline(body, destination());
    const took = seconds(started);
    clearInterval(sampler);
    // The audit entry is written once the export has ended; it carries the rows written.
    let entry: { after?: { rows?: number[] } } | null = null;
    for (let tries = 0; tries < 100 && !entry; tries++) {
      entry = await auditModel(connection)
        .findOne({ action: 'exported' })
        .lean<{ after?: { rows?: number[] } }>();
      if (!entry) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const mb = (value: number) => `${(value / MB).toFixed(0)} MB`;
    console.log(
      `export      ${entry?.after?.rows?.[0] ?? '?'} rows, ${(bytes / MB).toFixed(1)} MB in ${took} s` +
        (args.rate > 0 ? ` (download held to ${(args.rate / 1024).toFixed(0)} kB/s)` : ''),
    );
    console.log(
      `RSS         ${mb(before)} before the export, peak ${mb(peak)} during it (+${mb(peak - before)})`,
    );
  } finally {
    await app.close();
    await connection.close();
  }
}

if (args['download-from']) {
  const [uri, dbName] = z.tuple([z.string(), z.string()]).parse(JSON.parse(args['download-from']));
  await download(uri, dbName);
} else {
  const config = loadConfig();
  loadDataKeys(config);
  const server = config.mongo.uri ? undefined : await startEmulatorProcess();
  const uri = config.mongo.uri ?? server!.uri;
  const dbName = `bench_export_${randomBytes(6).toString('hex')}`;
  const connection = await openConnection(uri, dbName);
  try {
    await ensureIndexes(connection);
    const started = performance.now();
    let created = 0;
    for (const chunk of generate(args.orders, args.customers)) {
      const imported = await importOrders(connection, chunk, {
        actor: { kind: 'system', name: 'bench' },
        at: NOW,
      });
      created += imported.created;
    }
    console.log(
      `import      ${created} orders: ${seconds(started)} s (${config.mongo.uri ? 'MONGODB_URI' : 'test server in its own process'})`,
    );
    // The download runs in a fresh process, so its RSS is the export's and not the import's.
    const downloader = spawn(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        ...process.argv.slice(2),
        '--download-from',
        JSON.stringify([uri, dbName]),
      ],
      { stdio: 'inherit' },
    );
    const [code] = (await once(downloader, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`the download process failed (${code})`);
  } finally {
    await connection.dropDatabase();
    await connection.close();
    await server?.stop();
  }
}
