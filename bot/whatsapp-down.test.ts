import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import wweb from 'whatsapp-web.js';
import type { App } from '../console/server/app.js';
import { buildTestApp, loginAs, staffUser } from '../console/server/testing/app-harness.js';
import { createMailer } from '../domain/alerts/mailer.js';
import { type SmtpSink, startSmtpSink } from '../domain/alerts/testing/smtp-sink.js';
import { createScheduler, type Scheduler } from '../domain/jobs/scheduler.js';
import { ALL_JOBS } from '../domain/jobs/schedules.js';
import { WHATSAPP_ALERTS } from '../domain/jobs/whatsapp-alerts.job.js';
import { ManualClock } from '../domain/platform/clock.js';
import { parseConfig } from '../domain/platform/config.js';
import { createLogger } from '../domain/platform/logger.js';
import { useTestDatabase } from '../domain/platform/testing/database.js';
import { updateSettings } from '../domain/settings/settings.use-case.js';
import { readSessionState } from '../domain/whatsapp/session.use-case.js';
import { type Bot, buildBot } from './bot.js';
import { createWhatsAppTransport } from './transport/whatsapp/whatsapp-transport.js';

/**
 * Issue 13 item 4: the real WhatsApp transport (whatsapp-web.js's Client with Chromium left out) driven
 * into the lost state and back, the bot recording each state on a manual clock, the console's banner
 * read through GET /api/status, and the owner's e-mails caught by a local SMTP server.
 */
const db = useTestDatabase();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'whatsapp-down-test');
const t0 = new Date('2026-11-23T03:00:00Z'); // 10:00 in Jakarta
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const OWNER = 'sari@toko-mawar.test';

/** The library's Client without a browser: initialize() succeeds at once, events come from the test. */
class FakeClient extends wweb.Client {
  override async initialize(): Promise<void> {}
  override async destroy(): Promise<void> {}
}

const clock = new ManualClock(t0);
const clients: FakeClient[] = [];
let smtp: SmtpSink;
let bot: Bot;
let app: App;
let scheduler: Scheduler;
let admin: { cookie: string; 'x-csrf-token': string };
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pesanin-whatsapp-down-'));
  await updateSettings(
    db.connection,
    { shopName: 'Toko Mawar', publicBaseUrl: 'https://toko-mawar.test' },
    { actor: { kind: 'system', name: 'test' }, at: t0 },
  );
  smtp = await startSmtpSink();
  // The configuration an operator writes, through the same parsing as at start-up.
  const config = parseConfig({
    SMTP_URL: smtp.url,
    OWNER_EMAIL: OWNER,
    SMTP_FROM: 'Pesanin <pesanin@toko-mawar.test>',
  });
  if (!config.email) throw new Error('e-mail alerts not configured');
  const transport = createWhatsAppTransport({
    config: { dataDir, chromiumPath: '/usr/bin/chromium' },
    log,
    // Reconnect attempts follow each other at once: the test, not the backoff, decides how long it is down.
    backoff: { initialMs: 1, maxMs: 1 },
    random: () => 0,
    printQr: () => {},
    createClient: (options) => {
      const client = new FakeClient(options);
      clients.push(client);
      return client;
    },
  });
  bot = buildBot({ connection: db.connection, transport, log, config: { ...config, dataDir }, clock });
  // The bot process's scheduler as bot/main.ts builds it, limited to the alerts job and run by hand.
  scheduler = createScheduler({
    connection: db.connection,
    log,
    clock,
    jobs: ALL_JOBS.filter((job) => job.name === WHATSAPP_ALERTS),
    ownerMail: { mailer: createMailer(config.email), to: config.email.to },
  });
  ({ app } = await buildTestApp(db.connection, { clock }));
  await staffUser(db.connection, 'admin');
  admin = await loginAs(app, 'admin');
});

