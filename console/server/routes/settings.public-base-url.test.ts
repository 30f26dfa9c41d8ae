import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import { applyPublicBaseUrl, getSettings } from '../../../domain/settings/settings.use-case.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';

const db = useTestDatabase();

describe('the settings page and PUBLIC_BASE_URL (issue 13)', () => {
  it('refuses to edit the shop address, which the next start would undo, and changes nothing else', async () => {
    await applyPublicBaseUrl(db.connection, 'https://melati.example.id', new Date('2026-11-23T03:00:00Z'));
    await staffUser(db.connection, 'owner');
    const { app } = await buildTestApp(db.connection);
    const owner = await loginAs(app, 'owner');
    const refused = await app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: owner,
      payload: { publicBaseUrl: 'https://elsewhere.example.com', shopName: 'Melati' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      error: 'SETTINGS.INVALID',
      details: 'publicBaseUrl is set by PUBLIC_BASE_URL in the server configuration (.env)',
    });
    const settings = await getSettings(db.connection);
    expect(settings).toMatchObject({ publicBaseUrl: 'https://melati.example.id', shopName: 'Toko Kami' });
    await app.close();
  });
});
