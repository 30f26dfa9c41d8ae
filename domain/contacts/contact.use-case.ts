import type { Connection, UpdateQuery } from 'mongoose';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { isDuplicateKey } from '../platform/model.js';
import { type Channel, type Contact, contactModel } from './contact.model.js';
import { chatIdOfPhone, type PhoneNumber, phoneOfChatId } from './phone.js';

type Found = { contact: Contact; created: boolean };

/** Tombstone hops followed at most: merges repoint older tombstones, so a chain is one hop long. */
const MAX_HOPS = 5;

/**
 * The live contact behind a contact that may be a merge tombstone: follows `mergedInto` to the kept
 * contact, noting the message time there when there is one.
 */
export async function followMerged(
  connection: Connection,
  contact: Contact,
  lastMessageAt?: Date,
): Promise<Contact> {
  let current = contact;
  for (let hop = 0; current.mergedInto && hop < MAX_HOPS; hop++) {
    const contacts = contactModel(connection);
    const next = await (lastMessageAt
      ? contacts.findOneAndUpdate(
          { _id: current.mergedInto },
          { $max: { 'stats.lastMessageAt': lastMessageAt } },
          { returnDocument: 'after' },
        )
      : contacts.findById(current.mergedInto)
    ).lean<Contact>();
    // A tombstone pointing at nothing would be a bug elsewhere; the tombstone is better than nothing.
    if (!next) return current;
    current = next;
  }
  return current;
}

/** Find the contact with this chat id or create it, atomically (two messages at once make one contact). */
async function upsertByChatId(
  connection: Connection,
  chatId: string,
  update: { set?: UpdateQuery<Contact>['$set']; onInsert: Record<string, unknown>; lastMessageAt?: Date },
  at: Date,
  actor: Actor,
): Promise<Found> {
  const upsert = () =>
    contactModel(connection).findOneAndUpdate(
      { chatId },
      {
        ...(update.set && { $set: update.set }),
        ...(update.lastMessageAt && { $max: { 'stats.lastMessageAt': update.lastMessageAt } }),
        $setOnInsert: {
          createdAt: at,
          nameConfirmed: false,
          optOut: false,
          tags: [],
          addresses: [],
          'stats.orders': 0,
          'stats.totalSpent': 0,
          ...update.onInsert,
        },
      },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true, lean: true },
    );
  // Two first messages at the same instant can race to insert; the loser finds the winner's contact.
  const result = await upsert().catch((error: unknown) => {
    if (isDuplicateKey(error)) return upsert();
    throw error;
  });
  const found = result.value as Contact;
  // A merged contact's chat belongs to the contact it was merged into.
  if (found.mergedInto)
    return { contact: await followMerged(connection, found, update.lastMessageAt), created: false };
  const contact = found;
  const created = result.lastErrorObject?.updatedExisting === false;
  if (created) {
    await audit(
      connection,
      { entity: 'contact', entityId: contact._id, action: 'created', actor, after: update.onInsert },
      at,
    );
  }
  return { contact, created };
}

/**
 * The contact behind a WhatsApp chat, created on first contact; keeps push name and last-message time
 * current. The chat of a contact merged into another resolves to that other contact.
 */
export async function contactForChat(
  connection: Connection,
  input: { chatId: string; pushName?: string; channel?: Channel; at: Date },
): Promise<Found> {
  const phone = phoneOfChatId(input.chatId);
  return upsertByChatId(
    connection,
    input.chatId,
    {
      ...(input.pushName && { set: { pushName: input.pushName } }),
      lastMessageAt: input.at,
      onInsert: { ...(phone && { phone }), ...(input.channel && { firstChannel: input.channel }) },
    },
    input.at,
    { kind: 'customer' },
  );
}

/**
 * The contact with this phone (imports, orders taken by phone): an existing one with the number, or a
 * new one keyed by the number's WhatsApp chat id. A merged contact with the number resolves to the
 * contact it was merged into.
 */
export async function contactForPhone(
  connection: Connection,
  input: { phone: PhoneNumber; name?: string; at: Date; actor: Actor },
): Promise<Found> {
  const existing = await contactModel(connection)
    .find({ phone: input.phone })
    .sort({ createdAt: 1 })
    .limit(10)
    .lean<Contact[]>();
  const live = existing.find((contact) => !contact.mergedInto);
  if (live) return { contact: live, created: false };
  if (existing[0]) return { contact: await followMerged(connection, existing[0]), created: false };
  return upsertByChatId(
    connection,
    chatIdOfPhone(input.phone),
    { onInsert: { phone: input.phone, ...(input.name && { pushName: input.name }) } },
    input.at,
    input.actor,
  );
}
