import { type Connection, isValidObjectId, type Types } from 'mongoose';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { invoiceModel } from '../invoices/invoice.model.js';
import { type Lead, leadModel } from '../leads/lead.model.js';
import { OPEN_STAGES } from '../leads/lead.rules.js';
import { changeLeadStage } from '../leads/lead.use-case.js';
import { orderModel } from '../orders/order.model.js';
import { paymentModel } from '../payments/payment.model.js';
import { isDuplicateKey } from '../platform/model.js';
import { taskModel } from '../tasks/task.model.js';
import { userModel } from '../users/user.model.js';
import { type Contact, type ContactAddress, contactModel } from './contact.model.js';
import { isErasedChatId } from './contact-erasure.rules.js';
import { phoneOfChatId } from './phone.js';

/** Who made a change, and when. */
export interface MergeContext {
  actor: Actor;
  at: Date;
}

export type MergeFailure =
  | { ok: false; code: 'CONTACT.INVALID'; details: string }
  | { ok: false; code: 'CONTACT.NOT_FOUND'; details: string }
  | { ok: false; code: 'CONTACT.ALREADY_MERGED'; details: string; mergedInto: string }
  | { ok: false; code: 'CONTACT.MERGE_CONFLICT'; details: string }
  | { ok: false; code: 'CONTACT.ALREADY_ERASED'; details: string }
  | { ok: false; code: 'CONTACT.STAFF_NUMBER'; details: string };

/** How many records of each kind one call moved to the kept contact. */
export interface MergeMoved {
  orders: number;
  invoices: number;
  payments: number;
  leads: number;
  tasks: number;
  /** Contacts merged earlier into the merged one, now pointing at the kept one. */
  tombstones: number;
}

export type MergeResult = MergeDone | MergeFailure;

/** A merge that is done (now or before). */
export interface MergeDone {
  ok: true;
  /** The kept contact, as it is now. */
  contact: Contact;
  /** The merged contact's tombstone. */
  merged: Contact;
  /** False when the merge had already finished: nothing new happened. */
  changed: boolean;
  moved: MergeMoved;
  /** The open lead closed because both contacts had one. */
  closedLeadId?: string;
}

const displayName = (contact: Contact): string =>
  contact.name ?? contact.pushName ?? contact.phone ?? contact.chatId;

/** How tasks label a contact (see task.use-case.ts): "Name (+62…)", or whichever is known. */
function taskLabel(contact: Contact): string {
  const name = contact.name ?? contact.pushName;
  const phone = contact.phone ?? contact.chatId;
  return name ? `${name} (${phone})` : phone;
}

const notFound = (id: string): MergeFailure => ({
  ok: false,
  code: 'CONTACT.NOT_FOUND',
  details: `no contact with id ${id}`,
});

const alreadyMerged = (contact: Contact): MergeFailure => ({
  ok: false,
  code: 'CONTACT.ALREADY_MERGED',
  details: `contact ${String(contact._id)} (${displayName(contact)}) was already merged into ${String(contact.mergedInto)}`,
  mergedInto: String(contact.mergedInto),
});

const conflict = (details: string): MergeFailure => ({ ok: false, code: 'CONTACT.MERGE_CONFLICT', details });

function addMoves(total: MergeMoved, more: MergeMoved): MergeMoved {
  return {
    orders: total.orders + more.orders,
    invoices: total.invoices + more.invoices,
    payments: total.payments + more.payments,
    leads: total.leads + more.leads,
    tasks: total.tasks + more.tasks,
    tombstones: total.tombstones + more.tombstones,
  };
}

/** Whether either contact's number is a staff member's WhatsApp: those chats are the admins' own. */
async function staffNumber(
  connection: Connection,
  contacts: readonly Contact[],
): Promise<string | undefined> {
  const phones = [
    ...new Set(
      contacts
        .flatMap((contact) => [contact.phone, phoneOfChatId(contact.chatId)])
        .filter((phone): phone is string => phone !== undefined),
    ),
  ];
  if (phones.length === 0) return undefined;
  const user = await userModel(connection)
    .findOne({ whatsapp: { $in: phones } }, { whatsapp: 1 })
    .lean<{ whatsapp: string }>();
  return user?.whatsapp;
}

