import type { Types } from 'mongoose';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../audit/audit.model.js';
import { auditModel } from '../audit/audit.model.js';
import { productModel } from '../catalog/product.model.js';
import { invoiceModel } from '../invoices/invoice.model.js';
import { type Lead, leadModel } from '../leads/lead.model.js';
import { changeLeadStage, openLeadForContact } from '../leads/lead.use-case.js';
import { messageModel } from '../messages/message.model.js';
import { ensureIndexes } from '../models.js';
import { orderModel } from '../orders/order.model.js';
import { createOrder, settleSpentStats } from '../orders/order.use-case.js';
import { paymentModel } from '../payments/payment.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { taskModel } from '../tasks/task.model.js';
import { userModel } from '../users/user.model.js';
import { createUser } from '../users/user.use-case.js';
import { type Contact, contactModel } from './contact.model.js';
import { contactForChat, contactForPhone } from './contact.use-case.js';
import { absorbDetails, markMerge, mergeContacts, moveRecords } from './contact-merge.use-case.js';
import { contactOverview, searchContacts } from './contact-query.use-case.js';
import type { PhoneNumber } from './phone.js';

const db = useTestDatabase();
const at = new Date('2026-11-23T03:00:00Z');
const minutes = (n: number) => new Date(at.getTime() + n * 60_000);
const staff: Actor = { kind: 'user', id: 'u1', name: 'Dewi' };
const ctx = { actor: staff, at: minutes(60) };
const ZONE = 'Asia/Jakarta';
const C_US = '6281234567890@c.us';
const LID = '120363000000001@lid';

async function contact(fields: Partial<Contact> & { chatId: string }): Promise<Contact> {
  return (await contactModel(db.connection).create({ createdAt: at, ...fields })).toObject();
}

/** A catalog order of `qty` mawar (Rp150.000 each); completed and paid (counted in stats) when asked. */
async function order(owner: Contact, qty: number, when: Date, paid = false) {
  const created = await createOrder(
    db.connection,
    {
      kind: 'catalog',
      contactId: owner._id,
      chatId: owner.chatId,
      items: [{ sku: 'mawar', qty }],
      source: 'whatsapp',
    },
    { actor: { kind: 'customer' }, at: when, timeZone: ZONE },
  );
  if (!created.ok) throw new Error(created.details);
  if (!paid) return created.order;
  const done = await orderModel(db.connection)
    .findOneAndUpdate(
      { _id: created.order._id },
      {
        $set: {
          status: 'completed',
          paymentStatus: 'paid',
          paidAmount: created.order.total,
          completedAt: when,
        },
      },
      { returnDocument: 'after' },
    )
    .lean();
  if (!done) throw new Error('order vanished');
  return settleSpentStats(db.connection, done);
}

async function lead(owner: Contact, when: Date, stage?: 'contacted' | 'qualified'): Promise<Lead> {
  const { lead: opened } = await openLeadForContact(
    db.connection,
    { contactId: owner._id, channel: 'organic', at: when, actor: { kind: 'bot' } },
    { leadAssignment: 'unassigned' },
  );
  if (!stage) return opened;
  const moved = await changeLeadStage(db.connection, {
    leadId: opened._id,
    to: stage,
    actor: staff,
    at: when,
  });
  if (!moved.ok) throw new Error(moved.details);
  return moved.lead;
}

async function message(chatId: string, body: string, sentAt: Date) {
  await messageModel(db.connection).create({
    waId: `${chatId}-${body}`,
    chatId,
    direction: 'in',
    author: 'customer',
    type: 'text',
    body,
    sentAt,
    receivedAt: sentAt,
  });
}

let taskNumber = 0;
async function task(owner: Contact, linked: 'contact' | 'none') {
  taskNumber += 1;
  return taskModel(db.connection).create({
    number: taskNumber,
    text: `follow up ${taskNumber}`,
    dueAt: minutes(24 * 60),
    ...(linked === 'contact' && { link: { kind: 'contact', id: owner._id, label: 'Budi (lid)' } }),
    contactId: owner._id,
    status: 'open',
    createdBy: staff,
    createdAt: at,
    updatedAt: at,
  });
}

/**
 * Budi twice: his number's chat (confirmed name, an older paid order, a lead only contacted) and a
 * hidden-number `@lid` chat (two orders, one paid, a qualified lead, an invoice, a payment, tasks, email).
 */
