import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { type Connection, isValidObjectId, type Types } from 'mongoose';
import { auditModel } from '../audit/audit.model.js';
import { chatModel } from '../chats/chat.model.js';
import { conversationModel } from '../conversations/conversation.model.js';
import { invoiceModel } from '../invoices/invoice.model.js';
import { leadModel } from '../leads/lead.model.js';
import { type Message, messageModel } from '../messages/message.model.js';
import { type Order, orderModel } from '../orders/order.model.js';
import { outboxModel } from '../outbox/outbox.model.js';
import { type Payment, paymentModel } from '../payments/payment.model.js';
import { taskModel } from '../tasks/task.model.js';
import { trialMessageModel } from '../trial/trial.model.js';
import { type Contact, contactModel } from './contact.model.js';
import { isErasedChatId } from './contact-erasure.rules.js';

export type ContactExportFailure =
  | { ok: false; code: 'CONTACT.NOT_FOUND'; details: string }
  | { ok: false; code: 'CONTACT.ALREADY_MERGED'; details: string; mergedInto: string };

/** How many records of each kind the export holds, and how many files (missing files are counted apart). */
export type ContactExportCounts = Record<string, number>;

export type ContactExportResult =
  | { ok: true; zip: Buffer; filename: string; counts: ContactExportCounts }
  | ContactExportFailure;

/** A file name from a contact's id and the day: nothing personal in it, since downloads are often shared. */
const zipName = (contactId: string, at: Date) =>
  `pesanin-pelanggan-${contactId}-${at.toISOString().slice(0, 10)}.zip`;

/** JSON as people read it: two-space indented, ids and dates as strings. */
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Everything Pesanin stores about one customer (issue 11, customer rights), as a zip: one JSON file per
 * kind of record — the contact and the contacts merged into it, orders, invoices, payments, leads,
 * tasks, messages of all their chats, chat state, conversation, messages queued to them, trial messages
 * and the audit trail of those records — in plain (decrypted) values, plus `media/` with their stored
 * files (photos and documents they sent, payment proofs, reference media, files made for them) under
 * their stored paths. A file missing from disk is listed in `missing-files.json` rather than failing the
 * export. Reads only; the caller audits it. Without a data directory the zip holds no files.
 */
