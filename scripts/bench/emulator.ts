/**
 * Test-server benchmark: mongoose against scripts/mongo-emulator running in its own process,
 * as the tests use it.
 *
 *   npx tsx scripts/bench/emulator.ts
 *
 * Prints the time of 10,000 sequential Model.create(), 1,000 findOne on a unique-indexed field
 * (the equality fast path) and 1,000 findOne on a field without an index (a scan of 10,000 documents).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import mongoose, { Schema } from 'mongoose';

const DOCS = 10_000;
const LOOKUPS = 1_000;

const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const main = fileURLToPath(new URL('../mongo-emulator/main.ts', import.meta.url));
const server = spawn(tsx, [main, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const [line] = (await once(createInterface({ input: server.stdout }), 'line')) as [string];
const uri = line.replace(/^ready /, '');

const connection = await mongoose.createConnection(`${uri}/bench`).asPromise();
const Contact = connection.model(
  'Contact',
  new Schema({ email: { type: String, required: true, unique: true }, note: String, n: Number }),
);
await Contact.init();

async function timed(label: string, work: () => Promise<void>): Promise<void> {
  const start = performance.now();
  await work();
  const seconds = (performance.now() - start) / 1000;
  process.stdout.write(`${label.padEnd(44)} ${seconds.toFixed(2)} s\n`);
}

const pick = () => Math.floor(Math.random() * DOCS);

await timed(`${DOCS} sequential Model.create()`, async () => {
  for (let i = 0; i < DOCS; i++) {
    await Contact.create({ email: `c${i}@example.com`, note: `note ${i}`, n: i });
  }
});
await timed(`${LOOKUPS} findOne on a unique-indexed field`, async () => {
  for (let i = 0; i < LOOKUPS; i++) {
    const email = `c${pick()}@example.com`;
    if (!(await Contact.findOne({ email }).lean())) throw new Error(`missing ${email}`);
  }
});
await timed(`${LOOKUPS} findOne on a non-indexed field`, async () => {
  for (let i = 0; i < LOOKUPS; i++) {
    const note = `note ${pick()}`;
    if (!(await Contact.findOne({ note }).lean())) throw new Error(`missing ${note}`);
  }
});

await connection.close();
server.kill('SIGTERM');
await once(server, 'exit');
