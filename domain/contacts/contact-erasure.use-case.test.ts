import { existsSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditModel } from '../audit/audit.model.js';
import { invoiceModel } from '../invoices/invoice.model.js';
import { ALL_MODELS } from '../models.js';
import { type Order, orderModel } from '../orders/order.model.js';
import { outboxModel } from '../outbox/outbox.model.js';
import { enqueueMessage } from '../outbox/outbox.use-case.js';
import { paymentModel } from '../payments/payment.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { useTempDirs } from '../platform/testing/temp-dir.js';
import { monthlyReport } from '../reports/monthly.use-case.js';
import { productSalesReport } from '../reports/product-sales.use-case.js';
import { taskModel } from '../tasks/task.model.js';
import { type Contact, contactModel } from './contact.model.js';
import { updateContact } from './contact-edit.use-case.js';
import { confirmsErasure, erasedChatId } from './contact-erasure.rules.js';
import { eraseContact, noCounts, planErasure, redactRecords } from './contact-erasure.use-case.js';
import { mergeContacts } from './contact-merge.use-case.js';
import { searchContacts } from './contact-query.use-case.js';
import {
  ANI,
  AT,
  BUDI,
  BUDI_TRACES,
  type Footprint,
  staff,
  stringsOf,
  tracesIn,
  writeFootprint,
  ZONE,
} from './testing/customer-footprint.js';

const db = useTestDatabase();
const tempDir = useTempDirs();
let dataDir: string;
let shop: Footprint;

beforeEach(async () => {
  dataDir = tempDir('erasure');
  shop = await writeFootprint(db.connection, dataDir);
});

const erase = (contactId = String(shop.contact._id)) =>
  eraseContact(db.connection, { contactId, confirm: 'HAPUS' }, { actor: staff, at: AT, dataDir });

/** Every document of a model, as the model reads it (decrypted). */
async function readAll(model: {
  collection: { name: string };
  find(): { lean(): PromiseLike<unknown[]> };
}): Promise<{ name: string; docs: unknown[] }> {
  return { name: model.collection.name, docs: await model.find().lean() };
}

/** Every trace of Budi left anywhere: through every model (decrypted values) and in every raw collection. */
async function tracesLeft(): Promise<string[]> {
  const found: string[] = [];
  for (const model of ALL_MODELS) {
    const { name, docs } = await readAll(model(db.connection));
    for (const doc of docs)
      for (const text of stringsOf(doc))
        for (const trace of tracesIn(text)) found.push(`${name}: "${trace}" in "${text}"`);
  }
  // Read-only, to see what is stored as it is stored (the models may transform values on the way out).
  const db_ = db.connection.db;
  if (!db_) throw new Error('no database');
  for (const info of await db_.listCollections().toArray())
    for (const doc of await db_.collection(info.name).find().toArray())
      for (const text of stringsOf(doc))
        for (const trace of tracesIn(text)) found.push(`raw ${info.name}: "${trace}" in "${text}"`);
  return found;
}

const reports = async () => ({
  monthly: await monthlyReport(db.connection, { now: new Date('2026-12-01T00:00:00Z'), timeZone: ZONE }),
  products: await productSalesReport(db.connection, {
    now: new Date('2026-12-01T00:00:00Z'),
    timeZone: ZONE,
    from: '2026-11-01',
    to: '2026-11-30',
  }),
});

