import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { z } from 'zod';
import { productModel } from '../../domain/catalog/product.model.js';
import { messageModel } from '../../domain/messages/message.model.js';
import { orderModel } from '../../domain/orders/order.model.js';
import { outboxModel } from '../../domain/outbox/outbox.model.js';
import { parseConfig } from '../../domain/platform/config.js';
import { generateKeys, loadDataKeys } from '../../domain/platform/data-keys.js';
import { openConnection } from '../../domain/platform/mongo.js';
import { projectRoot } from '../../domain/platform/paths.js';
import { updateSettings } from '../../domain/settings/settings.use-case.js';
import type { WaSimMedia } from '../wa-sim/server.js';
import { checkSoak } from './check.js';
import { isAlive, killAll, killHard, peakRss, sleep, startChild, stopChild } from './children.js';
import { chatOf, customerScript, type Posted, SOAK_CATALOG, StandIn, type Step } from './customers.js';

/**
 * The kill -9 soak (issue 10, items 4 and 7):
 *
 *   npx tsx scripts/soak/kill9.ts [--contacts 200] [--messages 1200] [--rate 6] [--kills 3] [--seed 1]
 *
 * Starts the test server, the WhatsApp stand-in, the console and the bot as child processes, drives the
 * customers' conversations at a steady rate, kills the bot with SIGKILL at random moments (and once
 * right after a send, while the outbox is sending a burst), restarts it each time, waits until all is
 * quiet, then checks the database (through the models) against what the stand-in saw. The last line is
 * `messages N, lost L, duplicate replies D, duplicate orders O, restarts K`; exit 1 when L, D or O is not 0.
 */

const Options = z.object({
  contacts: z.coerce.number().int().min(1).max(10_000),
  messages: z.coerce.number().int().min(1),
  rate: z.coerce.number().positive().max(50),
  kills: z.coerce.number().int().min(0).max(20),
  seed: z.coerce.number().int(),
  replyWaitMs: z.coerce.number().int().min(1_000),
  timeoutMs: z.coerce.number().int().min(10_000),
});

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '200' },
    messages: { type: 'string', default: '1200' },
    rate: { type: 'string', default: '6' },
    kills: { type: 'string', default: '3' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    'reply-wait-ms': { type: 'string', default: '90000' },
    'timeout-ms': { type: 'string', default: '540000' },
  },
});
const options = Options.parse({
  ...values,
  replyWaitMs: values['reply-wait-ms'],
  timeoutMs: values['timeout-ms'],
});

