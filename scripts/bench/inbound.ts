/**
 * Inbound pipeline benchmark: N customer messages from many contacts through the simulator transport,
 * the inbox (store before processing, dedupe, per-chat order), a trivial echo handler and the outbox.
 *
 *   npx tsx scripts/bench/inbound.ts [--messages 5000] [--chats 500] [--rate <msg/s>]
 *
 * Without --rate all messages arrive at once (a burst, like catching up after a reconnect), so latency
 * includes queueing behind the burst; with --rate they arrive evenly paced.
 * The database is MONGODB_URI when set, otherwise the test server in a separate process, so the
 * peak RSS printed is the bot's own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildBot } from '../../bot/bot.js';
import type { Handler } from '../../bot/inbox/compose.js';
import { SimulatorTransport } from '../../bot/transport/simulator/simulator-transport.js';
import { loadConfig } from '../../domain/platform/config.js';
import { loadDataKeys } from '../../domain/platform/data-keys.js';
import { createLogger } from '../../domain/platform/logger.js';
import { openConnection } from '../../domain/platform/mongo.js';
import { projectRoot } from '../../domain/platform/paths.js';

const Args = z.object({
  messages: z.coerce.number().int().positive().default(5000),
  chats: z.coerce.number().int().positive().default(500),
  rate: z.coerce.number().positive().optional(),
});
const args = Args.parse(
  parseArgs({
    options: { messages: { type: 'string' }, chats: { type: 'string' }, rate: { type: 'string' } },
  }).values,
);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

async function testServerProcess(): Promise<{ uri: string; child: ChildProcess }> {
  const root = projectRoot();
  const child = spawn(
    `${root}/node_modules/.bin/tsx`,
    ['scripts/mongo-emulator/main.ts', '--port', String(await freePort())],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  for await (const line of createInterface({ input: child.stdout! })) {
    const ready = /^ready (mongodb:\/\/\S+)$/.exec(line);
    if (ready) return { uri: ready[1]!, child };
  }
  throw new Error('the test server exited before it was ready');
}

const config = loadConfig();

loadDataKeys(config);
const server = config.mongo.uri ? { uri: config.mongo.uri, child: undefined } : await testServerProcess();
const connection = await openConnection(server.uri, `bench_inbound_${Date.now()}`);
const log = createLogger({ env: 'production', logLevel: 'warn' }, 'bench');

const receivedAt = new Map<string, number>();
const latencies: number[] = [];
let finished: () => void = () => {};
const allDone = new Promise<void>((resolve) => (finished = resolve));
const echo: Handler = async (context) => {
  await context.reply(`echo: ${context.message.body}`);
  latencies.push(performance.now() - receivedAt.get(context.message.id)!);
  if (latencies.length === args.messages) finished();
};

const transport = new SimulatorTransport();
const bot = buildBot({
  connection,
  transport,
  log,
  config: { ...config, dataDir: '/tmp/pesanin-bench' },
  handlers: [echo],
});
await bot.start();

const baselineRss = process.memoryUsage.rss();
let peakRss = baselineRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 20);

const started = performance.now();
for (let index = 0; index < args.messages; index += 1) {
  const chatId = `62812${String(index % args.chats).padStart(7, '0')}@c.us`;
  const id = `BENCH-${index}`;
  receivedAt.set(id, performance.now());
  if (args.rate) await new Promise((resolve) => setTimeout(resolve, 1000 / args.rate!));
  transport.receive({
    chatId,
    id,
    body: `pesan 2 buket mawar nomor ${index}`,
    pushName: `Pelanggan ${index % args.chats}`,
  });
}
await allDone;
const elapsedMs = performance.now() - started;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage.rss());

latencies.sort((a, b) => a - b);
const percentile = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
console.log(
  [
    `messages: ${args.messages} from ${args.chats} chats, ${args.rate ? `${args.rate} msg/s` : 'all at once'} (database: ${config.mongo.uri ? 'MONGODB_URI' : 'test server process'})`,
    `throughput: ${(args.messages / (elapsedMs / 1000)).toFixed(0)} msg/s`,
    `latency receipt → reply queued: p50 ${percentile(50).toFixed(1)} ms, p99 ${percentile(99).toFixed(1)} ms`,
    `peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB (${(baselineRss / 1024 / 1024).toFixed(0)} MB after start-up)`,
  ].join('\n'),
);

await bot.stop();
await connection.dropDatabase();
await connection.close();
server.child?.kill('SIGTERM');