afterAll(async () => {
  await bot?.stop();
  await app?.close();
  await smtp?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Wait until the bot has written the state the transport reported (its writes are asynchronous). */
const recorded = (state: string) =>
  vi.waitFor(async () => expect(await readSessionState(db.connection)).toBe(state));

/** The current client, once the transport has made the `count`-th one (reconnects make new ones). */
const client = async (count: number) => {
  await vi.waitFor(() => expect(clients).toHaveLength(count));
  return clients[count - 1]!;
};

const advance = async (ms: number) => clock.advance(ms);
const banner = async () =>
  (await app.inject({ method: 'GET', url: '/api/status', headers: admin })).json().whatsappDown;
/** One run of the bot's every-minute job. */
const jobRuns = async () => scheduler.runDue(clock.now());

let made = 0;
/** WhatsApp drops, and the transport's next attempt connects `downFor` later. */
async function blip(downFor: number): Promise<void> {
  clients[made - 1]!.emit('disconnected', 'NAVIGATION');
  await recorded('disconnected');
  made += 1;
  const next = await client(made);
  await advance(downFor);
  next.emit('ready');
  await recorded('ready');
}

describe('WhatsApp-down alerts', () => {
  it('show the banner and send exactly one e-mail per real outage, none for blips however many', async () => {
    await bot.start();
    made = 1;
    (await client(1)).emit('ready');
    await recorded('ready');
    expect(await banner()).toBeNull();

    // Flapping: five drops of 30 s to 2 min within ten minutes. Nothing is shown, nothing sent.
    for (const downFor of [30 * SECOND, 45 * SECOND, 2 * MINUTE, 30 * SECOND, 60 * SECOND]) {
      await advance(MINUTE);
      await blip(downFor);
      await jobRuns();
      expect(await banner()).toBeNull();
    }
    expect(smtp.mails).toEqual([]);

    // A real outage: the network is gone, every reconnect attempt fails.
    await advance(MINUTE);
    const since = clock.now();
    clients[made - 1]!.emit('disconnected', 'NAVIGATION');
    await recorded('disconnected');
    for (let minute = 1; minute <= 4; minute += 1) {
      await advance(MINUTE);
      made += 1;
      (await client(made)).emit('disconnected', 'NAVIGATION');
      await jobRuns();
      expect(await banner()).toBeNull();
    }
    expect(smtp.mails).toEqual([]);
    // Five minutes: past the reconnect budget. The banner shows it and the owner gets one e-mail.
    await advance(MINUTE);
    expect(await banner()).toEqual({
      since: since.toISOString(),
      state: 'disconnected',
      cause: 'disconnected',
      detail: 'WhatsApp disconnected (NAVIGATION)',
      needsScan: false,
    });
    await jobRuns();
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({
      to: [OWNER],
      from: 'Pesanin <pesanin@toko-mawar.test>',
      subject: '[Toko Mawar] WhatsApp terputus sejak 23/11/2026 10:10 (Asia/Jakarta)',
    });
    expect(smtp.mails[0]?.text).toContain('Bot terus mencoba menyambung ulang sendiri');
    expect(smtp.mails[0]?.text).toContain('https://toko-mawar.test/whatsapp');
    // Still down, still flapping between attempts: no second e-mail.
    for (let minute = 1; minute <= 3; minute += 1) {
      await advance(MINUTE);
      made += 1;
      (await client(made)).emit('disconnected', 'NAVIGATION');
      await jobRuns();
    }
    expect(smtp.mails).toHaveLength(1);

    // Back: the banner goes, the owner hears it is back (once).
    await advance(MINUTE);
    made += 1;
    (await client(made)).emit('ready');
    await recorded('ready');
    expect(await banner()).toBeNull();
    await jobRuns();
    await advance(MINUTE);
    await jobRuns();
    expect(smtp.mails.map((mail) => mail.subject)).toEqual([
      '[Toko Mawar] WhatsApp terputus sejak 23/11/2026 10:10 (Asia/Jakarta)',
      '[Toko Mawar] WhatsApp tersambung lagi',
    ]);
    expect(smtp.mails[1]?.text).toContain('setelah terputus 9 menit');

    // More blips afterwards: nothing more.
    for (const downFor of [20 * SECOND, 90 * SECOND, 40 * SECOND]) {
      await advance(MINUTE);
      await blip(downFor);
      await jobRuns();
    }
    expect(smtp.mails).toHaveLength(2);
  });

  it('show a logout at once as needing a scan, and e-mail it once it outlasts the budget', async () => {
    await advance(MINUTE);
    const since = clock.now();
    clients[made - 1]!.emit('disconnected', 'LOGOUT');
    await recorded('logged_out');
    // WhatsApp Web reloads and shows a new QR code to scan.
    clients[made - 1]!.emit('qr', '2@new-code');
    await recorded('qr');
    expect(await banner()).toMatchObject({
      since: since.toISOString(),
      state: 'qr',
      cause: 'logged_out',
      needsScan: true,
    });
    await advance(MINUTE);
    await jobRuns();
    expect(smtp.mails).toHaveLength(2);
    await advance(4 * MINUTE);
    await jobRuns();
    await jobRuns();
    expect(smtp.mails).toHaveLength(3);
    expect(smtp.mails[2]?.text).toContain('pindai kode QR');
    // Scanned: linked again.
    clients[made - 1]!.emit('ready');
    await recorded('ready');
    expect(await banner()).toBeNull();
    await jobRuns();
    expect(smtp.mails.map((mail) => mail.subject.replace(/ sejak .*/, ''))).toEqual([
      '[Toko Mawar] WhatsApp terputus',
      '[Toko Mawar] WhatsApp tersambung lagi',
      '[Toko Mawar] WhatsApp terputus',
      '[Toko Mawar] WhatsApp tersambung lagi',
    ]);
  });
});