async function twoBudis() {
  const keep = await contact({
    chatId: C_US,
    phone: '+6281234567890',
    pushName: 'Budi',
    name: 'Budi Santoso',
    nameConfirmed: true,
    tags: ['vip'],
    notes: 'suka mawar merah',
    addresses: [{ label: 'rumah', text: 'Jl. Mawar 1, Bandung' }],
    stats: { orders: 0, totalSpent: 0, lastMessageAt: minutes(-60) },
  });
  const merge = await contact({
    chatId: LID,
    pushName: 'Budi S',
    email: 'budi@example.com',
    tags: ['vip', 'langganan'],
    notes: 'minta kartu ucapan',
    addresses: [{ text: 'jl. mawar 1, bandung' }, { label: 'kantor', text: 'Jl. Melati 2' }],
    stats: { orders: 0, totalSpent: 0, lastMessageAt: minutes(-5) },
  });
  const keptOrder = await order(keep, 1, minutes(-300), true);
  const merged1 = await order(merge, 2, minutes(-200), true);
  const merged2 = await order(merge, 3, minutes(-100));
  const keptLead = await lead(keep, minutes(-400), 'contacted');
  const mergedLead = await lead(merge, minutes(-50), 'qualified');
  await invoiceModel(db.connection).create({
    number: 'INV-202611-0001',
    orderId: merged1._id,
    orderNumber: merged1.number,
    contactId: merge._id,
    chatId: LID,
    amount: merged1.total,
    dueDate: '2026-11-30',
    status: 'sent',
    createdAt: at,
    updatedAt: at,
  });
  await paymentModel(db.connection).create({
    number: 'PAY-202611-0001',
    contactId: merge._id,
    orderNumber: merged1.number,
    status: 'pending',
    createdAt: at,
  });
  await task(merge, 'contact');
  await task(merge, 'none');
  await message(C_US, 'halo dari nomor', minutes(-60));
  await message(LID, 'halo dari lid', minutes(-5));
  return { keep, merge, keptOrder, merged1, merged2, keptLead, mergedLead };
}

/** How many records of a kind point at a contact. */
function count(
  kind: 'order' | 'invoice' | 'payment' | 'lead' | 'task',
  contactId: Types.ObjectId,
): Promise<number> {
  const filter = { contactId };
  switch (kind) {
    case 'order':
      return orderModel(db.connection).countDocuments(filter);
    case 'invoice':
      return invoiceModel(db.connection).countDocuments(filter);
    case 'payment':
      return paymentModel(db.connection).countDocuments(filter);
    case 'lead':
      return leadModel(db.connection).countDocuments(filter);
    case 'task':
      return taskModel(db.connection).countDocuments(filter);
  }
}

beforeEach(async () => {
  // Dropping the collections empties them all; the indexes (unique ones matter here) are made again.
  await db.connection.dropDatabase();
  await ensureIndexes(db.connection);
  await productModel(db.connection).create({
    sku: 'mawar',
    name: 'Buket Mawar',
    price: 150_000,
    createdAt: at,
  });
});

