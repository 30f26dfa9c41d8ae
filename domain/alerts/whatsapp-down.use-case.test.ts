import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { updateSettings } from '../settings/settings.use-case.js';
import { outageModel } from '../whatsapp/outage.model.js';
import { sessionModel } from '../whatsapp/session.model.js';
import { recordSessionState } from '../whatsapp/session.use-case.js';
import type { Mail, Mailer } from './mailer.js';
import { MAIL_MAX_ATTEMPTS, sendWhatsAppAlerts } from './whatsapp-down.use-case.js';

const db = useTestDatabase();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'alerts-test');
const t0 = new Date('2026-11-23T03:00:00Z');
const MINUTE = 60_000;
const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);
const TO = ['sari@example.com'];

/** A mailer that keeps what it sends and fails the next `failures` sends. */
function fakeMailer(failures = 0): Mailer & { sent: Mail[] } {
  let left = failures;
  const sent: Mail[] = [];
  return {
    sent,
    async send(mail) {
      if (left > 0) {
        left -= 1;
        throw new Error('connect ECONNREFUSED 127.0.0.1:587');
      }
      sent.push(mail);
    },
    close() {},
  };
}

const state = (value: string, minutes: number) =>
  recordSessionState(db.connection, { state: value, transport: 'whatsapp' }, at(minutes));
const run = (mailer: Mailer, minutes: number) =>
  sendWhatsAppAlerts({ connection: db.connection, mailer, to: TO, log, now: at(minutes) });

beforeEach(async () => {
  await outageModel(db.connection).deleteMany({});
  await sessionModel(db.connection).deleteMany({});
  await updateSettings(
    db.connection,
    { shopName: 'Toko Mawar', locale: 'id', publicBaseUrl: 'https://toko.example.com' },
    { actor: { kind: 'system', name: 'test' }, at: t0 },
  );
  await state('ready', 0);
});

describe('sendWhatsAppAlerts', () => {
  it('sends nothing for an outage shorter than the reconnect budget', async () => {
    const mailer = fakeMailer();
    await state('disconnected', 1);
    expect(await run(mailer, 5)).toEqual({ down: 0, back: 0 });
    await state('ready', 5.5);
    expect(await run(mailer, 6)).toEqual({ down: 0, back: 0 });
    expect(await run(mailer, 60)).toEqual({ down: 0, back: 0 });
    expect(mailer.sent).toEqual([]);
  });

  it('tries a failed e-mail again on the next run, and sends it once', async () => {
    const mailer = fakeMailer(1);
    await state('disconnected', 1);
    expect(await run(mailer, 6)).toEqual({ down: 0, back: 0 });
    expect((await outageModel(db.connection).findOne().lean())?.downMail).toEqual({
      attempts: 1,
      error: 'connect ECONNREFUSED 127.0.0.1:587',
    });
    expect(await run(mailer, 7)).toEqual({ down: 1, back: 0 });
    expect(await run(mailer, 8)).toEqual({ down: 0, back: 0 });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({ to: TO });
    expect((await outageModel(db.connection).findOne().lean())?.downMail).toEqual({
      attempts: 2,
      sentAt: at(7),
    });
  });

  it('sends one e-mail when two runs overlap', async () => {
    const mailer = fakeMailer();
    await state('logged_out', 1);
    const runs = await Promise.all([run(mailer, 7), run(mailer, 7), run(mailer, 7)]);
    expect(runs.reduce((sum, { down }) => sum + down, 0)).toBe(1);
    expect(mailer.sent).toHaveLength(1);
  });

  it(`gives up after ${MAIL_MAX_ATTEMPTS} refused sends`, async () => {
    const mailer = fakeMailer(100);
    await state('disconnected', 1);
    for (let minute = 6; minute < 6 + MAIL_MAX_ATTEMPTS + 3; minute += 1) await run(mailer, minute);
    expect((await outageModel(db.connection).findOne().lean())?.downMail.attempts).toBe(MAIL_MAX_ATTEMPTS);
  });

  it('writes in the shop language, with what to do and where', async () => {
    await updateSettings(
      db.connection,
      { locale: 'en', timeZone: 'Asia/Makassar' },
      { actor: { kind: 'system', name: 'test' }, at: t0 },
    );
    const mailer = fakeMailer();
    await state('auth_failure', 1);
    await run(mailer, 6);
    await state('ready', 70);
    await run(mailer, 71);
    expect(mailer.sent.map((mail) => mail.subject)).toEqual([
      '[Toko Mawar] WhatsApp disconnected since 23/11/2026 11:01 (Asia/Makassar)',
      '[Toko Mawar] WhatsApp is connected again',
    ]);
    expect(mailer.sent[0]?.text).toContain('scan the QR code');
    expect(mailer.sent[0]?.text).toContain('https://toko.example.com/whatsapp');
    expect(mailer.sent[1]?.text).toContain('after 1 h 9 min down');
    expect(mailer.sent[1]?.text).toContain('https://toko.example.com/inbox');
  });
});
