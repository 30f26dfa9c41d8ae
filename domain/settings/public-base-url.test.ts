import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditModel } from '../audit/audit.model.js';
import { productModel } from '../catalog/product.model.js';
import { contactModel } from '../contacts/contact.model.js';
import { createOrder } from '../orders/order.use-case.js';
import { sendOrderConfirmation } from '../orders/order-confirmation.js';
import { outboxModel } from '../outbox/outbox.model.js';
import { parseConfig } from '../platform/config.js';
import { projectRoot } from '../platform/paths.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { applyPublicBaseUrl, getSettings, updateSettings } from './settings.use-case.js';

/** Issue 13 item 1: PUBLIC_BASE_URL is the one source of every link the shop sends. */
const db = useTestDatabase();
const at = new Date('2026-11-23T03:00:00Z');
const production = {
  NODE_ENV: 'production',
  MONGODB_URI: 'mongodb://127.0.0.1:27017/pesanin',
  CONSOLE_SECRET: 'x'.repeat(32),
  DATA_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  DATA_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
};

describe('PUBLIC_BASE_URL', () => {
  it("is written into the settings at start-up, and a confirmation message's link uses it", async () => {
    const config = parseConfig({ ...production, PUBLIC_BASE_URL: 'https://melati.example.id/' });
    // A stale address from before (the default, or one typed into the settings earlier).
    await updateSettings(
      db.connection,
      { publicBaseUrl: 'http://localhost:3000', shopName: 'Melati' },
      { actor: { kind: 'system', name: 'test' }, at },
    );

    await applyPublicBaseUrl(db.connection, config.publicBaseUrl, at);
    await applyPublicBaseUrl(db.connection, config.publicBaseUrl, at);
    expect((await getSettings(db.connection)).publicBaseUrl).toBe('https://melati.example.id');
    // Audited once, as the configuration: the second start changed nothing.
    const audits = await auditModel(db.connection)
      .find({ entity: 'settings', 'actor.name': 'PUBLIC_BASE_URL' })
      .lean();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      before: { publicBaseUrl: 'http://localhost:3000' },
      after: { publicBaseUrl: 'https://melati.example.id' },
    });

    await productModel(db.connection).create({ sku: 'mawar', name: 'Mawar', price: 150_000, createdAt: at });
    const chatId = '6281234567890@c.us';
    const contact = await contactModel(db.connection).create({ chatId, createdAt: at });
    const created = await createOrder(
      db.connection,
      {
        kind: 'catalog',
        contactId: contact._id,
        chatId,
        items: [{ sku: 'mawar', qty: 2 }],
        source: 'console',
      },
      { actor: { kind: 'system', name: 'test' }, at, timeZone: 'Asia/Jakarta' },
    );
    if (!created.ok) throw new Error(created.details);
    expect(await sendOrderConfirmation(db.connection, created.order, at)).toBe(true);
    const confirmation = await outboxModel(db.connection)
      .findOne({ key: `confirm:${created.order.number}` })
      .lean();
    expect(confirmation?.text).toContain(`https://melati.example.id/track/${created.order.trackingToken}`);
    expect(confirmation?.text).not.toContain('localhost');
  });

  it('is the only way a tracking link is built: no source file writes `/track/` after the address itself', () => {
    const root = projectRoot();
    const offenders: string[] = [];
    for (const dir of ['bot', 'console/server', 'domain', 'scripts']) {
      for (const file of readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
        const source = readFileSync(path.join(root, dir, file), 'utf8');
        if (/publicBaseUrl\}\/track\//.test(source)) offenders.push(path.join(dir, file));
      }
    }
    // domain/orders/order-confirmation.ts is the one builder (trackingUrl); everyone else calls it.
    expect(offenders).toEqual(['domain/orders/order-confirmation.ts']);
  });
});
