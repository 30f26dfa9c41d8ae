/**
 * A WhatsApp chat export brought in as one contact's message history. The person importing says which
 * author in the export is the shop (the preview lists the authors with their message counts): that
 * author's messages are the shop's (out, staff), everyone else's the customer's (in). Each message gets
 * a deterministic id (`import:<contact>:<sha1 of time, author, text, occurrence>`) and is inserted only
 * if that id is new, one idempotent upsert each, so importing the export again inserts nothing.
 * Imported messages are history: they are never processed by the bot, flagged for the inbox or counted
 * as unread. Files of a .zip export are kept like customers' media when the shop's policy takes them.
 */
import type { AnyBulkWriteOperation, Connection } from 'mongoose';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { followMerged } from '../contacts/contact.use-case.js';
import { DEFAULT_MEDIA_POLICY, MEDIA_TYPES, type MediaPolicy } from '../media/media.rules.js';
import { storeMedia } from '../media/media.store.js';
import {
  type Message,
  type MessageMedia,
  type MessageType,
  messageModel,
} from '../messages/message.model.js';
import { messageTypeOfMime } from '../messages/message.rules.js';
import { isDuplicateKey } from '../platform/model.js';
import { getSettings } from '../settings/settings.use-case.js';
import {
  type ChatEntry,
  type ChatExport,
  importedWaId,
  MAX_CHAT_MESSAGES,
  parseChatExport,
} from './chat-export.js';
import { inflateEntry } from './zip.js';

/** Messages checked and written per round trip. */
const CHUNK = 500;

export type ChatImportFailure =
  | { ok: false; code: 'CONTACT.NOT_FOUND'; details: string }
  | { ok: false; code: 'IMPORT.INVALID'; details: string }
  | { ok: false; code: 'IMPORT.TOO_MANY_ROWS'; details: string; maxRows: number }
  | { ok: false; code: 'IMPORT.UNKNOWN_AUTHOR'; details: string; authors: string[] };

export interface ChatImportInput {
  contactId: string;
  /** The uploaded file's name, for the audit entry. */
  filename: string;
  chat: ChatExport;
  /** The author in the export who is the shop; required to import, optional for a preview. */
  shopAuthor?: string;
}

export interface ChatImportPreview {
  contact: { id: string; name: string | null };
  /** Messages that would be imported (system notices left out). */
  messages: number;
  /** System notices skipped. */
  system: number;
  /** Every author with their number of messages, most first. */
  authors: { name: string; messages: number }[];
  /** First and last message, as instants (read in the shop's time zone). */
  first: string | null;
  last: string | null;
  /** "<Media omitted>" messages (imported as type other, the text as written). */
  mediaOmitted: number;
  /** Attachment messages, and how many of their files the upload holds (a .zip export). */
  attachments: { total: number; included: number };
  /** Messages imported before (from this export or an earlier one), and those still new. */
  alreadyImported: number;
  new: number;
  /** With a shop author: the shop's messages (out) and the customer's (in). */
  shopAuthor: string | null;
  outbound: number | null;
  inbound: number | null;
}

export interface ChatImportResult {
  contact: { id: string; name: string | null };
  inserted: number;
  /** Messages already imported, left as they are. */
  skipped: number;
  system: number;
  /** Attachment files kept, and attachments whose file was not (not in the upload, or refused). */
  mediaStored: number;
  mediaNotStored: number;
}

interface Prepared {
  contact: Contact;
  entries: ChatEntry[];
  system: number;
  authors: { name: string; messages: number }[];
  timeZone: string;
  maxMediaBytes: number;
}

const contactView = (contact: Contact) => ({
  id: String(contact._id),
  name: contact.name ?? contact.pushName ?? null,
});

