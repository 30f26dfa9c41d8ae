import { rm } from 'node:fs/promises';
import path from 'node:path';
import {
  type Connection,
  isValidObjectId,
  type Model,
  type QueryFilter,
  type Types,
  type UpdateQuery,
} from 'mongoose';
import { activityModel } from '../activity/activity.model.js';
import type { Actor } from '../audit/audit.model.js';
import { auditModel } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { productModel } from '../catalog/product.model.js';
import { chatModel } from '../chats/chat.model.js';
import { conversationModel } from '../conversations/conversation.model.js';
import { botText } from '../i18n/messages.js';
import { invoiceModel } from '../invoices/invoice.model.js';
import { type Lead, leadModel } from '../leads/lead.model.js';
import { type Message, messageModel } from '../messages/message.model.js';
import { type Order, orderModel } from '../orders/order.model.js';
import { outboxModel } from '../outbox/outbox.model.js';
import { type Payment, paymentModel } from '../payments/payment.model.js';
import { isDuplicateKey } from '../platform/model.js';
import { getSettings } from '../settings/settings.use-case.js';
import { type Task, taskModel } from '../tasks/task.model.js';
import { trialMessageModel } from '../trial/trial.model.js';
import { userModel } from '../users/user.model.js';
import { type Contact, contactModel } from './contact.model.js';
import {
  confirmsErasure,
  ERASE_WORDS,
  erasedChatId,
  isErasedChatId,
  mentions,
  type PersonalTraits,
  redactValue,
  traitPattern,
} from './contact-erasure.rules.js';
import { chatIdOfPhone, type PhoneNumber, phoneOfChatId } from './phone.js';

/** Who erases, when, and where stored files live (without a data directory no file is deleted). */
export interface ErasureContext {
  actor: Actor;
  at: Date;
  dataDir?: string | undefined;
}

export type ErasureFailure =
  | { ok: false; code: 'CONTACT.NOT_FOUND'; details: string }
  | { ok: false; code: 'CONTACT.INVALID_CONFIRMATION'; details: string }
  | { ok: false; code: 'CONTACT.ALREADY_MERGED'; details: string; mergedInto: string }
  | { ok: false; code: 'CONTACT.MERGE_CONFLICT'; details: string }
  | { ok: false; code: 'CONTACT.STAFF_NUMBER'; details: string };

/** How many records one erasure changed or removed, by kind; never anything about the person. */
export interface ErasureCounts {
  orders: number;
  invoices: number;
  payments: number;
  leads: number;
  tasks: number;
  messages: number;
  outbox: number;
  conversations: number;
  chats: number;
  trialMessages: number;
  auditEntries: number;
  activities: number;
  staffMessages: number;
  mergedContacts: number;
  files: number;
}

export type ErasureResult =
  | { ok: true; contactId: string; changed: boolean; counts: ErasureCounts }
  | ErasureFailure;

/** Counts of an erasure that has erased nothing yet. */
export const noCounts = (): ErasureCounts => ({
  orders: 0,
  invoices: 0,
  payments: 0,
  leads: 0,
  tasks: 0,
  messages: 0,
  outbox: 0,
  conversations: 0,
  chats: 0,
  trialMessages: 0,
  auditEntries: 0,
  activities: 0,
  staffMessages: 0,
  mergedContacts: 0,
  files: 0,
});

/**
 * What one erasure works on, read from the records before any of them changes: the contact and the
 * tombstones of contacts merged into it, their chats, the ids of everything that is theirs, the files,
 * and the pattern that finds the person's number, names and addresses in free text.
 */
export interface ErasurePlan {
  contact: Contact;
  contactIds: Types.ObjectId[];
  chatIds: string[];
  /** Staff members' own WhatsApp chats, where alerts about the customer were sent. */
  staffChatIds: string[];
  orderIds: Types.ObjectId[];
  leadIds: Types.ObjectId[];
  /** Stored files (relative to the data directory) that belong to the customer only. */
  files: string[];
  pattern: RegExp | undefined;
  at: Date;
  /** What a redacted trace becomes, and the name the customer's records keep, in the shop's language. */
  redacted: string;
  erasedName: string;
}

