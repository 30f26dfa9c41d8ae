import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import { recordSessionState } from '../../../domain/whatsapp/session.use-case.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';

const db = useTestDatabase();
let app: App;

beforeAll(async () => {
  ({ app } = await buildTestApp(db.connection));
  await staffUser(db.connection, 'manager');
});

describe('WhatsApp route', () => {
  it('shows the QR to scan only while the bot waits for one', async () => {
    const headers = await loginAs(app, 'manager');
    const read = async () => (await app.inject({ method: 'GET', url: '/api/whatsapp', headers })).json();
    expect(await read()).toEqual({ state: 'unknown', detail: null, qr: null, updatedAt: null });
    await recordSessionState(
      db.connection,
      { state: 'qr', qr: '2@abc,def' },
      new Date('2026-11-23T03:00:00Z'),
    );
    expect(await read()).toMatchObject({
      state: 'qr',
      qr: '2@abc,def',
      updatedAt: '2026-11-23T03:00:00.000Z',
    });
    await recordSessionState(db.connection, { state: 'ready' });
    expect(await read()).toMatchObject({ state: 'ready', qr: null });
  });
});