/**
 * Step 1: mark `merge` as merging into `keep`, with a conditional update so two merges of one contact
 * cannot both start. A contact already marked for this same merge is resumed. Exported for the resume
 * tests.
 */
export async function markMerge(
  connection: Connection,
  keep: Contact,
  merge: Contact,
  at: Date,
): Promise<{ ok: true; resumed: boolean } | MergeFailure> {
  const contacts = contactModel(connection);
  const marked = await contacts
    .findOneAndUpdate(
      { _id: merge._id, mergedInto: { $exists: false }, merging: { $exists: false } },
      { $set: { merging: { into: keep._id, at } } },
      { returnDocument: 'after' },
    )
    .lean<Contact>();
  if (!marked) {
    const now = await contacts.findById(merge._id).lean<Contact>();
    if (!now) return notFound(String(merge._id));
    if (now.mergedInto && !now.mergedInto.equals(keep._id)) return alreadyMerged(now);
    if (now.merging && !now.merging.into.equals(keep._id))
      return conflict(`${displayName(now)} is already being merged into ${String(now.merging.into)}`);
    return { ok: true, resumed: true };
  }
  // Checked again after marking: a merge of the kept contact that started meanwhile wins, and ours is undone.
  const kept = await contacts.findById(keep._id).lean<Contact>();
  if (!kept || kept.mergedInto || kept.merging) {
    await contacts.updateOne(
      { _id: merge._id, 'merging.into': keep._id, mergedInto: { $exists: false } },
      { $unset: { merging: 1 } },
    );
    if (!kept) return notFound(String(keep._id));
    return kept.mergedInto
      ? alreadyMerged(kept)
      : conflict(`${displayName(kept)} is itself being merged into another contact; finish that merge first`);
  }
  return { ok: true, resumed: false };
}

/** Which of two open leads stays open: the further along the funnel, then the newer. */
function keepsOpen(a: Lead, b: Lead): Lead {
  const rank = (lead: Lead) => (OPEN_STAGES as readonly string[]).indexOf(lead.stage);
  if (rank(a) !== rank(b)) return rank(a) > rank(b) ? a : b;
  return a.createdAt.getTime() >= b.createdAt.getTime() ? a : b;
}

/**
 * Leads move to the kept contact; a contact has at most one open lead (unique index), so when both have
 * one, the other is closed as lost ("merged into <name>") first. A lead opened meanwhile turns the move
 * into a duplicate-key error, and the pair is settled again.
 */
