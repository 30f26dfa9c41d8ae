import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { activityModel } from '../../../domain/activity/activity.model.js';
import { auditModel } from '../../../domain/audit/audit.model.js';
import { BUDI, type Footprint, writeFootprint } from '../../../domain/contacts/testing/customer-footprint.js';
import { orderModel } from '../../../domain/orders/order.model.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import { useTempDirs } from '../../../domain/platform/testing/temp-dir.js';
import type { UserRole } from '../../../domain/users/user.model.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';

const db = useTestDatabase();
const tempDir = useTempDirs();
let app: App;
let shop: Footprint;
const headers: Partial<Record<UserRole, { cookie: string; 'x-csrf-token': string }>> = {};

beforeAll(async () => {
  const dataDir = tempDir('privacy-routes');
  shop = await writeFootprint(db.connection, dataDir);
  ({ app } = await buildTestApp(db.connection, { dataDir }));
  for (const role of ['owner', 'manager', 'admin'] as const) {
    await staffUser(db.connection, role);
    headers[role] = await loginAs(app, role);
  }
});

const exportZip = (role: UserRole) =>
  app.inject({
    method: 'GET',
    url: `/api/contacts/${String(shop.contact._id)}/export.zip`,
    headers: headers[role],
  });
const erase = (role: UserRole, confirm: string) =>
  app.inject({
    method: 'POST',
    url: `/api/contacts/${String(shop.contact._id)}/erase`,
    headers: headers[role],
    payload: { confirm },
  });

describe('customer rights in the console: owner only', () => {
  it.each(['admin', 'manager'] as const)('refuses the export and the erasure to %s', async (role) => {
    for (const response of [await exportZip(role), await erase(role, 'HAPUS')]) {
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: 'AUTH.FORBIDDEN' });
    }
    expect(await orderModel(db.connection).findById(shop.order._id).lean()).toMatchObject({
      customerName: BUDI.name,
    });
  });

  it('downloads the zip, audited and in the activity log', async () => {
    const response = await exportZip('owner');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toContain(
      `pesanin-pelanggan-${String(shop.contact._id)}`,
    );
    const zip = await JSZip.loadAsync(response.rawPayload);
    expect(JSON.parse((await zip.file('contact.json')?.async('string')) ?? '{}')).toMatchObject({
      name: BUDI.name,
    });
    expect(zip.file('media/media/2026/11/23/aaaa.jpg')).not.toBeNull();
    expect(
      await auditModel(db.connection).countDocuments({ entityId: shop.contact._id, action: 'exported' }),
    ).toBe(1);
    const logged = await activityModel(db.connection)
      .findOne({ kind: 'export', 'details.export': 'contact' })
      .lean();
    expect(logged?.details).toMatchObject({ contactId: String(shop.contact._id) });
  });

  it('erases only with the typed confirmation, once, and logs it', async () => {
    const wrong = await erase('owner', 'ya');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: 'CONTACT.INVALID_CONFIRMATION' });
    const missing = await app.inject({
      method: 'POST',
      url: `/api/contacts/${String(shop.contact._id)}/erase`,
      headers: headers.owner,
      payload: {},
    });
    expect(missing.statusCode).toBe(400);

    const done = await erase('owner', 'hapus');
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ changed: true, counts: { orders: 1 } });
    const again = await erase('owner', 'HAPUS');
    expect(again.json()).toMatchObject({ changed: false });
    expect(await activityModel(db.connection).countDocuments({ kind: 'erasure' })).toBe(1);

    const page = await app.inject({
      method: 'GET',
      url: `/api/contacts/${String(shop.contact._id)}`,
      headers: headers.owner,
    });
    expect(page.json().contact).toMatchObject({
      erased: true,
      phone: null,
      name: 'Pelanggan dihapus',
      addresses: [],
    });
    expect(page.json().orders).toEqual([
      expect.objectContaining({ number: shop.order.number, total: shop.order.total }),
    ]);
    expect(page.json().messages).toEqual([]);
  });
});