describe('erasing a contact (issue 11: customer rights)', () => {
  it('the fixture really holds Budi everywhere before the erasure', async () => {
    const before = await tracesLeft();
    for (const collection of [
      'contacts',
      'messages',
      'orders',
      'audits',
      'tasks',
      'leads',
      'conversations',
      'outboxes',
      'activities',
    ])
      expect(
        before.some((line) => line.startsWith(`${collection}:`)),
        collection,
      ).toBe(true);
  });

  it('leaves no phone, name or address of the contact in any collection, keeps the orders with their totals', async () => {
    const reportsBefore = await reports();
    const result = await erase();
    expect(result).toMatchObject({ ok: true, changed: true });

    expect(await tracesLeft()).toEqual([]);

    // The order stays, anonymised, with its totals, status and number; the reports count it as before.
    const order = await orderModel(db.connection).findById(shop.order._id).lean<Order>();
    expect(order).toMatchObject({
      number: shop.order.number,
      status: 'completed',
      subtotal: shop.order.subtotal,
      shippingFee: shop.order.shippingFee,
      discount: shop.order.discount,
      total: shop.order.total,
      paymentStatus: shop.order.paymentStatus,
      chatId: erasedChatId(String(shop.contact._id)),
      customerName: 'Pelanggan dihapus',
      messageIds: [],
    });
    expect(order?.fulfilment).toEqual({ method: 'delivery' });
    expect(order?.requestKey).toBeUndefined();
    expect(order?.cardText).toBeUndefined();
    expect(order?.items).toEqual(shop.order.items);
    expect(await reports()).toEqual(reportsBefore);
    const invoice = await invoiceModel(db.connection).findOne({ orderNumber: shop.order.number }).lean();
    expect(invoice).toMatchObject({
      amount: shop.order.total,
      chatId: erasedChatId(String(shop.contact._id)),
    });
    const payment = await paymentModel(db.connection).findOne({ orderNumber: shop.order.number }).lean();
    expect(payment).toMatchObject({ status: 'pending' });
    expect(payment?.proofPath).toBeUndefined();

    // The contact is a nameless tombstone; Ani is untouched.
    const tombstone = await contactModel(db.connection).findById(shop.contact._id).lean<Contact>();
    expect(tombstone).toMatchObject({ name: 'Pelanggan dihapus', optOut: true, addresses: [], tags: [] });
    expect(tombstone?.stats.orders).toBe(1);
    expect(await contactModel(db.connection).countDocuments({ mergedInto: shop.contact._id })).toBe(0);
    expect(await contactModel(db.connection).findById(shop.ani._id).lean()).toMatchObject({
      name: ANI.name,
      phone: ANI.phone,
    });
    expect(await orderModel(db.connection).findById(shop.aniOrder._id).lean()).toMatchObject({
      chatId: ANI.chatId,
      customerName: ANI.name,
    });

    // Budi's files are gone, Ani's stay.
    for (const file of shop.files) expect(existsSync(file), file).toBe(false);
    expect(existsSync(shop.aniFile)).toBe(true);
    expect(result.ok && result.counts).toMatchObject({ orders: 1, files: 3, mergedContacts: 1 });

    // The erasure itself is audited, with counts and nothing personal.
    const entry = await auditModel(db.connection).findOne({ action: 'erased' }).lean();
    expect(entry).toMatchObject({ entity: 'contact', actor: staff });
    expect(tracesIn(JSON.stringify(entry))).toEqual([]);
    // The alert's reply-to-relay no longer reaches Budi's chat; the task link is unnamed.
    expect(await outboxModel(db.connection).countDocuments({ relayTo: BUDI.chatId })).toBe(0);
    const task = await taskModel(db.connection).findOne({ 'link.kind': 'contact' }).lean();
    expect(task?.link?.label).toBe('Pelanggan dihapus');
  });

  it('is harmless the second time: nothing changes and no second audit entry', async () => {
    expect(await erase()).toMatchObject({ ok: true, changed: true });
    const orders = await orderModel(db.connection).find().sort({ number: 1 }).lean();
    const second = await erase();
    expect(second).toMatchObject({ ok: true, changed: false });
    expect(await orderModel(db.connection).find().sort({ number: 1 }).lean()).toEqual(orders);
    expect(await auditModel(db.connection).countDocuments({ action: 'erased' })).toBe(1);
    // The nameless record stays for the books, out of the contact lists.
    expect(await contactModel(db.connection).countDocuments({ erasedAt: { $exists: true } })).toBe(1);
    const listed = await searchContacts(db.connection, { view: 'all', now: AT });
    expect(listed.items.filter((contact) => contact.erasedAt)).toEqual([]);
  });

  it('finishes after a crash halfway: a second run erases what the first left', async () => {
    const contact = await contactModel(db.connection).findById(shop.contact._id).lean<Contact>();
    if (!contact) throw new Error('no contact');
    // The first run got as far as the redaction of kept records, then the process died.
    const plan = await planErasure(db.connection, contact, AT);
    await redactRecords(db.connection, plan, noCounts());
    expect((await tracesLeft()).length).toBeGreaterThan(0);
    expect(await erase()).toMatchObject({ ok: true, changed: true });
    expect(await tracesLeft()).toEqual([]);
    for (const file of shop.files) expect(existsSync(file)).toBe(false);
  });

  it('keeps a file another customer also has (files are stored once per content)', async () => {
    const shared = 'media/2026/11/23/aaaa.jpg';
    await paymentModel(db.connection).create({
      number: 'PAY-202611-0099',
      contactId: shop.ani._id,
      proofPath: shared,
      status: 'pending',
      createdAt: AT,
    });
    await erase();
    expect(existsSync(shop.files[0]!)).toBe(true);
    expect(existsSync(shop.files[2]!)).toBe(false);
  });

  it('keeps the erased record out of edits and merges', async () => {
    await erase();
    const contactId = String(shop.contact._id);
    const context = { actor: staff, at: AT };
    expect(
      await updateContact(db.connection, { id: contactId, patch: { phone: BUDI.phone } }, context),
    ).toMatchObject({ ok: false, code: 'CONTACT.ALREADY_ERASED' });
    for (const [keepId, mergeId] of [
      [contactId, String(shop.ani._id)],
      [String(shop.ani._id), contactId],
    ] as const)
      expect(await mergeContacts(db.connection, { keepId, mergeId }, context)).toMatchObject({
        ok: false,
        code: 'CONTACT.ALREADY_ERASED',
      });
  });

  it('queues nothing to an erased customer afterwards', async () => {
    await erase();
    const placeholder = erasedChatId(String(shop.contact._id));
    expect(
      await enqueueMessage(db.connection, { key: 'late', chatId: placeholder, text: 'halo', origin: 'job' }),
    ).toEqual({
      queued: false,
    });
  });

  it('must be confirmed: HAPUS, or the customer’s name or number, and nothing else', async () => {
    const contactId = String(shop.contact._id);
    for (const confirm of ['', 'hapus dong', 'Budi'])
      expect(
        await eraseContact(db.connection, { contactId, confirm }, { actor: staff, at: AT, dataDir }),
        confirm,
      ).toMatchObject({ ok: false, code: 'CONTACT.INVALID_CONFIRMATION' });
    expect(await contactModel(db.connection).findById(contactId).lean()).toMatchObject({ name: BUDI.name });
    for (const confirm of ['budi  santoso', '0812-3456-7890'])
      expect(confirmsErasure(shop.contact, confirm), confirm).toBe(true);
  });

  it('refuses an unknown contact, a merge tombstone and a staff member’s own number', async () => {
    expect(await erase('0123456789abcdef01234567')).toMatchObject({ ok: false, code: 'CONTACT.NOT_FOUND' });
    expect(await erase('nope')).toMatchObject({ ok: false, code: 'CONTACT.NOT_FOUND' });
    const tombstone = await contactModel(db.connection)
      .findOne({ mergedInto: shop.contact._id })
      .lean<Contact>();
    expect(await erase(String(tombstone?._id))).toMatchObject({ ok: false, code: 'CONTACT.ALREADY_MERGED' });
    const staffContact = await contactModel(db.connection).create({
      chatId: '6281298765432@c.us',
      phone: '+6281298765432',
      createdAt: AT,
    });
    expect(await erase(String(staffContact._id))).toMatchObject({ ok: false, code: 'CONTACT.STAFF_NUMBER' });
  });

  it('finds every written form of the number', () => {
    // Guard on the fixture's list of traces, so the scan above looks for each form.
    expect(BUDI_TRACES).toEqual(expect.arrayContaining(['+6281234567890', '6281234567890', '081234567890']));
  });
});
