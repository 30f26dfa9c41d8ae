import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../platform/testing/database.js';
import { outageModel } from './outage.model.js';
import { OUTAGE_ALERT_AFTER_MS } from './outage.rules.js';
import { whatsappDown } from './outage.use-case.js';
import { sessionModel } from './session.model.js';
import { recordSessionState } from './session.use-case.js';

const db = useTestDatabase();
const t0 = new Date('2026-11-23T03:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const MINUTE = 60_000;
const record = (state: string, ms: number, detail?: string) =>
  recordSessionState(db.connection, { state, transport: 'whatsapp', ...(detail && { detail }) }, at(ms));
const outages = () =>
  outageModel(db.connection)
    .find({}, { _id: 0, open: 1, cause: 1, state: 1, openedAt: 1, closedAt: 1 })
    .sort({ openedAt: 1 })
    .lean();

beforeEach(async () => {
  await outageModel(db.connection).deleteMany({});
  await sessionModel(db.connection).deleteMany({});
});

describe('WhatsApp outages', () => {
  it('opens one outage when the session is lost, keeps it through flapping states, closes it when ready', async () => {
    await record('starting', 0);
    await record('ready', 1_000);
    await record('disconnected', MINUTE, 'WhatsApp disconnected (NAVIGATION)');
    await record('starting', MINUTE + 2_000);
    await record('disconnected', MINUTE + 3_000, 'WhatsApp unreachable (net::ERR_NAME_NOT_RESOLVED)');
    await record('starting', MINUTE + 7_000);
    expect(await outages()).toEqual([
      { open: true, cause: 'disconnected', state: 'starting', openedAt: at(MINUTE) },
    ]);
    await record('ready', 3 * MINUTE);
    expect(await outages()).toEqual([
      { open: false, cause: 'disconnected', state: 'ready', openedAt: at(MINUTE), closedAt: at(3 * MINUTE) },
    ]);
    // A second loss is a second outage.
    await record('logged_out', 10 * MINUTE, 'LOGOUT');
    expect((await outages()).map((outage) => [outage.open, outage.cause])).toEqual([
      [false, 'disconnected'],
      [true, 'logged_out'],
    ]);
  });

  it('counts a QR asked for after the shop was linked as lost, but not the first linking', async () => {
    await record('starting', 0);
    await record('qr', 1_000);
    expect(await outages()).toEqual([]);
    await record('ready', 2 * MINUTE);
    await record('stopped', 3 * MINUTE);
    await record('starting', 4 * MINUTE);
    await record('qr', 4 * MINUTE + 5_000);
    expect(await outages()).toEqual([
      { open: true, cause: 'qr', state: 'qr', openedAt: at(4 * MINUTE + 5_000) },
    ]);
  });

  it('keeps one open outage when state events race each other', async () => {
    await record('ready', 0);
    await Promise.all([
      record('disconnected', MINUTE),
      record('auth_failure', MINUTE + 1),
      record('disconnected', MINUTE + 2),
      record('logged_out', MINUTE + 3),
    ]);
    expect((await outages()).filter((outage) => outage.open)).toHaveLength(1);
  });

  it('shows the banner once the reconnect budget is spent, at once when only a scan can end it', async () => {
    await record('ready', 0);
    await record('disconnected', MINUTE, 'WhatsApp disconnected (NAVIGATION)');
    expect(await whatsappDown(db.connection, at(MINUTE + OUTAGE_ALERT_AFTER_MS - 1))).toBeNull();
    expect(await whatsappDown(db.connection, at(MINUTE + OUTAGE_ALERT_AFTER_MS))).toEqual({
      since: at(MINUTE).toISOString(),
      state: 'disconnected',
      cause: 'disconnected',
      detail: 'WhatsApp disconnected (NAVIGATION)',
      needsScan: false,
    });
    await record('ready', 10 * MINUTE);
    expect(await whatsappDown(db.connection, at(10 * MINUTE))).toBeNull();

    await record('logged_out', 20 * MINUTE, 'LOGOUT');
    await record('qr', 20 * MINUTE + 2_000);
    expect(await whatsappDown(db.connection, at(20 * MINUTE + 3_000))).toEqual({
      since: at(20 * MINUTE).toISOString(),
      state: 'qr',
      cause: 'logged_out',
      detail: null,
      needsScan: true,
    });
  });
});
