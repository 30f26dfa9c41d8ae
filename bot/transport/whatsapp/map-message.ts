import type wweb from 'whatsapp-web.js';
import { z } from 'zod';
import { chatKindOf } from '../chat-kind.js';
import type { AckState, ChatKind, InboundMessage, MessageType } from '../transport.js';

/**
 * whatsapp-web.js messages → Pesanin's InboundMessage. Pure: no page calls, so every rule here is tested
 * with the library's real `Message` class built from WhatsApp-Web-shaped payloads.
 */

/** What the mapping needs to know about the linked account. */
export interface MappingContext {
  /** The shop's own ids (phone `…@c.us` and `…@lid`), to tell whether a quoted message was the shop's. */
  ownIds: ReadonlySet<string>;
}

/** A WhatsApp id as WhatsApp Web serializes it: a string, or a Wid/MsgKey object carrying `_serialized`. */
const Serialized = z.union([
  z.string(),
  z.object({ _serialized: z.string() }).transform((wid) => wid._serialized),
]);

/**
 * The raw fields the library's `Message` does not map (or maps lossily). Each one is optional and
 * tolerant, so a field WhatsApp Web renames or nulls costs that field, never the message.
 */
const RawMessage = z
  .object({
    notifyName: z.string().optional().catch(undefined),
    caption: z.string().optional().catch(undefined),
    filename: z.string().optional().catch(undefined),
    mimetype: z.string().optional().catch(undefined),
    quotedMsg: z
      .object({ id: Serialized.optional().catch(undefined) })
      .optional()
      .catch(undefined),
    quotedStanzaID: z.string().optional().catch(undefined),
    quotedParticipant: Serialized.optional().catch(undefined),
    quotedRemoteJid: Serialized.optional().catch(undefined),
  })
  .catch({});
type RawMessage = z.infer<typeof RawMessage>;

/** WhatsApp Web's message types; anything not listed is `other`. `ptv` is a round video note. */
const TYPES = new Map<string, MessageType>([
  ['chat', 'text'],
  ['image', 'image'],
  ['video', 'video'],
  ['ptv', 'video'],
  ['audio', 'audio'],
  ['ptt', 'audio'],
  ['document', 'document'],
  ['sticker', 'sticker'],
  ['location', 'location'],
  ['vcard', 'contact'],
  ['multi_vcard', 'contact'],
]);

/**
 * Events nobody wrote: call logs, encryption and system notices, protocol messages (edits, deletes,
 * history sync), undecrypted ciphertext, and "this message was deleted" placeholders. They carry
 * nothing to answer, and recording them would only count as "did not understand" in the chat flow.
 */
const IGNORED_TYPES = new Set([
  'call_log',
  'e2e_notification',
  'notification',
  'notification_template',
  'gp2',
  'group_notification',
  'broadcast_notification',
  'protocol',
  'ciphertext',
  'debug',
  'revoked',
]);

/** True for library events that are not messages anyone wrote (calls, notifications, protocol messages). */
export function isIgnoredMessage(message: wweb.Message): boolean {
  return IGNORED_TYPES.has(message.type);
}

/** The library's ACK number (-1 error … 4 played) as Pesanin's delivery state. */
export function mapAck(ack: number): AckState {
  if (ack < 0) return 'failed';
  if (ack === 0) return 'pending';
  if (ack === 1) return 'sent';
  if (ack === 2) return 'delivered';
  if (ack === 3) return 'read';
  return 'played';
}

/** Why a message cannot be read at all; the transport logs it and drops that one message. */
export class UnreadableMessage extends Error {}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * WhatsApp's ids are short (`false_<jid>_<stanza id>[_<participant>]`, under 200 characters); a longer one
 * is not WhatsApp's, and would cost every key and index built from it downstream.
 */
const MAX_ID_LENGTH = 256;
const shortId = (value: unknown): string | undefined => {
  const id = text(value);
  return id && id.length <= MAX_ID_LENGTH ? id : undefined;
};

/** WhatsApp's own limit on a message's text; anything past it was never sent by WhatsApp. */
export const MAX_BODY_LENGTH = 65_536;

/**
 * Detach a library message into Pesanin's InboundMessage. Without a message id, a chat or a time it throws
 * UnreadableMessage; any other field of the wrong type is left out or read as empty.
 */
