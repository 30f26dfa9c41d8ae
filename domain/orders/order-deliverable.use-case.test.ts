import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditModel } from '../audit/audit.model.js';
import type { Contact } from '../contacts/contact.model.js';
import { htmlBytes, pdfBytes, solidImage } from '../media/testing/media-fixtures.js';
import { outboxModel } from '../outbox/outbox.model.js';
import { catalogOrder, resetShop, staff, ZONE } from '../payments/testing/payment-fixtures.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { type Order, orderModel } from './order.model.js';
import { addDeliverable, findDeliverable } from './order-deliverable.use-case.js';

const db = useTestDatabase();
const t0 = new Date('2026-11-23T03:00:00Z');

let contact: Contact;
let dataDir: string;

beforeEach(async () => {
  contact = await resetShop(db.connection, t0);
  dataDir = await mkdtemp(path.join(tmpdir(), 'pesanin-deliverable-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const add = (number: string, file: { data: Buffer; mimetype: string; filename?: string }) =>
  addDeliverable(db.connection, { number, file }, { actor: staff, at: t0, dataDir, timeZone: ZONE });
const stored = async () => (await readdir(dataDir, { recursive: true })).filter((name) => name.includes('.'));

describe('addDeliverable', () => {
  it('stores the file, records it on the order with an audit entry, and queues it for the customer', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    const result = await add(order.number, {
      data: pdfBytes(),
      mimetype: 'application/pdf',
      filename: 'desain.pdf',
    });
    expect(result).toMatchObject({ ok: true, added: true, queued: true });
    if (!result.ok) return;
    expect(result.deliverable).toMatchObject({
      name: 'desain.pdf',
      mime: 'application/pdf',
      kind: 'document',
    });
    const after = await orderModel(db.connection).findOne({ number: order.number }).lean<Order>();
    expect(after?.deliverables).toHaveLength(1);
    expect(await stored()).toEqual([result.deliverable.path]);
    const [item] = await outboxModel(db.connection).find().lean();
    expect(item).toMatchObject({
      chatId: contact.chatId,
      origin: 'staff',
      media: { path: result.deliverable.path, mime: 'application/pdf', filename: 'desain.pdf' },
    });
    expect(item?.text).toContain(order.number);
    expect(item?.text).toContain('Toko Mawar');
    expect(await auditModel(db.connection).countDocuments({ action: 'deliverable_added' })).toBe(1);
  });

  it('records and sends the same file once, however often it is uploaded', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    const png = await solidImage('png', { width: 40, height: 30 });
    const results = await Promise.all(
      [1, 2, 3].map(() => add(order.number, { data: png, mimetype: 'image/png' })),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(results.filter((result) => result.ok && result.added)).toHaveLength(1);
    expect(results.filter((result) => result.ok && result.queued)).toHaveLength(1);
    const after = await orderModel(db.connection).findOne({ number: order.number }).lean<Order>();
    expect(after?.deliverables).toHaveLength(1);
    expect(after?.deliverables?.[0]).toMatchObject({
      mime: 'image/jpeg',
      name: `${order.number}-${after?.deliverables?.[0]?.sha256.slice(0, 8)}.jpg`,
    });
    expect(await outboxModel(db.connection).countDocuments()).toBe(1);
    expect(await auditModel(db.connection).countDocuments({ action: 'deliverable_added' })).toBe(1);
  });

  it('stores nothing for a refused file or an unknown order', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    expect(
      await add(order.number, { data: htmlBytes(), mimetype: 'application/pdf', filename: 'x.pdf' }),
    ).toMatchObject({
      ok: false,
      code: 'MEDIA.TYPE_MISMATCH',
    });
    expect(await add('ORD-202611-0999', { data: pdfBytes(), mimetype: 'application/pdf' })).toMatchObject({
      ok: false,
      code: 'ORDER.NOT_FOUND',
    });
    expect(await add('nomor', { data: pdfBytes(), mimetype: 'application/pdf' })).toMatchObject({
      ok: false,
      code: 'ORDER.INVALID_NUMBER',
    });
    expect(await stored()).toEqual([]);
    expect(await outboxModel(db.connection).countDocuments()).toBe(0);
  });
});

describe('findDeliverable', () => {
  it('finds a deliverable by id and names what is missing', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    const result = await add(order.number, { data: pdfBytes(), mimetype: 'application/pdf' });
    if (!result.ok) throw new Error(result.details);
    const id = String(result.deliverable._id);
    expect(await findDeliverable(db.connection, { number: order.number, id })).toMatchObject({
      ok: true,
      deliverable: { sha256: result.deliverable.sha256 },
    });
    expect(await findDeliverable(db.connection, { number: order.number, id: 'f'.repeat(24) })).toMatchObject({
      code: 'DELIVERABLE.NOT_FOUND',
    });
    expect(await findDeliverable(db.connection, { number: 'ORD-202611-0999', id })).toMatchObject({
      code: 'ORDER.NOT_FOUND',
    });
  });
});
