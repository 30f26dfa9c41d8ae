/**
 * Run a chat scenario through the real bot pipeline on the simulator transport.
 *
 *   npx tsx scripts/simulate.ts <scenario.json> [--dump] [--keep]
 *
 * Prints one JSON line per message the bot sends, in send order: {"to": "+62…", "text": "…", "media"?: "…"};
 * with --dump a last line {"dump": {contacts, leads, orders, payments, tasks}} with each record's
 * business fields. The database is MONGODB_URI when set, otherwise an in-process test server; the
 * scenario's clock starts at "now" and moves only by 1 s per step and by each step's "advance"; after
 * each move the scheduled jobs (reminders, the daily invoice check and digest…) run once at that time,
 * and what they send is printed before the step's own message is handled. With --keep (and MONGODB_URI)
 * the scenario's database is left for inspection and its name printed on stderr, e.g. for
 * `scripts/check-privacy.ts`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runScenario, ScenarioSchema } from '../bot/simulation/scenario.js';
import { loadConfig } from '../domain/platform/config.js';
import { loadDataKeys } from '../domain/platform/data-keys.js';
import { describeError } from '../domain/platform/errors.js';

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};

const { values, positionals } = parseArgs({
  options: { dump: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const file = positionals[0] ?? fail('usage: npx tsx scripts/simulate.ts <scenario.json> [--dump] [--keep]');

const text = await readFile(file, 'utf8').catch((error: unknown) =>
  fail(`cannot read ${file}: ${describeError(error)}`),
);
let raw: unknown;
try {
  raw = JSON.parse(text);
} catch (error) {
  fail(`${file} is not JSON: ${describeError(error)}`);
}
const parsed = ScenarioSchema.safeParse(raw);
if (!parsed.success) {
  const issue = parsed.error.issues[0]!;
  fail(`${file}: ${issue.path.join('.') || 'scenario'}: ${issue.message}`);
}

const config = loadConfig();

loadDataKeys(config);
await runScenario(parsed.data!, {
  mongoUri: config.mongo.uri,
  baseDir: path.dirname(path.resolve(file)),
  dump: values.dump === true,
  keep: values.keep === true,
  onKept: (name) => process.stderr.write(`kept database ${name}\n`),
  write: (line) => process.stdout.write(`${JSON.stringify(line)}\n`),
}).catch((error: unknown) => fail(`simulation failed: ${describeError(error)}`));