describe('mergeContacts', () => {
  it('moves orders, invoices, payments, leads and tasks, keeps one open lead and recomputes the stats', async () => {
    const { keep, merge, keptLead, mergedLead } = await twoBudis();
    const result = await mergeContacts(
      db.connection,
      { keepId: String(keep._id), mergeId: String(merge._id) },
      ctx,
    );
    if (!result.ok) throw new Error(result.details);
    expect(result.changed).toBe(true);
    expect(result.moved).toEqual({ orders: 2, invoices: 1, payments: 1, leads: 1, tasks: 2, tombstones: 0 });
    expect(result.closedLeadId).toBe(String(keptLead._id));

    for (const kind of ['order', 'invoice', 'payment', 'lead', 'task'] as const)
      expect(await count(kind, merge._id), kind).toBe(0);
    expect(await count('order', keep._id)).toBe(3);
    const linked = await taskModel(db.connection).findOne({ 'link.kind': 'contact' }).lean();
    expect(linked?.link).toMatchObject({ id: keep._id, label: 'Budi Santoso (+6281234567890)' });

    // Two open leads → one: the qualified one stays open, the merely contacted one is lost.
    const leads = await leadModel(db.connection).find({ contactId: keep._id }).lean();
    expect(leads.filter((each) => each.open).map((each) => String(each._id))).toEqual([
      String(mergedLead._id),
    ]);
    expect(leads.find((each) => each._id.equals(keptLead._id))).toMatchObject({
      stage: 'lost',
      lostReason: 'merged into Budi Santoso',
    });

    expect(result.contact).toMatchObject({
      name: 'Budi Santoso',
      nameConfirmed: true,
      phone: '+6281234567890',
      email: 'budi@example.com',
      tags: ['vip', 'langganan'],
      notes: 'suka mawar merah\n\nminta kartu ucapan',
      addresses: [
        { label: 'rumah', text: 'Jl. Mawar 1, Bandung' },
        { label: 'kantor', text: 'Jl. Melati 2' },
      ],
      otherChatIds: [LID],
      // 1 + 2 mawar paid and completed; the unpaid 3 do not count.
      stats: { orders: 3, totalSpent: 450_000, lastOrderAt: minutes(-100), lastMessageAt: minutes(-5) },
    });
    expect(result.merged).toMatchObject({ mergedInto: keep._id, stats: { orders: 0, totalSpent: 0 } });
    expect(result.merged.merging).toBeUndefined();

    // The list hides the tombstone; the 360° view shows both chats and all orders.
    const all = await searchContacts(db.connection, { view: 'all', now: ctx.at });
    expect(all.items.map((each) => String(each._id))).toEqual([String(keep._id)]);
    const overview = await contactOverview(db.connection, String(keep._id));
    expect(overview?.messages.map((each) => each.body)).toEqual(['halo dari nomor', 'halo dari lid']);
    expect(overview?.orders).toHaveLength(3);

    const audits = await auditModel(db.connection).find({ entity: 'contact' }).lean();
    expect(audits.filter((each) => each.action === 'merged').map((each) => String(each.entityId))).toEqual([
      String(keep._id),
    ]);
    expect(
      audits.filter((each) => each.action === 'merged_into').map((each) => String(each.entityId)),
    ).toEqual([String(merge._id)]);

    // Again: nothing new, nothing counted twice.
    const again = await mergeContacts(
      db.connection,
      { keepId: String(keep._id), mergeId: String(merge._id) },
      ctx,
    );
    expect(again).toMatchObject({
      ok: true,
      changed: false,
      contact: { stats: { orders: 3, totalSpent: 450_000 } },
    });
    expect(
      await auditModel(db.connection).countDocuments({ action: { $in: ['merged', 'merged_into'] } }),
    ).toBe(2);
  });

  it('sends a message arriving later on the merged chat to the kept contact', async () => {
    const { keep, merge } = await twoBudis();
    await mergeContacts(db.connection, { keepId: String(keep._id), mergeId: String(merge._id) }, ctx);
    const later = minutes(120);
    const found = await contactForChat(db.connection, { chatId: LID, pushName: 'Budi S', at: later });
    expect(found.created).toBe(false);
    expect(String(found.contact._id)).toBe(String(keep._id));
    expect(found.contact.stats.lastMessageAt).toEqual(later);
    expect(await contactModel(db.connection).countDocuments()).toBe(2);

    // By phone too, once the tombstone is the only holder of a number.
    const other = await contact({ chatId: '6285700000001@c.us', phone: '+6285700000001' });
    await mergeContacts(db.connection, { keepId: String(keep._id), mergeId: String(other._id) }, ctx);
    const byPhone = await contactForPhone(db.connection, {
      phone: '+6285700000001' as PhoneNumber,
      at: later,
      actor: staff,
    });
    expect(String(byPhone.contact._id)).toBe(String(keep._id));
    expect(byPhone.created).toBe(false);
  });

  it('repoints older tombstones when the kept contact of an earlier merge is merged in turn', async () => {
    const a = await contact({ chatId: '111@lid' });
    const b = await contact({ chatId: '222@lid' });
    const c = await contact({ chatId: '6281311112222@c.us', phone: '+6281311112222' });
    await mergeContacts(db.connection, { keepId: String(b._id), mergeId: String(a._id) }, ctx);
    const result = await mergeContacts(db.connection, { keepId: String(c._id), mergeId: String(b._id) }, ctx);
    expect(result).toMatchObject({
      ok: true,
      moved: { tombstones: 1 },
      contact: { otherChatIds: ['222@lid', '111@lid'] },
    });
    expect((await contactModel(db.connection).findById(a._id).lean())?.mergedInto).toEqual(c._id);
    const found = await contactForChat(db.connection, { chatId: '111@lid', at: minutes(200) });
    expect(String(found.contact._id)).toBe(String(c._id));
  });

  it('finishes a merge interrupted after marking, or after moving some records, without counting twice', async () => {
    const { keep, merge } = await twoBudis();
    // Crash 1: only the mark was written.
    expect(await markMerge(db.connection, keep, merge, ctx.at)).toEqual({ ok: true, resumed: false });
    // Another merge of the marked contact is refused meanwhile.
    const third = await contact({ chatId: '6285700000009@c.us' });
    expect(
      await mergeContacts(db.connection, { keepId: String(third._id), mergeId: String(merge._id) }, ctx),
    ).toMatchObject({ ok: false, code: 'CONTACT.MERGE_CONFLICT' });
    // Crash 2: a resumed run moved the records and filled the details, then stopped before the tombstone.
    expect(await markMerge(db.connection, keep, merge, ctx.at)).toEqual({ ok: true, resumed: true });
    await moveRecords(db.connection, keep, merge._id, ctx);
    await absorbDetails(db.connection, keep._id, merge);

    const result = await mergeContacts(
      db.connection,
      { keepId: String(keep._id), mergeId: String(merge._id) },
      ctx,
    );
    if (!result.ok) throw new Error(result.details);
    expect(result.changed).toBe(true);
    expect(result.moved.orders).toBe(0);
    expect(result.contact).toMatchObject({
      tags: ['vip', 'langganan'],
      notes: 'suka mawar merah\n\nminta kartu ucapan',
      otherChatIds: [LID],
      stats: { orders: 3, totalSpent: 450_000 },
    });
    expect(result.contact.addresses).toHaveLength(2);
    expect(await count('order', keep._id)).toBe(3);
    expect(await leadModel(db.connection).countDocuments({ contactId: keep._id, open: true })).toBe(1);
    expect(
      await auditModel(db.connection).countDocuments({ action: { $in: ['merged', 'merged_into'] } }),
    ).toBe(2);
    expect(
      await auditModel(db.connection).countDocuments({
        entity: 'lead',
        action: 'stage_changed',
        after: { stage: 'lost', lostReason: 'merged into Budi Santoso' },
      }),
    ).toBe(1);
  });

  it('picks up an order written for the merged contact while the merge was under way', async () => {
    const { keep, merge } = await twoBudis();
    await markMerge(db.connection, keep, merge, ctx.at);
    await moveRecords(db.connection, keep, merge._id, ctx);
    // The bot resolved the chat before the merge finished.
    await order(merge, 1, minutes(30), true);
    const result = await mergeContacts(
      db.connection,
      { keepId: String(keep._id), mergeId: String(merge._id) },
      ctx,
    );
    expect(result).toMatchObject({ ok: true, contact: { stats: { orders: 4, totalSpent: 600_000 } } });
    expect(await count('order', merge._id)).toBe(0);
  });

  it('refuses the same contact, unknown ids, merged contacts and a staff number', async () => {
    const keep = await contact({ chatId: C_US, phone: '+6281234567890', pushName: 'Budi' });
    const merge = await contact({ chatId: LID, pushName: 'Budi' });
    const merge2 = (keepId: unknown, mergeId: unknown) =>
      mergeContacts(db.connection, { keepId: String(keepId), mergeId: String(mergeId) }, ctx);
    expect(await merge2(keep._id, keep._id)).toMatchObject({ ok: false, code: 'CONTACT.INVALID' });
    expect(await merge2(keep._id, '0123456789abcdef01234567')).toMatchObject({ code: 'CONTACT.NOT_FOUND' });
    expect(await merge2('0123456789abcdef01234567', merge._id)).toMatchObject({ code: 'CONTACT.NOT_FOUND' });
    expect(await merge2('nope', merge._id)).toMatchObject({ code: 'CONTACT.NOT_FOUND' });

    const user = await createUser(
      db.connection,
      { name: 'Dewi', login: 'dewi', role: 'admin', whatsapp: '0812-3456-7890' },
      { actor: staff, at },
    );
    expect(user.ok).toBe(true);
    expect(await merge2(keep._id, merge._id)).toMatchObject({ code: 'CONTACT.STAFF_NUMBER' });
    expect((await contactModel(db.connection).findById(merge._id).lean())?.merging).toBeUndefined();
    await userModel(db.connection).deleteMany({});

    expect(await merge2(keep._id, merge._id)).toMatchObject({ ok: true, changed: true });
    const other = await contact({ chatId: '6285700000002@c.us' });
    // The tombstone can be neither merged elsewhere nor kept.
    expect(await merge2(other._id, merge._id)).toMatchObject({
      code: 'CONTACT.ALREADY_MERGED',
      mergedInto: String(keep._id),
    });
    expect(await merge2(merge._id, other._id)).toMatchObject({ code: 'CONTACT.ALREADY_MERGED' });
  });
});