export function mapMessage(message: wweb.Message, context: MappingContext): InboundMessage {
  const raw = RawMessage.parse(message.rawData);
  const id = shortId(Serialized.safeParse(message.id).data);
  if (!id) throw new UnreadableMessage('WhatsApp message without an id (or with one too long to be real)');
  const chatId = chatIdOf(message);
  if (!chatId) throw new UnreadableMessage('WhatsApp message without a chat (or one too long to be real)');
  const timestamp = new Date(message.timestamp * 1_000);
  if (typeof message.timestamp !== 'number' || Number.isNaN(timestamp.getTime()))
    throw new UnreadableMessage('WhatsApp message without a time');
  const chatKind = chatKindOf(chatId);
  const type = TYPES.get(message.type) ?? 'other';
  const quotedMessageId = shortId(quotedIdOf(raw, chatId, chatKind, context));
  const location = type === 'location' ? locationOf(message) : undefined;
  const vcards =
    type === 'contact' && Array.isArray(message.vCards)
      ? message.vCards.filter((card): card is string => text(card) !== undefined)
      : [];
  return {
    id,
    chatId,
    chatKind,
    senderId: shortId(message.author) ?? chatId,
    ...(raw.notifyName && { pushName: raw.notifyName }),
    type,
    body: bodyOf(message, type, raw).slice(0, MAX_BODY_LENGTH),
    timestamp,
    fromMe: message.fromMe === true,
    ...(quotedMessageId && { quotedMessageId }),
    hasMedia: message.hasMedia,
    ...(raw.filename && { filename: raw.filename }),
    ...(raw.mimetype && { mimetype: raw.mimetype }),
    ...(location && { location }),
    ...(vcards.length > 0 && { vcards }),
  };
}

/** The chat is the key's `remote`; `from`/`to` (which swap for the shop's own messages) only as a fallback. */
function chatIdOf(message: wweb.Message): string | undefined {
  const remote = Serialized.safeParse((message.id as Partial<wweb.MessageId> | undefined)?.remote);
  if (remote.success && remote.data !== '') return shortId(remote.data);
  return shortId(message.fromMe === true ? message.to : message.from);
}

/**
 * Text, or a media caption. Not the library's `body` for other types: for a location, or for media whose
 * `directPath` is not there yet, WhatsApp Web puts a base64 thumbnail in `body`.
 */
function bodyOf(message: wweb.Message, type: MessageType, raw: RawMessage): string {
  if (type === 'text' || type === 'other') return typeof message.body === 'string' ? message.body : '';
  if (type === 'image' || type === 'video' || type === 'document') return raw.caption ?? '';
  return '';
}

/**
 * The library builds `location` from the raw `lat`/`lng` (numbers, though its typings say string) and
 * the description from `loc` ("name\naddress").
 */
function locationOf(message: wweb.Message): InboundMessage['location'] {
  if (!message.location) return undefined;
  const latitude = Number(message.location.latitude);
  const longitude = Number(message.location.longitude);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  const description = text(message.location.description);
  return { latitude, longitude, ...(description && { description }) };
}

/**
 * The id of the message this one replies to, in the form our own records use (`sent.id._serialized`),
 * so that an admin's reply to a forwarded customer message can be matched to it.
 *
 * WhatsApp Web's `quotedMsg` normally carries no id, and the library only offers the async
 * `getQuotedMessage()` page round-trip. So when `quotedMsg.id` is absent the key is rebuilt from the
 * context info exactly as WhatsApp Web does (WAWebDBProcessReplyMsgs.createQuotedMsgKey):
 * `${fromMe}_${quotedRemoteJid ?? id.remote}_${quotedStanzaID}`, plus `_${quotedParticipant}` in groups
 * (and for Meta AI bots), where fromMe means the quoted participant is the shop's own account.
 */
function quotedIdOf(
  raw: RawMessage,
  chatId: string,
  chatKind: ChatKind,
  context: MappingContext,
): string | undefined {
  if (raw.quotedMsg?.id) return raw.quotedMsg.id;
  // WhatsApp Web's own test for "is a reply" is a non-empty stanza id; `hasQuotedMsg` alone has no id.
  const stanzaId = raw.quotedStanzaID;
  if (!stanzaId) return undefined;
  const participant = raw.quotedParticipant;
  const fromMe = participant !== undefined && context.ownIds.has(participant);
  const remote = raw.quotedRemoteJid ?? chatId;
  const withParticipant = participant !== undefined && (chatKind === 'group' || participant.endsWith('@bot'));
  return `${fromMe}_${remote}_${stanzaId}${withParticipant ? `_${participant}` : ''}`;
}