const nonEmpty = (values: (string | undefined | null)[]): string[] => [
  ...new Set(values.filter((value): value is string => typeof value === 'string' && value.trim() !== '')),
];

/** Read everything the erasure needs before it changes anything. Exported for the resume tests. */
export async function planErasure(connection: Connection, contact: Contact, at: Date): Promise<ErasurePlan> {
  const settings = await getSettings(connection);
  const erasedName = botText(settings.locale, 'privacy.erased_name');
  const merged = await contactModel(connection).find({ mergedInto: contact._id }).lean<Contact[]>();
  const people = [contact, ...merged];
  const contactIds = people.map((person) => person._id);
  const chatIds = nonEmpty(
    people.flatMap((person) => [person.chatId, ...(person.otherChatIds ?? [])]),
  ).filter((chatId) => !isErasedChatId(chatId));
  const [orders, leads, payments, messages, staff] = await Promise.all([
    orderModel(connection)
      .find({ contactId: { $in: contactIds } })
      .lean<Order[]>(),
    leadModel(connection)
      .find({ contactId: { $in: contactIds } }, { _id: 1 })
      .lean<Pick<Lead, '_id'>[]>(),
    paymentModel(connection)
      .find({ contactId: { $in: contactIds } }, { _id: 1, proofPath: 1 })
      .lean<Pick<Payment, '_id' | 'proofPath'>[]>(),
    messageModel(connection)
      .find({ chatId: { $in: chatIds } }, { _id: 1, pushName: 1, media: 1 })
      .lean<(Pick<Message, 'pushName' | 'media'> & { _id: Types.ObjectId })[]>(),
    userModel(connection)
      .find({ whatsapp: { $type: 'string' } }, { whatsapp: 1 })
      .lean<{ whatsapp: string }[]>(),
  ]);
  const traits: PersonalTraits = {
    phones: nonEmpty([
      ...people.map((person) => person.phone),
      ...people.map((person) => phoneOfChatId(person.chatId)),
      ...orders.map((order) => order.fulfilment?.recipientPhone),
    ]),
    chatIds,
    // The erased name itself is no trace (a resumed erasure finds it on the orders it already did).
    names: nonEmpty([
      ...people.flatMap((person) => [person.name, person.pushName]),
      ...orders.flatMap((order) => [order.customerName, order.fulfilment?.recipientName]),
      ...messages.map((message) => message.pushName),
    ]).filter((name) => name !== erasedName),
    texts: nonEmpty([
      ...people.flatMap((person) => [
        person.email,
        ...(person.addresses ?? []).map((address) => address.text),
      ]),
      ...orders.map((order) => order.fulfilment?.address),
    ]),
  };
  const files = nonEmpty([
    ...messages.flatMap((message) => [message.media?.path, message.media?.thumbnailPath]),
    ...payments.map((payment) => payment.proofPath),
    ...orders.flatMap((order) => [
      ...(order.custom?.referenceMedia ?? []),
      ...(order.deliverables ?? []).flatMap((file) => [file.path, file.thumbnailPath]),
    ]),
  ]);
  const orderIds = orders.map((order) => order._id);
  const leadIds = leads.map((lead) => lead._id);
  return {
    contact,
    contactIds,
    chatIds,
    staffChatIds: staff.map((user) => chatIdOfPhone(user.whatsapp as PhoneNumber)),
    orderIds,
    leadIds,
    files,
    pattern: traitPattern(traits),
    at,
    redacted: botText(settings.locale, 'privacy.redacted'),
    erasedName,
  };
}

/** The fields of `doc` among `fields` that hold a trace of the person, redacted: a `$set` for them. */
function redactedFields(
  doc: Record<string, unknown>,
  fields: readonly string[],
  plan: ErasurePlan,
): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const field of fields)
    if (doc[field] !== undefined && mentions(doc[field], plan.pattern))
      set[field] = redactValue(doc[field], plan.pattern, plan.redacted);
  return set;
}

/** What a rewrite sets, unsets or increments on one document besides the redacted fields. */
interface ExtraChange {
  set?: Record<string, unknown>;
  unset?: string[];
  inc?: Record<string, number>;
}

