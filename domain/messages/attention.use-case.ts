import type { Connection } from 'mongoose';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { followMerged } from '../contacts/contact.use-case.js';
import {
  type AttentionOutcome,
  type AttentionReason,
  type Message,
  type MessageAttention,
  messageModel,
} from './message.model.js';

/** How long a staff member's claim on an inbox item keeps others off it (a crashed request lets go). */
export const CLAIM_MS = 2 * 60_000;

/** Who acts on the inbox, and when. */
export interface AttentionContext {
  actor: Actor;
  at: Date;
}

/** A message that is (or was) in the inbox. */
export type FlaggedMessage = Message & { attention: MessageAttention };

/** The contact behind an item's chat, as the inbox shows it. */
export type AttentionContact = Pick<Contact, '_id' | 'chatId' | 'name' | 'pushName' | 'phone'>;

/** One open inbox item: the message and who wrote it (null when no contact was made for the chat). */
export interface AttentionItem {
  message: FlaggedMessage;
  contact: AttentionContact | null;
}

export type AttentionFailure =
  | { ok: false; code: 'INBOX.NOT_FOUND'; details: string; waId: string }
  | {
      ok: false;
      code: 'INBOX.ALREADY_DONE';
      details: string;
      waId: string;
      outcome: AttentionOutcome | null;
      ref: string | null;
      doneBy: string | null;
    }
  | { ok: false; code: 'INBOX.ALREADY_CLAIMED'; details: string; waId: string; by: string | null };

export type AttentionResult = { ok: true; message: FlaggedMessage } | AttentionFailure;

/** Flagged and not done yet. */
const OPEN = { 'attention.at': { $exists: true }, 'attention.doneAt': { $exists: false } };

/** Nobody holds the item, or their claim has lapsed. */
const unclaimed = (at: Date) => ({
  $or: [
    { 'attention.claim': { $exists: false } },
    { 'attention.claim.at': { $lte: new Date(at.getTime() - CLAIM_MS) } },
  ],
});

const actorName = (actor: Actor | undefined): string | null => actor?.name ?? actor?.id ?? null;

/** Why an item could not be claimed or resolved, read after the conditional write missed. */
async function failureOf(connection: Connection, waId: string): Promise<AttentionFailure> {
  const message = await messageModel(connection)
    .findOne({ waId }, { attention: 1 })
    .lean<Pick<Message, 'attention'>>();
  const attention = message?.attention;
  if (!attention)
    return { ok: false, code: 'INBOX.NOT_FOUND', details: `no inbox item for message ${waId}`, waId };
  if (attention.doneAt) {
    const by = actorName(attention.doneBy);
    return {
      ok: false,
      code: 'INBOX.ALREADY_DONE',
      details: `message ${waId} was already handled${attention.outcome ? ` (${attention.outcome}${attention.ref ? ` ${attention.ref}` : ''})` : ''}${by ? ` by ${by}` : ''}`,
      waId,
      outcome: attention.outcome ?? null,
      ref: attention.ref ?? null,
      doneBy: by,
    };
  }
  const by = actorName(attention.claim?.by);
  return {
    ok: false,
    code: 'INBOX.ALREADY_CLAIMED',
    details: `${by ?? 'someone'} is handling message ${waId} right now`,
    waId,
    by,
  };
}

/**
 * Put a customer message in the console inbox. One conditional write: the first reason wins, and a
 * message processed again (after a crash) or already handled is never flagged again. True if this call
 * flagged it.
 */
export async function flagForStaff(
  connection: Connection,
  waId: string,
  reason: AttentionReason,
  at: Date,
): Promise<boolean> {
  const result = await messageModel(connection).updateOne(
    { waId, direction: 'in', attention: { $exists: false } },
    { $set: { attention: { reason, at } } },
  );
  return result.modifiedCount > 0;
}