/** A small seeded generator (mulberry32), so a run can be repeated with --seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = seeded(options.seed);
const between = (low: number, high: number) => low + random() * (high - low);

const started = Date.now();
const elapsed = (at = Date.now()) => `${((at - started) / 1000).toFixed(1)} s`;
const say = (line: string) => process.stdout.write(`${line}\n`);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

async function photo(r: number, g: number, b: number, filename: string): Promise<WaSimMedia> {
  const data = await sharp({ create: { width: 96, height: 96, channels: 3, background: { r, g, b } } })
    .jpeg()
    .toBuffer();
  return { mimetype: 'image/jpeg', data: data.toString('base64'), filename };
}

const abort = async (code: number) => {
  const survivors = await killAll();
  if (survivors.length > 0) say(`processes still running: ${survivors.join(', ')}`);
  process.exit(code);
};
process.once('SIGINT', () => void abort(130));
process.once('SIGTERM', () => void abort(143));

async function main(): Promise<number> {
  const root = projectRoot();
  const workDir = await mkdtemp(path.join(tmpdir(), 'pesanin-soak-'));
  const logOf = (name: string) => path.join(workDir, `${name}.log`);
  say(
    `soak: ${options.contacts} contacts, ${options.messages} messages at ${options.rate}/s, ` +
      `${options.kills} random kills + 1 mid-burst, seed ${options.seed}, logs in ${workDir} (removed if all is well)`,
  );

  const [mongo, sim] = await Promise.all([
    startChild('test-server', 'scripts/mongo-emulator/main.ts', ['--port', '0'], {
      cwd: root,
      env: process.env,
      logFile: logOf('test-server'),
      ready: /^ready (mongodb:\/\/\S+)/,
    }),
    startChild('wa-sim', 'scripts/wa-sim/main.ts', ['--port', '0', '--redelivery-ms', '3000'], {
      cwd: root,
      env: process.env,
      logFile: logOf('wa-sim'),
      ready: /^ready (http:\/\/\S+)/,
    }),
  ]);
  const mongoUri = mongo.ready[1]!;
  const simUrl = sim.ready[1]!;

  // Customer data is encrypted below the models: the bot, the console and this process share fresh keys.
  const keys = generateKeys('soak1');
  const dataDir = path.join(workDir, 'data');
  loadDataKeys(parseConfig({ DATA_KEYS: keys.dataKeys, DATA_INDEX_KEY: keys.indexKey, DATA_DIR: dataDir }));

  // The shop: open around the clock (no away message, whatever the hour), the florist's catalog.
  const connection = await openConnection(mongoUri);
  const day = { open: '00:00', close: '24:00' };
  const hours = Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((weekday) => [weekday, day]));
  const settings = await updateSettings(
    connection,
    { shopName: 'Melati Buket & Hampers', businessHours: hours },
    { actor: { kind: 'system', name: 'soak' }, at: new Date() },
  );
  if (!settings.ok) throw new Error(`settings: ${settings.details}`);
  for (const product of SOAK_CATALOG) {
    await productModel(connection).create({
      ...product,
      aliases: [...product.aliases],
      active: true,
      createdAt: new Date(),
    });
  }

  const consolePort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    MONGODB_URI: mongoUri,
    DATA_DIR: dataDir,
    DATA_KEYS: keys.dataKeys,
    DATA_INDEX_KEY: keys.indexKey,
    TRANSPORT: 'simulator',
    WA_SIM_URL: simUrl,
    HOST: '127.0.0.1',
    PORT: String(consolePort),
    PUBLIC_BASE_URL: `http://127.0.0.1:${consolePort}`,
    // As fast as the configuration allows: 10 sends a second, 1.5 s between two to one chat.
    SEND_GAP_MS: '1500',
    SEND_PER_MINUTE: '600',
  };
  for (const name of ['SMTP_URL', 'OWNER_EMAIL', 'SMTP_FROM', 'MONGO']) delete env[name];
  const startBot = () =>
    startChild('bot', 'bot/main.ts', [], {
      cwd: root,
      env,
      logFile: logOf('bot'),
      ready: /"msg":"bot ready"/,
    });
  const [consoleStarted, botStarted] = await Promise.all([
    startChild('console', 'console/server/main.ts', [], {
      cwd: root,
      env,
      logFile: logOf('console'),
      ready: /"msg":"console ready"/,
    }),
    startBot(),
  ]);
  const consoleChild = consoleStarted.child;
  let bot = botStarted.child;
  say(
    `started: test server ${mongo.child.pid}, stand-in ${sim.child.pid}, console ${consoleChild.pid}, bot ${bot.pid} (${elapsed()})`,
  );

  // Peak memory: VmHWM of each bot run (the last sample before its kill stands) and of the console.
  let botPeak = 0;
  let consolePeak = 0;
  const sampleRss = async () => {
    botPeak = Math.max(botPeak, (await peakRss(bot.pid)) ?? 0);
    consolePeak = Math.max(consolePeak, (await peakRss(consoleChild.pid)) ?? 0);
  };
  const sampler = setInterval(() => void sampleRss(), 1_000);
  // The console under a little load too: its health and the tracking pages are what customers hit.
  const consolePoller = setInterval(() => {
    void fetch(`http://127.0.0.1:${consolePort}/api/health`).then(
      (response) => response.arrayBuffer(),
      () => undefined,
    );
  }, 500);

  const standIn = new StandIn(simUrl);
  const reference = await photo(240, 170, 190, 'referensi.jpg');
  const proof = await photo(30, 90, 200, 'bukti-transfer.jpg');

  // Customers: each waits for the bot's answer before going on; one message leaves every 1/rate s.
  const perContact = (index: number) =>
    Math.floor(options.messages / options.contacts) + (index < options.messages % options.contacts ? 1 : 0);
  const scripts = Array.from({ length: options.contacts }, (_, index) =>
    customerScript(index, perContact(index)),
  );
  const total = scripts.reduce((sum, script) => sum + script.length, 0);
  const next = scripts.map(() => 0);
  const ready: number[] = scripts.map((_, index) => index).filter((index) => scripts[index]!.length > 0);
  const posted: Posted[] = [];
  const waits = new Set<Promise<void>>();
  let following = true;
  const follower = (async () => {
    while (following) {
      await standIn.follow().catch(() => []);
      await sleep(100);
    }
  })();

  const converse = async (index: number) => {
    const step: Step = scripts[index]![next[index]!]!;
    next[index]! += 1;
    const chatId = chatOf(index);
    const before = standIn.sentTo(chatId).length;
    const media = step.media === 'reference' ? reference : step.media === 'proof' ? proof : undefined;
    const id = await standIn.post(chatId, step.body, `Pelanggan ${index + 1}`, media);
    const record: Posted = { id, chatId, step, at: Date.now() };
    posted.push(record);
    const deadline = Date.now() + options.replyWaitMs;
    while (Date.now() < deadline) {
      if (standIn.sentTo(chatId, before).some((sent) => step.expect.test(sent.text))) {
        record.answeredAt = Date.now();
        break;
      }
      await sleep(150);
    }
    if (next[index]! < scripts[index]!.length) ready.push(index);
  };

  // Kill plan: random moments spread over the driving time, one of them mid-burst.
  const driving = Date.now();
  const driveMs = (total / options.rate) * 1000;
  const plan: { at: number; burst: boolean }[] = [];
  const slots = options.kills + 1;
  for (let slot = 0; slot < slots; slot++) {
    const from = 0.08 + (0.8 * slot) / slots;
    const to = 0.08 + (0.8 * (slot + 1)) / slots - 0.04;
    plan.push({ at: driving + driveMs * between(from, to), burst: slot === Math.floor(slots / 2) });
  }
  const kills: number[] = [];
  let restarts = 0;
  const killer = (async () => {
    for (const kill of plan) {
      await sleep(Math.max(0, kill.at - Date.now()));
      let note = '';
      if (kill.burst) note = await waitForBurst(standIn);
      await sampleRss();
      const at = Date.now();
      await killHard(bot);
      kills.push(at);
      const pauseMs = between(500, 3_000);
      say(`kill -9 bot ${bot.pid} at ${elapsed(at)}${note}; restart in ${(pauseMs / 1000).toFixed(1)} s`);
      await sleep(pauseMs);
      bot = (await startBot()).child;
      restarts += 1;
    }
  })();

  const tickMs = 1000 / options.rate;
  let sentCount = 0;
  while (sentCount < total) {
    if (Date.now() - started > options.timeoutMs) throw new Error('the soak ran out of time while driving');
    const index = ready.shift();
    if (index === undefined) {
      await sleep(20);
      continue;
    }
    sentCount += 1;
    const wait = converse(index);
    waits.add(wait);
    void wait.finally(() => waits.delete(wait));
    await sleep(tickMs);
    while (ready.length === 0 && waits.size > 0 && sentCount < total)
      await Promise.race([...waits, sleep(50)]);
  }
  await Promise.all(waits);
  await killer;
  say(
    `all ${posted.length} customer messages posted, ${kills.length} kills (${elapsed()}); waiting for quiet`,
  );

  // Quiet: everything acknowledged and processed, the outbox empty, no new send for 3 s.
  let lastSent = -1;
  let stillSince = Date.now();
  for (;;) {
    if (Date.now() - started > options.timeoutMs)
      throw new Error('the soak ran out of time waiting for quiet');
    await standIn.follow();
    const state = await standIn.state();
    const busy = await outboxModel(connection).countDocuments({ state: { $in: ['pending', 'sending'] } });
    const unprocessed = await messageModel(connection).countDocuments({
      direction: 'in',
      'processing.state': { $in: ['pending', 'processing'] },
    });
    if (state.sent !== lastSent || state.unacked > 0 || busy > 0 || unprocessed > 0) {
      lastSent = state.sent;
      stillSince = Date.now();
    } else if (Date.now() - stillSince >= 3_000) {
      break;
    }
    await sleep(500);
  }
  following = false;
  await follower;
  clearInterval(consolePoller);
  clearInterval(sampler);
  await sampleRss();

  // Read through the models (personal fields are encrypted below them), whole collections: the
  // comparisons are made here, on the decrypted values.
  const stored = await messageModel(connection)
    .find({ direction: 'in' })
    .select({ waId: 1, processing: 1 })
    .lean();
  const outbox = await outboxModel(connection).find({}).select({ key: 1, state: 1, waId: 1 }).lean();
  const orders = await orderModel(connection).find({}).select({ chatId: 1, kind: 1, requestKey: 1 }).lean();
  const failedSends = outbox.filter((item) => item.state === 'failed').length;
  const records = { posted, stored, outbox, orders, sent: standIn.sent, kills };
  const figures = checkSoak(records);
  const failed = figures.lost > 0 || figures.duplicateReplies > 0 || figures.duplicateOrders > 0;
  // What went wrong can be read afterwards: everything the check saw, beside the processes' logs.
  if (failed) await writeFile(path.join(workDir, 'records.json'), JSON.stringify(records, null, 1));
  await connection.close();

  // Stop everything by the PIDs started here, and make sure nothing is left.
  await stopChild(bot);
  await stopChild(consoleChild);
  await stopChild(sim.child);
  await stopChild(mongo.child);
  const survivors = await killAll();
  const allPids = [mongo.child.pid, sim.child.pid, consoleChild.pid, bot.pid];
  const running = allPids.filter(isAlive);

  const answered = posted.filter((post) => post.answeredAt !== undefined).length;
  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
  say(`answers the customers waited for: ${answered}/${posted.length}`);
  say(
    `stored ${stored.length}, processed again after a kill ${figures.reprocessed}; lost: not stored ` +
      `${figures.lostWhy.notStored}, stored twice ${figures.lostWhy.storedTwice}, not processed ` +
      `${figures.lostWhy.notProcessed}, no reply ${figures.lostWhy.noReply}, not the reply waited for ` +
      `${figures.lostWhy.wrongReply}`,
  );
  say(
    `orders ${figures.orders} (confirmed conversations ${figures.confirmed}); replies sent ${standIn.sent.length}, ` +
      `unrecorded by the outbox ${figures.unrecorded}, failed ${failedSends}`,
  );
  say(`peak RSS bot ${mb(botPeak)} (simulator: no Chromium), console ${mb(consolePeak)}`);
  say(`processes left ${survivors.length + running.length}; wall ${elapsed()}`);
  if (failed) say(`what the check saw: ${path.join(workDir, 'records.json')}`);
  say(`window ${figures.window}`);
  say(
    `messages ${figures.messages}, lost ${figures.lost}, duplicate replies ${figures.duplicateReplies}, ` +
      `duplicate orders ${figures.duplicateOrders}, restarts ${restarts}`,
  );
  // The logs and files are kept only when something went wrong.
  if (!failed && survivors.length + running.length === 0) await rm(workDir, { recursive: true, force: true });
  return failed ? 1 : 0;
}

/** Wait until the stand-in is recording a burst of sends (3 within a second) and one has just landed. */
async function waitForBurst(standIn: StandIn): Promise<string> {
  const history: { at: number; sent: number }[] = [];
  const giveUp = Date.now() + 15_000;
  while (Date.now() < giveUp) {
    const { sent } = await standIn.state();
    const at = Date.now();
    const previous = history.at(-1);
    history.push({ at, sent });
    while (history.length > 0 && history[0]!.at < at - 1_000) history.shift();
    const inLastSecond = sent - (history[0]?.sent ?? sent);
    if (previous && sent > previous.sent && inLastSecond >= 3)
      return ` (mid-burst: ${inLastSecond} sends in the last second)`;
    await sleep(5);
  }
  return ' (no burst within 15 s)';
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    say(`soak failed: ${error instanceof Error ? error.message : String(error)}`);
    const survivors = await killAll();
    if (survivors.length > 0) say(`processes still running: ${survivors.join(', ')}`);
    process.exit(2);
  },
);