async function prepare(
  connection: Connection,
  input: ChatImportInput,
): Promise<({ ok: true } & Prepared) | ChatImportFailure> {
  const notFound = {
    ok: false,
    code: 'CONTACT.NOT_FOUND',
    details: `no contact with id ${input.contactId}`,
  } as const;
  if (!/^[0-9a-f]{24}$/i.test(input.contactId)) return notFound;
  const found = await contactModel(connection).findById(input.contactId).lean<Contact>();
  if (!found) return notFound;
  // A merged contact's history belongs to the contact it was merged into.
  const contact = await followMerged(connection, found);
  const settings = await getSettings(connection);
  const { entries, system } = parseChatExport(input.chat.text, settings.timeZone);
  if (entries.length === 0)
    return {
      ok: false,
      code: 'IMPORT.INVALID',
      details:
        'no messages found: upload the .txt or .zip that WhatsApp\'s "Export chat" makes ' +
        '(lines like "23/11/26 09.15 - Budi: halo" or "[23/11/2026, 09:15:02] Budi: hello")',
    };
  if (entries.length > MAX_CHAT_MESSAGES)
    return {
      ok: false,
      code: 'IMPORT.TOO_MANY_ROWS',
      details: `the export has ${entries.length} messages; at most ${MAX_CHAT_MESSAGES} are imported at once`,
      maxRows: MAX_CHAT_MESSAGES,
    };
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(entry.author, (counts.get(entry.author) ?? 0) + 1);
  const authors = [...counts]
    .map(([name, messages]) => ({ name, messages }))
    .sort((a, b) => b.messages - a.messages || a.name.localeCompare(b.name));
  if (input.shopAuthor !== undefined && !counts.has(input.shopAuthor))
    return {
      ok: false,
      code: 'IMPORT.UNKNOWN_AUTHOR',
      details: `"${input.shopAuthor}" wrote nothing in this export; the authors are ${authors.map((author) => `"${author.name}"`).join(', ')}`,
      authors: authors.map((author) => author.name),
    };
  return {
    ok: true,
    contact,
    entries,
    system,
    authors,
    timeZone: settings.timeZone,
    maxMediaBytes: settings.media.maxBytes,
  };
}

/** The waIds among these that are stored already. */
async function storedWaIds(connection: Connection, waIds: readonly string[]): Promise<Set<string>> {
  const found = await messageModel(connection)
    .find({ waId: { $in: waIds } }, { waId: 1, _id: 0 })
    .lean<{ waId: string }[]>();
  return new Set(found.map((message) => message.waId));
}

/** What importing an export would do: its authors, dates and counts; writes nothing. */
export async function previewChatImport(
  connection: Connection,
  input: ChatImportInput,
): Promise<({ ok: true } & ChatImportPreview) | ChatImportFailure> {
  const prepared = await prepare(connection, input);
  if (!prepared.ok) return prepared;
  const { contact, entries } = prepared;
  const id = String(contact._id);
  let alreadyImported = 0;
  for (let start = 0; start < entries.length; start += CHUNK) {
    const waIds = entries.slice(start, start + CHUNK).map((entry) => importedWaId(id, entry));
    alreadyImported += (await storedWaIds(connection, waIds)).size;
  }
  const attachments = entries.filter((entry) => entry.kind === 'attachment');
  const outbound =
    input.shopAuthor === undefined
      ? null
      : entries.filter((entry) => entry.author === input.shopAuthor).length;
  return {
    ok: true,
    contact: contactView(contact),
    messages: entries.length,
    system: prepared.system,
    authors: prepared.authors,
    first: entries[0]!.sentAt.toISOString(),
    last: entries[entries.length - 1]!.sentAt.toISOString(),
    mediaOmitted: entries.filter((entry) => entry.kind === 'media-omitted').length,
    attachments: {
      total: attachments.length,
      included: attachments.filter((entry) => entry.attachment && input.chat.file?.(entry.attachment)).length,
    },
    alreadyImported,
    new: entries.length - alreadyImported,
    shopAuthor: input.shopAuthor ?? null,
    outbound,
    inbound: outbound === null ? null : entries.length - outbound,
  };
}

/** The MIME type a file name suggests (the stored type is decided by the bytes). */
function mimeOfName(name: string): string {
  const extension = name.match(/\.([a-z0-9]+)$/i)?.[1]?.toLowerCase() ?? '';
  if (extension === 'jpeg') return 'image/jpeg';
  if (extension === 'opus') return 'audio/ogg';
  const known = Object.entries(MEDIA_TYPES).find(([, type]) => type.extension === extension);
  return known?.[0] ?? 'application/octet-stream';
}

/** The message type an attachment's name suggests: a vCard is a contact, WhatsApp stickers are webp. */
function typeOfName(name: string): MessageType {
  if (/\.vcf$/i.test(name)) return 'contact';
  return messageTypeOfMime(mimeOfName(name));
}

export interface ChatImportContext {
  actor: Actor;
  at: Date;
  /** Where files are kept; without it attachments are imported as messages without their file. */
  dataDir?: string;
}

