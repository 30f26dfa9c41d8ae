/**
 * The shop's reports on the command line, for checking them against any order history:
 *
 *   npx tsx scripts/report.ts <rfm|monthly> --orders <file.jsonl> [--now <ISO datetime>] [--tz <IANA zone>]
 *
 * --orders: JSON Lines, one order each: {"number", "customer" (phone in any Indonesian form), "name",
 * "createdAt", "status", "total", "paymentStatus", "completedAt"}. Every line is validated first; bad
 * lines are named on stderr (`line N: …`) and the run stops with exit code 2, printing nothing.
 * The history is loaded into a fresh database (MONGODB_URI when set, else an in-process test server)
 * through the order-import use case, then the same report use cases the console shows run on it:
 *   rfm      one line per customer with a completed order: {"customer", "recency", "frequency",
 *            "monetary", "r", "f", "m", "segment"} (definitions: domain/reports/rfm.use-case.ts, rules
 *            and the segment table: domain/reports/rfm.rules.ts)
 *   monthly  one line per calendar month in the shop's zone up to --now: {"month", "orders", "revenue"}
 *            (definitions: domain/reports/monthly.use-case.ts)
 * --now defaults to the current time (an ISO time without an offset is read in --tz); --tz defaults to
 * the shop setting (Asia/Jakarta). Timings go to stderr.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ensureIndexes } from '../domain/models.js';
import {
  type ImportedOrder,
  ImportedOrderSchema,
  importOrders,
} from '../domain/orders/order-import.use-case.js';
import { loadConfig } from '../domain/platform/config.js';
import { loadDataKeys } from '../domain/platform/data-keys.js';
import { describeError } from '../domain/platform/errors.js';
import { openConnection, startEmulatedMongo } from '../domain/platform/mongo.js';
import { isTimeZone } from '../domain/platform/time-zone.js';
import { monthlyReport } from '../domain/reports/monthly.use-case.js';
import { rfmReport } from '../domain/reports/rfm.use-case.js';
import { DEFAULT_SETTINGS } from '../domain/settings/settings.model.js';
import { readNow } from './cli-time.js';

const REPORTS = ['rfm', 'monthly'] as const;
type Report = (typeof REPORTS)[number];
const USAGE =
  'usage: npx tsx scripts/report.ts <rfm|monthly> --orders <file.jsonl> [--now <ISO>] [--tz <zone>]';
/** Bad lines named before giving up (a wholly wrong file would otherwise flood the terminal). */
const MAX_PROBLEMS = 20;

function fail(message: string): never {
  process.stderr.write(`report: ${message}\n`);
  process.exit(2);
}

function readArgs() {
  let parsed: { values: { orders?: string; now?: string; tz?: string }; positionals: string[] };
  try {
    parsed = parseArgs({
      options: { orders: { type: 'string' }, now: { type: 'string' }, tz: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    fail(`${describeError(error)}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const report = positionals[0];
  if (positionals.length !== 1 || !REPORTS.includes(report as Report))
    fail(`name one report: rfm or monthly\n${USAGE}`);
  if (!values.orders) fail(`missing --orders <file.jsonl>\n${USAGE}`);
  if (values.tz !== undefined && !isTimeZone(values.tz))
    fail(`invalid --tz: unknown time zone "${values.tz}"`);
  return { report: report as Report, file: values.orders, now: values.now, tz: values.tz };
}

/** Every order of the file, or the run stops naming the bad lines. */
async function readOrders(file: string): Promise<ImportedOrder[]> {
  const orders: ImportedOrder[] = [];
  const problems: string[] = [];
  let lineNumber = 0;
  const input = createReadStream(file, 'utf8');
  input.on('error', (error) => fail(`cannot read ${file}: ${describeError(error)}`));
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNumber++;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line);
    } catch (error) {
      problems.push(`line ${lineNumber}: not JSON (${describeError(error)})`);
      if (problems.length >= MAX_PROBLEMS) break;
      continue;
    }
    const order = ImportedOrderSchema.safeParse(json);
    if (order.success) orders.push(order.data);
    else {
      const issue = order.error.issues[0];
      problems.push(
        `line ${lineNumber}: ${issue?.path.join('.') || 'order'}: ${issue?.message ?? 'invalid'}`,
      );
      if (problems.length >= MAX_PROBLEMS) break;
    }
  }
  if (problems.length > 0) fail(`${file}: nothing reported, fix these lines first:\n${problems.join('\n')}`);
  return orders;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(2)} s`;

const args = readArgs();
// A fresh database has the default settings: the shop's zone is Asia/Jakarta unless --tz says otherwise.
const timeZone = args.tz ?? DEFAULT_SETTINGS.timeZone;
const now =
  readNow(args.now, timeZone) ??
  fail(`invalid --now: expected an ISO datetime such as 2026-11-23T10:00:00+07:00, got "${args.now}"`);
const started = performance.now();
const orders = await readOrders(args.file);
const config = loadConfig();
loadDataKeys(config);
const server = config.mongo.uri ? undefined : await startEmulatedMongo();
const connection = await openConnection(
  config.mongo.uri ?? server!.uri,
  `report_${randomBytes(6).toString('hex')}`,
);
try {
  await ensureIndexes(connection);
  const loading = performance.now();
  await importOrders(connection, orders, { actor: { kind: 'system', name: 'report' }, at: now });
  const imported = seconds(loading);
  const computing = performance.now();
  const lines =
    args.report === 'rfm'
      ? (await rfmReport(connection, { now, timeZone })).map(
          ({ customer, recency, frequency, monetary, r, f, m, segment }) => ({
            customer,
            recency,
            frequency,
            monetary,
            r,
            f,
            m,
            segment,
          }),
        )
      : await monthlyReport(connection, { now, timeZone });
  const computed = seconds(computing);
  for (const line of lines)
    if (!process.stdout.write(`${JSON.stringify(line)}\n`)) await once(process.stdout, 'drain');
  process.stderr.write(
    `report: ${orders.length} orders; import ${imported}, ${args.report} ${computed}, total ${seconds(started)}\n`,
  );
} catch (error) {
  process.stderr.write(`report: failed: ${describeError(error)}\n`);
  process.exitCode = 1;
} finally {
  await connection.dropDatabase();
  await connection.close();
  await server?.stop();
}