export async function exportContact(
  connection: Connection,
  input: { contactId: string },
  context: { at: Date; dataDir?: string | undefined },
): Promise<ContactExportResult> {
  const { contactId } = input;
  const notFound: ContactExportFailure = {
    ok: false,
    code: 'CONTACT.NOT_FOUND',
    details: `no contact with id ${contactId}`,
  };
  if (!isValidObjectId(contactId)) return notFound;
  const contact = await contactModel(connection).findById(contactId).lean<Contact>();
  if (!contact) return notFound;
  if (contact.mergedInto)
    return {
      ok: false,
      code: 'CONTACT.ALREADY_MERGED',
      details: `contact ${contactId} was merged into ${String(contact.mergedInto)}; export that contact`,
      mergedInto: String(contact.mergedInto),
    };
  const merged = await contactModel(connection).find({ mergedInto: contact._id }).lean<Contact[]>();
  const contactIds = [contact._id, ...merged.map((person) => person._id)];
  const chatIds = [
    ...new Set([contact, ...merged].flatMap((person) => [person.chatId, ...(person.otherChatIds ?? [])])),
  ].filter((chatId) => !isErasedChatId(chatId));
  const byContact = { contactId: { $in: contactIds } };
  const inChats = { chatId: { $in: chatIds } };
  const [orders, invoices, payments, leads, tasks, messages, chats, conversations, outbox, trial] =
    await Promise.all([
      orderModel(connection).find(byContact).sort({ createdAt: 1 }).lean<Order[]>(),
      invoiceModel(connection).find(byContact).sort({ createdAt: 1 }).lean(),
      paymentModel(connection).find(byContact).sort({ createdAt: 1 }).lean<Payment[]>(),
      leadModel(connection).find(byContact).sort({ createdAt: 1 }).lean(),
      taskModel(connection)
        .find({ $or: [byContact, { 'link.kind': 'contact', 'link.id': { $in: contactIds } }] })
        .sort({ createdAt: 1 })
        .lean(),
      messageModel(connection)
        .find(inChats)
        .sort({ sentAt: 1 })
        .lean<(Message & { _id: Types.ObjectId })[]>(),
      chatModel(connection).find(inChats).lean(),
      conversationModel(connection).find(inChats).lean(),
      outboxModel(connection).find(inChats).sort({ createdAt: 1 }).lean(),
      trialMessageModel(connection).find(inChats).sort({ at: 1 }).lean(),
    ]);
  const recordIds = [
    ...contactIds,
    ...orders.map((order) => order._id),
    ...invoices.map((invoice) => invoice._id),
    ...payments.map((payment) => payment._id),
    ...leads.map((lead) => lead._id),
    ...tasks.map((task) => task._id),
  ];
  const auditTrail = await auditModel(connection)
    .find({ entityId: { $in: recordIds } })
    .sort({ at: 1 })
    .lean();

  const zip = new JSZip();
  const records: Record<string, unknown[]> = {
    contact: [contact],
    'merged-contacts': merged,
    orders,
    invoices,
    payments,
    leads,
    tasks,
    messages,
    chats,
    conversations,
    outbox,
    'trial-messages': trial,
    audit: auditTrail,
  };
  const counts: ContactExportCounts = {};
  for (const [name, rows] of Object.entries(records)) {
    zip.file(`${name}.json`, json(name === 'contact' ? rows[0] : rows));
    counts[name] = rows.length;
  }

  const files = [
    ...new Set(
      [
        ...messages.flatMap((message) => [message.media?.path, message.media?.thumbnailPath]),
        ...payments.map((payment) => payment.proofPath),
        ...orders.flatMap((order) => [
          ...(order.custom?.referenceMedia ?? []),
          ...(order.deliverables ?? []).flatMap((file) => [file.path, file.thumbnailPath]),
        ]),
      ].filter((file): file is string => typeof file === 'string' && file !== ''),
    ),
  ];
  const missing: string[] = [];
  let stored = 0;
  if (context.dataDir) {
    const root = path.resolve(context.dataDir);
    for (const file of files) {
      const absolute = path.resolve(root, file);
      // Stored paths lie under the data directory; anything else is not read.
      if (!absolute.startsWith(root + path.sep)) {
        missing.push(file);
        continue;
      }
      try {
        zip.file(
          `media/${path.relative(root, absolute).split(path.sep).join('/')}`,
          await readFile(absolute),
        );
        stored += 1;
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'ENOENT') missing.push(file);
        else throw error;
      }
    }
  } else missing.push(...files);
  if (missing.length > 0) zip.file('missing-files.json', json(missing));
  counts.files = stored;
  counts.missingFiles = missing.length;

  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { ok: true, zip: buffer, filename: zipName(contactId, context.at), counts };
}

/** How much is stored about one customer, for a reply on WhatsApp before anything is exported or erased. */
export interface StoredAbout {
  orders: number;
  messages: number;
  leads: number;
  tasks: number;
  payments: number;
}

/** Count what is stored about a (live) contact and the contacts merged into it. */
export async function storedAbout(connection: Connection, contact: Contact): Promise<StoredAbout> {
  const merged = await contactModel(connection)
    .find({ mergedInto: contact._id }, { chatId: 1, otherChatIds: 1 })
    .lean<Pick<Contact, '_id' | 'chatId' | 'otherChatIds'>[]>();
  const contactIds = [contact._id, ...merged.map((person) => person._id)];
  const chatIds = [contact, ...merged]
    .flatMap((person) => [person.chatId, ...(person.otherChatIds ?? [])])
    .filter((chatId) => !isErasedChatId(chatId));
  const byContact = { contactId: { $in: contactIds } };
  const [orders, messages, leads, tasks, payments] = await Promise.all([
    orderModel(connection).countDocuments(byContact),
    messageModel(connection).countDocuments({ chatId: { $in: chatIds } }),
    leadModel(connection).countDocuments(byContact),
    taskModel(connection).countDocuments(byContact),
    paymentModel(connection).countDocuments(byContact),
  ]);
  return { orders, messages, leads, tasks, payments };
}
