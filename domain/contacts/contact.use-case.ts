import type { Connection, UpdateQuery } from 'mongoose';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { isDuplicateKey } from '../platform/model.js';
import { type Channel, type Contact, contactModel } from './contact.model.js';
import { chatIdOfPhone, type PhoneNumber, phoneOfChatId } from './phone.js';

type Found = { contact: Contact; created: boolean };

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
  const contact = result.value as Contact;
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

/** The contact behind a WhatsApp chat, created on first contact; keeps push name and last-message time current. */
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
 * new one keyed by the number's WhatsApp chat id.
 */
export async function contactForPhone(
  connection: Connection,
  input: { phone: PhoneNumber; name?: string; at: Date; actor: Actor },
): Promise<Found> {
  const existing = await contactModel(connection)
    .findOne({ phone: input.phone })
    .sort({ createdAt: 1 })
    .lean<Contact>();
  if (existing) return { contact: existing, created: false };
  return upsertByChatId(
    connection,
    chatIdOfPhone(input.phone),
    { onInsert: { phone: input.phone, ...(input.name && { pushName: input.name }) } },
    input.at,
    input.actor,
  );
}