/** An attachment as a message: its file kept when the upload has it and the policy takes it. */
async function attachmentOf(
  entry: ChatEntry & { attachment: string },
  chat: ChatExport,
  options: { dataDir?: string; policy: MediaPolicy; timeZone: string },
): Promise<{ type: MessageType; body: string; media: MessageMedia }> {
  const filename = entry.attachment;
  const notKept = (state: 'failed' | 'refused', error: string) => ({
    type: typeOfName(filename),
    body: entry.text,
    media: { state, error, filename, attempts: 0 },
  });
  const file = chat.file?.(filename);
  if (!file) return notKept('failed', 'IMPORT.MEDIA_NOT_INCLUDED');
  if (!options.dataDir) return notKept('failed', 'IMPORT.NO_STORAGE');
  const inflated = await inflateEntry(file, options.policy.maxBytes, true);
  if (!inflated.data) return notKept('refused', 'MEDIA.TOO_LARGE');
  const stored = await storeMedia(
    { data: inflated.data, mimetype: mimeOfName(filename), filename },
    // Dated by the message, so the same file of the same message lands on the same path every time.
    { dataDir: options.dataDir, policy: options.policy, now: entry.sentAt, timeZone: options.timeZone },
  );
  if (!stored.ok) return notKept('refused', stored.code);
  const { media } = stored;
  return {
    type:
      /sticker/i.test(filename) || media.mime === 'image/webp' ? 'sticker' : messageTypeOfMime(media.mime),
    body: entry.caption ?? '',
    media: {
      state: 'stored',
      path: media.path,
      mime: media.mime,
      size: media.size,
      sha256: media.sha256,
      attempts: 0,
      ...(media.thumbnailPath && { thumbnailPath: media.thumbnailPath }),
      ...(media.width !== undefined && { width: media.width, height: media.height }),
      filename: media.originalFilename ?? filename,
    },
  };
}

/**
 * Import an export as the contact's history: the shop author's messages go out as staff, the others
 * come in from the customer. Messages imported before are skipped; the contact's last-message time
 * moves forward if the history is newer. Audited when anything was inserted.
 */
export async function importChat(
  connection: Connection,
  input: ChatImportInput & { shopAuthor: string },
  context: ChatImportContext,
): Promise<({ ok: true } & ChatImportResult) | ChatImportFailure> {
  const prepared = await prepare(connection, input);
  if (!prepared.ok) return prepared;
  const { contact, entries } = prepared;
  const contactId = String(contact._id);
  const policy: MediaPolicy = { ...DEFAULT_MEDIA_POLICY, maxBytes: prepared.maxMediaBytes };
  const messages = messageModel(connection);
  let inserted = 0;
  let mediaStored = 0;
  let mediaNotStored = 0;
  let lastInserted: Date | undefined;

  for (let start = 0; start < entries.length; start += CHUNK) {
    const chunk = entries
      .slice(start, start + CHUNK)
      .map((entry) => ({ entry, waId: importedWaId(contactId, entry) }));
    const stored = await storedWaIds(
      connection,
      chunk.map((item) => item.waId),
    );
    const operations: AnyBulkWriteOperation<Message>[] = [];
    for (const { entry, waId } of chunk) {
      if (stored.has(waId)) continue;
      const shop = entry.author === input.shopAuthor;
      let content: { type: MessageType; body: string; media?: MessageMedia } = {
        type: 'text',
        body: entry.text,
      };
      if (entry.kind === 'media-omitted') content = { type: 'other', body: entry.text };
      else if (entry.kind === 'attachment' && entry.attachment) {
        content = await attachmentOf({ ...entry, attachment: entry.attachment }, input.chat, {
          ...(context.dataDir && { dataDir: context.dataDir }),
          policy,
          timeZone: prepared.timeZone,
        });
        if (content.media?.state === 'stored') mediaStored += 1;
        else mediaNotStored += 1;
      }
      const message: Message = {
        waId,
        chatId: contact.chatId,
        direction: shop ? 'out' : 'in',
        author: shop ? 'staff' : 'customer',
        ...content,
        pushName: entry.author,
        sentAt: entry.sentAt,
        receivedAt: context.at,
      };
      operations.push({ updateOne: { filter: { waId }, update: { $setOnInsert: message }, upsert: true } });
    }
    if (operations.length === 0) continue;
    const write = () => messages.bulkWrite(operations, { ordered: false });
    // Another import of the same export inserting the same ids at the same moment: run again, they match.
    const result = await write().catch((error: unknown) => {
      if (isDuplicateKey(error)) return write();
      throw error;
    });
    inserted += result.upsertedCount;
    if (result.upsertedCount > 0) {
      const newest = chunk[chunk.length - 1]!.entry.sentAt;
      if (!lastInserted || newest > lastInserted) lastInserted = newest;
    }
  }

  if (lastInserted) {
    await contactModel(connection).updateOne(
      { _id: contact._id },
      { $max: { 'stats.lastMessageAt': lastInserted } },
    );
  }
  if (inserted > 0)
    await audit(
      connection,
      {
        entity: 'contact',
        entityId: contact._id,
        action: 'chat_imported',
        actor: context.actor,
        after: {
          filename: input.filename,
          shopAuthor: input.shopAuthor,
          inserted,
          first: entries[0]!.sentAt,
          last: entries[entries.length - 1]!.sentAt,
        },
      },
      context.at,
    );
  return {
    ok: true,
    contact: contactView(contact),
    inserted,
    skipped: entries.length - inserted,
    system: prepared.system,
    mediaStored,
    mediaNotStored,
  };
}