/** Redact `fields` of every document `filter` finds, one document at a time. Returns how many changed. */
async function redactEach<T>(
  model: Model<T>,
  filter: Record<string, unknown>,
  fields: readonly string[],
  plan: ErasurePlan,
  rewrite: {
    /** More fields `extra` reads (never redacted as they are). */
    read?: readonly string[];
    /** Fields set or unset whatever they hold; a field set here replaces its redacted value. */
    extra?: (doc: Record<string, unknown>) => ExtraChange;
    /** Delete a document whose redacted unique field collides with another's. */
    dropOnDuplicate?: boolean;
  } = {},
): Promise<number> {
  let changed = 0;
  const extra = rewrite.extra ?? ((): ExtraChange => ({}));
  const projection = Object.fromEntries([...fields, ...(rewrite.read ?? [])].map((field) => [field, 1]));
  for await (const doc of model.find(filter, projection).lean<Record<string, unknown>>().cursor()) {
    const more = extra(doc);
    const set = { ...redactedFields(doc, fields, plan), ...more.set };
    const unset = (more.unset ?? []).filter((field) => field.split('.')[0]! in doc);
    if (Object.keys(set).length === 0 && unset.length === 0) continue;
    // Paths built at run time: the typed update cannot see them.
    const update = {
      ...(Object.keys(set).length > 0 && { $set: set }),
      ...(unset.length > 0 && { $unset: Object.fromEntries(unset.map((field) => [field, 1])) }),
      ...(more.inc && { $inc: more.inc }),
    } as UpdateQuery<T>;
    try {
      await model.updateOne({ _id: doc._id } as QueryFilter<T>, update);
    } catch (error) {
      // A redacted unique key (an outbox dedupe key) that now equals another: the row goes instead.
      if (!rewrite.dropOnDuplicate || !isDuplicateKey(error)) throw error;
      await model.deleteOne({ _id: doc._id } as QueryFilter<T>);
    }
    changed += 1;
  }
  return changed;
}

/**
 * Whether a stored file is also used by something that is not the customer's (files are stored once per
 * content). Proof paths are encrypted at rest and cannot be looked up, so other customers' proofs are
 * read once (`otherProofs`).
 */
async function usedElsewhere(
  connection: Connection,
  file: string,
  plan: ErasurePlan,
  otherProofs: ReadonlySet<string>,
): Promise<boolean> {
  if (otherProofs.has(file)) return true;
  const checks = await Promise.all([
    messageModel(connection).exists({
      chatId: { $nin: plan.chatIds },
      $or: [{ 'media.path': file }, { 'media.thumbnailPath': file }],
    }),
    orderModel(connection).exists({
      contactId: { $nin: plan.contactIds },
      $or: [
        { 'custom.referenceMedia': file },
        { 'deliverables.path': file },
        { 'deliverables.thumbnailPath': file },
      ],
    }),
    outboxModel(connection).exists({ chatId: { $nin: plan.chatIds }, 'media.path': file }),
    productModel(connection).exists({ image: file }),
  ]);
  return checks.some((found) => found !== null);
}

/**
 * Step 1: the customer's files (their photos and documents, payment proofs, reference media, files
 * made for them), unless another customer's record or the catalog uses the same stored file. Deleted
 * before the records naming them change, so a crash never leaves a file nobody can find again.
 */
async function deleteFiles(
  connection: Connection,
  plan: ErasurePlan,
  dataDir: string | undefined,
): Promise<number> {
  if (!dataDir) return 0;
  const root = path.resolve(dataDir);
  let deleted = 0;
  if (plan.files.length === 0) return 0;
  const proofs = await paymentModel(connection)
    .find({ contactId: { $nin: plan.contactIds }, proofPath: { $exists: true } }, { proofPath: 1 })
    .lean<Pick<Payment, 'proofPath'>[]>();
  const otherProofs = new Set(nonEmpty(proofs.map((payment) => payment.proofPath)));
  for (const file of plan.files) {
    const absolute = path.resolve(root, file);
    // A stored path always lies under the data directory; anything else is not ours to delete.
    if (!absolute.startsWith(root + path.sep)) continue;
    if (await usedElsewhere(connection, file, plan, otherProofs)) continue;
    await rm(absolute, { force: true });
    deleted += 1;
  }
  return deleted;
}

