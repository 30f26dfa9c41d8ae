import QRCode from 'qrcode';
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
    expect(await read()).toEqual({
      state: 'unknown',
      detail: null,
      transport: null,
      qr: null,
      qrImage: null,
      updatedAt: null,
    });
    await recordSessionState(
      db.connection,
      { state: 'qr', qr: '2@abc,def' },
      new Date('2026-11-23T03:00:00Z'),
    );
    const waiting = await read();
    expect(waiting).toMatchObject({ state: 'qr', qr: '2@abc,def', updatedAt: '2026-11-23T03:00:00.000Z' });
    // The image is the QR code of exactly that text, drawn as SVG.
    const svg = Buffer.from(waiting.qrImage.replace('data:image/svg+xml;base64,', ''), 'base64').toString();
    expect(svg).toBe(await QRCode.toString('2@abc,def', { type: 'svg', margin: 2 }));
    expect(svg).toMatch(/^<svg[^>]*><path/);
    await recordSessionState(db.connection, { state: 'ready' });
    expect(await read()).toMatchObject({ state: 'ready', qr: null, qrImage: null });
  });
});