/** Open inbox items, newest flag first (at most `limit`, 1–500), with their contacts, and how many are open. */
export async function openAttention(
  connection: Connection,
  options: { limit: number },
): Promise<{ items: AttentionItem[]; total: number }> {
  const limit = Math.min(Math.max(Math.trunc(options.limit), 1), 500);
  const model = messageModel(connection);
  const [messages, total] = await Promise.all([
    model.find(OPEN).sort({ 'attention.at': -1, _id: -1 }).limit(limit).lean<FlaggedMessage[]>(),
    model.countDocuments(OPEN),
  ]);
  const chatIds = [...new Set(messages.map((message) => message.chatId))];
  const found = await contactModel(connection)
    .find({ chatId: { $in: chatIds } })
    .lean<Contact[]>();
  // A chat whose contact was merged into another belongs to the kept contact.
  const byChat = new Map<string, AttentionContact>();
  for (const contact of found) byChat.set(contact.chatId, await followMerged(connection, contact));
  return {
    items: messages.map((message) => ({ message, contact: byChat.get(message.chatId) ?? null })),
    total,
  };
}

/**
 * Take an open item to act on it (make an order, lead or task; reply): one caller at a time, so a double
 * click or two colleagues at once make one thing. The claim lapses after CLAIM_MS; resolving ends it.
 */
export async function claimAttention(
  connection: Connection,
  waId: string,
  ctx: AttentionContext,
): Promise<AttentionResult> {
  const message = await messageModel(connection)
    .findOneAndUpdate(
      { waId, ...OPEN, ...unclaimed(ctx.at) },
      { $set: { 'attention.claim': { by: ctx.actor, at: ctx.at } } },
      { returnDocument: 'after' },
    )
    .lean<FlaggedMessage>();
  return message ? { ok: true, message } : failureOf(connection, waId);
}

/** Let go of a claim taken at `claimedAt` when the action was refused or failed: the item stays open. */
export async function releaseAttention(connection: Connection, waId: string, claimedAt: Date): Promise<void> {
  await messageModel(connection).updateOne(
    { waId, ...OPEN, 'attention.claim.at': claimedAt },
    { $unset: { 'attention.claim': 1 } },
  );
}

/** The conditional write behind both resolves; audited when it wins. */
async function resolve(
  connection: Connection,
  filter: Record<string, unknown>,
  input: { waId: string; outcome: AttentionOutcome; ref?: string },
  ctx: AttentionContext,
): Promise<FlaggedMessage | null> {
  const message = await messageModel(connection)
    .findOneAndUpdate(
      { waId: input.waId, ...OPEN, ...filter },
      {
        $set: {
          'attention.doneAt': ctx.at,
          'attention.doneBy': ctx.actor,
          'attention.outcome': input.outcome,
          ...(input.ref !== undefined && { 'attention.ref': input.ref }),
        },
        $unset: { 'attention.claim': 1 },
      },
      { returnDocument: 'after' },
    )
    .lean<FlaggedMessage>();
  if (!message) return null;
  await audit(
    connection,
    {
      entity: 'message',
      entityId: message.waId,
      action: 'attention_resolved',
      actor: ctx.actor,
      before: { reason: message.attention.reason, flaggedAt: message.attention.at },
      after: { outcome: input.outcome, ...(input.ref !== undefined && { ref: input.ref }) },
    },
    ctx.at,
  );
  return message;
}

/**
 * Close an open item with what staff made of it. Conditional: two people resolving at once resolve it
 * once, the other gets INBOX.ALREADY_DONE; an unknown or never-flagged message is INBOX.NOT_FOUND.
 */
export async function resolveAttention(
  connection: Connection,
  input: { waId: string; outcome: AttentionOutcome; ref?: string },
  ctx: AttentionContext,
): Promise<AttentionResult> {
  const message = await resolve(connection, {}, input, ctx);
  return message ? { ok: true, message } : failureOf(connection, input.waId);
}

/**
 * Close every open item of a chat (after staff replied there), except those a colleague is acting on
 * right now: they close them with what they make. Returns how many this call closed.
 */
export async function resolveChat(
  connection: Connection,
  chatId: string,
  outcome: AttentionOutcome,
  ctx: AttentionContext,
): Promise<number> {
  const open = await messageModel(connection)
    .find({ chatId, ...OPEN, ...unclaimed(ctx.at) }, { waId: 1 })
    .lean<Pick<Message, 'waId'>[]>();
  let closed = 0;
  for (const { waId } of open) {
    if (await resolve(connection, unclaimed(ctx.at), { waId, outcome }, ctx)) closed += 1;
  }
  return closed;
}