/**
 * Step 2: every trace of the person in free text that is kept — the audit trail, the staff activity log,
 * alerts in the staff members' own chats, leads, tasks, payments — and the chat id on invoices.
 * Done before the orders and messages change, since those supply part of what is looked for.
 * Exported for the resume tests.
 */
export async function redactRecords(
  connection: Connection,
  plan: ErasurePlan,
  counts: ErasureCounts,
): Promise<void> {
  const customerIds = new Set(plan.contactIds.map(String));
  const placeholder = erasedChatId(String(plan.contact._id));
  // Entries about a message are keyed by its WhatsApp id, which holds the chat id.
  counts.auditEntries += await redactEach(
    auditModel(connection),
    {},
    ['entityId', 'before', 'after', 'actor'],
    plan,
    {
      extra: (doc) => {
        const actor = doc.actor as Actor | undefined;
        // The customer as the actor of their own changes keeps no name.
        if (
          actor?.kind === 'customer' &&
          actor.id &&
          customerIds.has(actor.id) &&
          actor.name &&
          actor.name !== plan.erasedName
        )
          return { set: { actor: { kind: 'customer', id: actor.id, name: plan.erasedName } } };
        return {};
      },
    },
  );
  counts.activities += await redactEach(activityModel(connection), {}, ['details'], plan);
  counts.staffMessages += await redactEach(
    messageModel(connection),
    { chatId: { $in: plan.staffChatIds } },
    // Keys of alerts name the customer's message, whose WhatsApp id holds their chat id.
    ['body', 'media', 'outboxKey'],
    plan,
  );
  counts.staffMessages += await redactEach(
    outboxModel(connection),
    { $or: [{ chatId: { $in: plan.staffChatIds } }, { relayTo: { $in: plan.chatIds } }] },
    ['text', 'key'],
    plan,
    {
      dropOnDuplicate: true,
      read: ['relayTo'],
      // A reply to an alert about an erased customer reaches nobody.
      extra: (doc) => (plan.chatIds.includes(doc.relayTo as string) ? { unset: ['relayTo'] } : {}),
    },
  );
  await redactEach(conversationModel(connection), { chatId: { $in: plan.staffChatIds } }, ['data'], plan);
  counts.leads += await redactEach(
    leadModel(connection),
    { contactId: { $in: plan.contactIds } },
    ['interest', 'nextAction', 'lostReason', 'activities', 'customFields'],
    plan,
  );
  counts.tasks += await redactEach(
    taskModel(connection),
    {
      $or: [
        { contactId: { $in: plan.contactIds } },
        { 'link.id': { $in: [...plan.contactIds, ...plan.leadIds, ...plan.orderIds] } },
      ],
    },
    ['text', 'link'],
    plan,
    {
      extra: (doc) => {
        const link = doc.link as Task['link'];
        return link?.kind === 'contact' && link.label !== plan.erasedName
          ? { set: { link: { ...link, label: plan.erasedName } } }
          : {};
      },
    },
  );
  counts.payments += await redactEach(
    paymentModel(connection),
    { contactId: { $in: plan.contactIds } },
    ['rejectReason'],
    plan,
    // The proof is deleted, and the WhatsApp message id names the chat it came from.
    { read: ['proofPath', 'messageId'], extra: () => ({ unset: ['proofPath', 'messageId'] }) },
  );
  counts.invoices += await redactEach(
    invoiceModel(connection),
    { contactId: { $in: plan.contactIds } },
    [],
    plan,
    {
      read: ['chatId'],
      extra: (doc) => (doc.chatId === placeholder ? {} : { set: { chatId: placeholder } }),
    },
  );
}

/** An order's timeline with the person redacted from notes and the customer's own entries unnamed. */
function anonymisedTimeline(timeline: Order['timeline'], plan: ErasurePlan): Order['timeline'] {
  const customerIds = new Set(plan.contactIds.map(String));
  return redactValue(timeline, plan.pattern, plan.redacted).map((entry) =>
    entry.actor.kind === 'customer' &&
    entry.actor.name &&
    (!entry.actor.id || customerIds.has(entry.actor.id))
      ? { ...entry, actor: { ...entry.actor, name: plan.erasedName } }
      : entry,
  );
}