async function moveLeads(
  connection: Connection,
  keep: Contact,
  fromId: Types.ObjectId,
  context: MergeContext,
): Promise<{ moved: number; closedLeadId?: string }> {
  const leads = leadModel(connection);
  let closedLeadId: string | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const [kept, merged] = await Promise.all([
      leads.findOne({ contactId: keep._id, open: true }).lean<Lead>(),
      leads.findOne({ contactId: fromId, open: true }).lean<Lead>(),
    ]);
    if (kept && merged) {
      const loser = keepsOpen(kept, merged) === kept ? merged : kept;
      const closed = await changeLeadStage(connection, {
        leadId: loser._id,
        to: 'lost',
        lostReason: `merged into ${displayName(keep)}`,
        ...context,
      });
      // Closed by someone else meanwhile, or moved to won: either way it is no longer open.
      if (closed.ok && closed.changed) closedLeadId = String(loser._id);
    }
    try {
      const result = await leads.updateMany({ contactId: fromId }, { $set: { contactId: keep._id } });
      return { moved: result.modifiedCount, ...(closedLeadId && { closedLeadId }) };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  throw new Error(`contact ${String(fromId)} kept opening leads while being merged into ${String(keep._id)}`);
}

/**
 * Step 2: move everything of `fromId` to `keep` — leads, orders, invoices, payments, tasks, and the
 * tombstones of contacts merged into it earlier. Each move is one updateMany on the records still
 * pointing at `fromId`, so running it again moves only what is left. Exported for the resume tests.
 */
export async function moveRecords(
  connection: Connection,
  keep: Contact,
  fromId: Types.ObjectId,
  context: MergeContext,
): Promise<{ moved: MergeMoved; closedLeadId?: string }> {
  const to = keep._id;
  const leads = await moveLeads(connection, keep, fromId, context);
  // The order's revision is bumped: an edit computed from a read before the move is retried, not applied.
  const orders = await orderModel(connection).updateMany(
    { contactId: fromId },
    { $set: { contactId: to }, $inc: { revision: 1 } },
  );
  const invoices = await invoiceModel(connection).updateMany(
    { contactId: fromId },
    { $set: { contactId: to } },
  );
  const payments = await paymentModel(connection).updateMany(
    { contactId: fromId },
    { $set: { contactId: to } },
  );
  const tasks = await taskModel(connection).updateMany({ contactId: fromId }, { $set: { contactId: to } });
  const taskLinks = await taskModel(connection).updateMany(
    { 'link.kind': 'contact', 'link.id': fromId },
    { $set: { 'link.id': to, 'link.label': taskLabel(keep) } },
  );
  const tombstones = await contactModel(connection).updateMany(
    { mergedInto: fromId },
    { $set: { mergedInto: to } },
  );
  return {
    moved: {
      orders: orders.modifiedCount,
      invoices: invoices.modifiedCount,
      payments: payments.modifiedCount,
      leads: leads.moved,
      // A task linked to the contact has both moved at once; count tasks, not fields.
      tasks: Math.max(tasks.modifiedCount, taskLinks.modifiedCount),
      tombstones: tombstones.modifiedCount,
    },
    ...(leads.closedLeadId && { closedLeadId: leads.closedLeadId }),
  };
}

const sameAddress = (a: ContactAddress, b: ContactAddress) =>
  a.text.trim().toLowerCase() === b.text.trim().toLowerCase();

/**
 * Step 3: the kept contact keeps its own details and takes the merged one's where it has none; tags
 * are united, notes appended (once: notes it already holds are not added again), addresses added when
 * new, opt-out kept if either opted out, and the merged chats remembered. Returns the fields it set.
 * Exported for the resume tests.
 */
export async function absorbDetails(
  connection: Connection,
  keepId: Types.ObjectId,
  merge: Contact,
): Promise<Record<string, unknown>> {
  const keep = await contactModel(connection).findById(keepId).lean<Contact>();
  if (!keep) return {};
  const set: Record<string, unknown> = {};
  if (!keep.name && merge.name) {
    set.name = merge.name;
    set.nameConfirmed = merge.nameConfirmed;
  }
  for (const field of ['pushName', 'phone', 'email', 'firstChannel'] as const)
    if (!keep[field] && merge[field]) set[field] = merge[field];
  if (merge.optOut && !keep.optOut) set.optOut = true;
  const notes = merge.notes?.trim();
  if (notes && !(keep.notes ?? '').includes(notes))
    set.notes = keep.notes ? `${keep.notes}\n\n${notes}` : notes;
  const addresses = keep.addresses ?? [];
  const fresh = (merge.addresses ?? []).filter(
    (address) => !addresses.some((old) => sameAddress(old, address)),
  );
  if (fresh.length > 0) set.addresses = [...addresses, ...fresh];
  const tags = (merge.tags ?? []).filter((tag) => !(keep.tags ?? []).includes(tag));
  const chatIds = [merge.chatId, ...(merge.otherChatIds ?? [])].filter(
    (chatId) => chatId !== keep.chatId && !(keep.otherChatIds ?? []).includes(chatId),
  );
  const addToSet = {
    ...(tags.length > 0 && { tags: { $each: tags } }),
    ...(chatIds.length > 0 && { otherChatIds: { $each: chatIds } }),
  };
  if (Object.keys(set).length === 0 && Object.keys(addToSet).length === 0) return {};
  await contactModel(connection).updateOne(
    { _id: keepId },
    {
      ...(Object.keys(set).length > 0 && { $set: set }),
      ...(Object.keys(addToSet).length > 0 && { $addToSet: addToSet }),
    },
  );
  return { ...set, ...(tags.length > 0 && { tags }), ...(chatIds.length > 0 && { otherChatIds: chatIds }) };
}

/**
 * A contact's order stats from its orders: count, total spent on completed and paid orders (those
 * counted in stats) and last order. Recomputed, never added: running it twice gives the same numbers,
 * so a step that moved orders between contacts can always (re)settle both. Returns the stats written.
 */
export async function recomputeOrderStats(
  connection: Connection,
  contactId: Types.ObjectId,
  extra: { lastMessageAt?: Date } = {},
): Promise<{ orders: number; totalSpent: number; lastOrderAt?: Date }> {
  const [row] = await orderModel(connection).aggregate<{
    orders: number;
    totalSpent: number;
    lastOrderAt: Date;
  }>([
    { $match: { contactId } },
    {
      $group: {
        _id: '$contactId',
        orders: { $sum: 1 },
        totalSpent: { $sum: { $cond: [{ $eq: ['$countedInStats', true] }, '$total', 0] } },
        lastOrderAt: { $max: '$createdAt' },
      },
    },
  ]);
  await contactModel(connection).updateOne(
    { _id: contactId },
    {
      $set: {
        'stats.orders': row?.orders ?? 0,
        'stats.totalSpent': row?.totalSpent ?? 0,
        ...(row && { 'stats.lastOrderAt': row.lastOrderAt }),
      },
      ...(!row && { $unset: { 'stats.lastOrderAt': 1 } }),
      ...(extra.lastMessageAt && { $max: { 'stats.lastMessageAt': extra.lastMessageAt } }),
    },
  );
  return row
    ? { orders: row.orders, totalSpent: row.totalSpent, lastOrderAt: row.lastOrderAt }
    : { orders: 0, totalSpent: 0 };
}

/** The kept contact's stats from its orders, and the later of both last-message times. */
async function settleStats(connection: Connection, keepId: Types.ObjectId, merge: Contact): Promise<void> {
  await recomputeOrderStats(
    connection,
    keepId,
    merge.stats.lastMessageAt ? { lastMessageAt: merge.stats.lastMessageAt } : {},
  );
}

/**
 * Merge two contacts of the same person (an `@lid` chat and a `@c.us` one, or two numbers): `keepId`
 * stays; the orders, invoices, payments, leads and tasks of `mergeId` move to it, its details fill the
 * kept contact's blanks, and its stats are recomputed from the orders. `mergeId` stays as a tombstone
 * (`mergedInto`) so its WhatsApp chat keeps resolving — to the kept contact — and its messages show in
 * the kept contact's chat.
 *
 * No transactions: the merged contact is first marked `merging` (conditionally: one merge at a time),
 * every step is idempotent, and `mergedInto` is set last. Calling merge again after a crash finishes
 * it without moving or counting anything twice; calling it after it finished is a no-op
 * (`changed: false`). Audited on both contacts. Refused: the same contact twice (`CONTACT.INVALID`),
 * unknown ids (`CONTACT.NOT_FOUND`), either contact already merged elsewhere (`CONTACT.ALREADY_MERGED`),
 * a merge of either already under way with another contact (`CONTACT.MERGE_CONFLICT`), and a staff
 * member's number (`CONTACT.STAFF_NUMBER`).
 */
export async function mergeContacts(
  connection: Connection,
  input: { keepId: string; mergeId: string },
  context: MergeContext,
): Promise<MergeResult> {
  const { keepId, mergeId } = input;
  if (keepId === mergeId)
    return { ok: false, code: 'CONTACT.INVALID', details: 'a contact cannot be merged into itself' };
  if (!isValidObjectId(keepId)) return notFound(keepId);
  if (!isValidObjectId(mergeId)) return notFound(mergeId);
  const contacts = contactModel(connection);
  const [keep, merge] = await Promise.all([
    contacts.findById(keepId).lean<Contact>(),
    contacts.findById(mergeId).lean<Contact>(),
  ]);
  if (!keep) return notFound(keepId);
  if (!merge) return notFound(mergeId);
  if (keep.mergedInto) return alreadyMerged(keep);
  // An erased customer's record is for the books only: nothing is merged into it or out of it.
  for (const contact of [keep, merge])
    if (isErasedChatId(contact.chatId))
      return {
        ok: false,
        code: 'CONTACT.ALREADY_ERASED',
        details: `contact ${String(contact._id)} was erased`,
      };

  if (merge.mergedInto?.equals(keep._id)) {
    // Finished before: make sure nothing was left behind, and report it as done.
    const { moved } = await moveRecords(connection, keep, merge._id, context);
    await settleStats(connection, keep._id, merge);
    return finished(connection, keep._id, merge._id, false, moved);
  }
  if (merge.mergedInto) return alreadyMerged(merge);
  if (keep.merging)
    return conflict(
      `${displayName(keep)} is itself being merged into ${String(keep.merging.into)}; finish that merge first`,
    );
  if (merge.merging && !merge.merging.into.equals(keep._id))
    return conflict(`${displayName(merge)} is already being merged into ${String(merge.merging.into)}`);
  if (await contacts.exists({ 'merging.into': merge._id, mergedInto: { $exists: false } }))
    return conflict(`another contact is being merged into ${displayName(merge)}; finish that merge first`);
  const staff = await staffNumber(connection, [keep, merge]);
  if (staff)
    return {
      ok: false,
      code: 'CONTACT.STAFF_NUMBER',
      details: `${staff} is a staff member's WhatsApp number; staff contacts are not merged`,
    };

  const marked = await markMerge(connection, keep, merge, context.at);
  if (!marked.ok) return marked;
  const first = await moveRecords(connection, keep, merge._id, context);
  const filled = await absorbDetails(connection, keep._id, merge);

  // Step 4: the tombstone. Whoever sets it writes the audit entries.
  const claimed = await contacts
    .findOneAndUpdate(
      { _id: merge._id, 'merging.into': keep._id, mergedInto: { $exists: false } },
      {
        $set: { mergedInto: keep._id, 'stats.orders': 0, 'stats.totalSpent': 0 },
        $unset: { merging: 1, 'stats.lastOrderAt': 1 },
      },
      { returnDocument: 'after' },
    )
    .lean<Contact>();
  // Records written for the merged contact while it was being merged: its chat resolves to the kept
  // contact from now on, so this second pass leaves none behind.
  const second = await moveRecords(connection, keep, merge._id, context);
  await settleStats(connection, keep._id, merge);
  const moved = addMoves(first.moved, second.moved);
  const closedLeadId = first.closedLeadId ?? second.closedLeadId;

  const result = await finished(connection, keep._id, merge._id, claimed !== null, moved, closedLeadId);
  if (claimed) {
    await audit(
      connection,
      {
        entity: 'contact',
        entityId: keep._id,
        action: 'merged',
        actor: context.actor,
        before: {
          stats: keep.stats,
          ...Object.fromEntries(
            Object.keys(filled).map((field) => [field, keep[field as keyof Contact] ?? null]),
          ),
        },
        after: {
          mergedFrom: merge._id,
          mergedChatId: merge.chatId,
          stats: result.contact.stats,
          ...filled,
          moved,
          ...(closedLeadId && { closedLeadId }),
          resumed: marked.resumed,
        },
      },
      context.at,
    );
    await audit(
      connection,
      {
        entity: 'contact',
        entityId: merge._id,
        action: 'merged_into',
        actor: context.actor,
        before: { mergedInto: null, stats: merge.stats },
        after: { mergedInto: keep._id },
      },
      context.at,
    );
  }
  return result;
}

/** The outcome: both contacts as they are now. */
async function finished(
  connection: Connection,
  keepId: Types.ObjectId,
  mergeId: Types.ObjectId,
  changed: boolean,
  moved: MergeMoved,
  closedLeadId?: string,
): Promise<MergeDone> {
  const [contact, merged] = await Promise.all([
    contactModel(connection).findById(keepId).lean<Contact>(),
    contactModel(connection).findById(mergeId).lean<Contact>(),
  ]);
  if (!contact || !merged)
    throw new Error(`contact ${String(contact ? mergeId : keepId)} vanished during a merge`);
  return { ok: true, contact, merged, changed, moved, ...(closedLeadId && { closedLeadId }) };
}