/**
 * Step 3: the orders stay for the books — number, items, totals, payment status, timeline — with the
 * customer anonymised: the fixed erased name, no address, recipient, card or notes of theirs, no chat,
 * no message ids, no files, and every trace of the person in staff notes and the timeline redacted.
 */
async function anonymiseOrders(
  connection: Connection,
  plan: ErasurePlan,
  counts: ErasureCounts,
): Promise<void> {
  const placeholder = erasedChatId(String(plan.contact._id));
  counts.orders += await redactEach(
    orderModel(connection),
    { contactId: { $in: plan.contactIds } },
    ['internalNotes', 'contactMove'],
    plan,
    {
      read: [
        'chatId',
        'customerName',
        'cardText',
        'customerNotes',
        'fulfilment',
        'custom',
        'timeline',
        'messageIds',
        'deliverables',
        'requestKey',
      ],
      extra: (doc) => {
        const set: Record<string, unknown> = {};
        if (doc.chatId !== placeholder) set.chatId = placeholder;
        if (doc.customerName !== plan.erasedName) set.customerName = plan.erasedName;
        if ((doc.messageIds as string[] | undefined)?.length) set.messageIds = [];
        if ((doc.deliverables as unknown[] | undefined)?.length) set.deliverables = [];
        const fulfilment = (doc.fulfilment ?? {}) as Order['fulfilment'];
        const { address, recipientName, recipientPhone, ...rest } = fulfilment;
        if (
          address !== undefined ||
          recipientName !== undefined ||
          recipientPhone !== undefined ||
          mentions(rest, plan.pattern)
        )
          set.fulfilment = redactValue(rest, plan.pattern, plan.redacted);
        const custom = doc.custom as Order['custom'];
        if (custom && (custom.referenceMedia.length > 0 || mentions(custom, plan.pattern)))
          set.custom = { ...redactValue(custom, plan.pattern, plan.redacted), referenceMedia: [] };
        const timeline = (doc.timeline ?? []) as Order['timeline'];
        const anonymised = anonymisedTimeline(timeline, plan);
        if (JSON.stringify(anonymised) !== JSON.stringify(timeline)) set.timeline = anonymised;
        // The request key (`wa:<message id>`) names the customer's chat; it only guarded the creation.
        const unset = ['cardText', 'customerNotes', 'requestKey'].filter((field) => doc[field] !== undefined);
        if (Object.keys(set).length === 0 && unset.length === 0) return {};
        // An edit computed from a read before the erasure is retried on the anonymised order, not applied.
        return { set: { ...set, updatedAt: plan.at }, unset, inc: { revision: 1 } };
      },
    },
  );
}

/** Step 4: the chats themselves: messages, chat state, conversation, queued or sent messages, trial messages. */
async function removeChats(connection: Connection, plan: ErasurePlan, counts: ErasureCounts): Promise<void> {
  const inChats = { chatId: { $in: plan.chatIds } };
  counts.messages += (await messageModel(connection).deleteMany(inChats)).deletedCount;
  counts.outbox += (await outboxModel(connection).deleteMany(inChats)).deletedCount;
  counts.conversations += (await conversationModel(connection).deleteMany(inChats)).deletedCount;
  counts.chats += (await chatModel(connection).deleteMany(inChats)).deletedCount;
  counts.trialMessages += (await trialMessageModel(connection).deleteMany(inChats)).deletedCount;
}

/** The contact's staff-number check: erasing a staff member's own chat would erase the shop's alerts. */
async function staffNumber(connection: Connection, contact: Contact): Promise<string | undefined> {
  const phones = nonEmpty([contact.phone, phoneOfChatId(contact.chatId)]);
  if (phones.length === 0) return undefined;
  const user = await userModel(connection)
    .findOne({ whatsapp: { $in: phones } }, { whatsapp: 1 })
    .lean<{ whatsapp: string }>();
  return user?.whatsapp;
}

/**
 * Erase one customer (SPEC §8, issue 11): their files are deleted; their messages, chat state,
 * conversation, queued messages and trial messages removed; the contacts merged into them removed;
 * their orders, invoices and payments kept for the books with the customer anonymised (totals and
 * statuses untouched, so every report still counts them); every trace of their number, names and
 * addresses redacted from leads, tasks, the audit trail, the staff activity log and alerts in staff
 * chats. The contact stays as a nameless tombstone (`chatId` erased:<id>, the catalog's erased name) so
 * the orders still point at a contact; their WhatsApp chat, should they write again, starts a new one.
 *
 * No transactions: each step changes one document at a time and finds only what is left, and the
 * tombstone is written last, so running it again after a crash finishes the job, and running it on an
 * erased contact changes nothing (`changed: false`). Audited on the contact (counts only, nothing
 * personal). It must be confirmed by typing HAPUS (or ERASE), or the customer's name or number
 * (`CONTACT.INVALID_CONFIRMATION`). Refused too: an unknown contact, a merge tombstone (erase the contact it was merged into), a
 * contact in the middle of a merge, and a staff member's own number.
 */
export async function eraseContact(
  connection: Connection,
  input: { contactId: string; confirm: string },
  context: ErasureContext,
): Promise<ErasureResult> {
  const { contactId } = input;
  const notFound: ErasureFailure = {
    ok: false,
    code: 'CONTACT.NOT_FOUND',
    details: `no contact with id ${contactId}`,
  };
  if (!isValidObjectId(contactId)) return notFound;
  const contacts = contactModel(connection);
  const contact = await contacts.findById(contactId).lean<Contact>();
  if (!contact) return notFound;
  if (isErasedChatId(contact.chatId)) return { ok: true, contactId, changed: false, counts: noCounts() };
  if (contact.mergedInto)
    return {
      ok: false,
      code: 'CONTACT.ALREADY_MERGED',
      details: `contact ${contactId} was merged into ${String(contact.mergedInto)}; erase that contact`,
      mergedInto: String(contact.mergedInto),
    };
  if (
    contact.merging ||
    (await contacts.exists({ 'merging.into': contact._id, mergedInto: { $exists: false } }))
  )
    return {
      ok: false,
      code: 'CONTACT.MERGE_CONFLICT',
      details: `contact ${contactId} is being merged; finish the merge first`,
    };
  if (!confirmsErasure(contact, input.confirm))
    return {
      ok: false,
      code: 'CONTACT.INVALID_CONFIRMATION',
      details: `type ${ERASE_WORDS.map((word) => `"${word}"`).join(' or ')}, or the customer's name or number, to confirm the erasure`,
    };
  const staff = await staffNumber(connection, contact);
  if (staff)
    return {
      ok: false,
      code: 'CONTACT.STAFF_NUMBER',
      details: `${staff} is a staff member's WhatsApp number; it is not erased`,
    };

  const plan = await planErasure(connection, contact, context.at);
  const counts = noCounts();
  counts.files = await deleteFiles(connection, plan, context.dataDir);
  await redactRecords(connection, plan, counts);
  await anonymiseOrders(connection, plan, counts);
  await removeChats(connection, plan, counts);
  counts.mergedContacts = (await contacts.deleteMany({ mergedInto: contact._id })).deletedCount;

  // Last: the tombstone. Whoever writes it writes the audit entry.
  const done = await contacts.updateOne(
    { _id: contact._id, chatId: contact.chatId },
    {
      $set: {
        chatId: erasedChatId(contactId),
        erasedAt: context.at,
        name: plan.erasedName,
        nameConfirmed: true,
        optOut: true,
        tags: [],
        addresses: [],
      },
      $unset: { phone: 1, pushName: 1, email: 1, notes: 1, otherChatIds: 1, rfm: 1, merging: 1 },
    },
  );
  const changed = done.modifiedCount === 1;
  if (changed)
    await audit(
      connection,
      { entity: 'contact', entityId: contact._id, action: 'erased', actor: context.actor, after: { counts } },
      context.at,
    );
  return { ok: true, contactId, changed, counts };
}
