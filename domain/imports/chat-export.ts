/**
 * A WhatsApp "Export chat" file read into messages: the .txt (Android: `23/11/26 09.15 - Budi: halo`,
 * iOS: `[23/11/2026, 09:15:02] Budi: hello`, in Indonesian or English), or the .zip holding it with
 * the media. whatsapp-chat-parser splits the lines; this module decides what each message is:
 *
 * - **system** (skipped): lines without an author (Android's notices) and the end-to-end encryption
 *   and security-code notices, which iOS writes under the chat's name;
 * - **media-omitted**: "<Media tidak disertakan>", "<Media omitted>", iOS "image omitted" — imported
 *   as a message of type `other` with the text as written, so the thread shows something was sent;
 * - **attachment**: "IMG-….jpg (file terlampir)" (Android) or "<attached: …>" (iOS), its caption on the
 *   lines after it;
 * - **text**: everything else, line breaks kept.
 *
 * Times are written in the shop's time zone (the phone's clock), but the parser builds them in the
 * process's zone; they are re-read as the shop's wall clock here.
 */
import { createHash } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import JSZip from 'jszip';
import { parseString } from 'whatsapp-chat-parser';
import { inflateEntry } from './zip.js';

/** Most messages one export may hold (WhatsApp exports at most 40,000 without media). */
export const MAX_CHAT_MESSAGES = 50_000;
/** Largest chat text read out of a zip. */
export const MAX_CHAT_TEXT_BYTES = 64 * 1024 * 1024;

export type ChatEntryKind = 'text' | 'media-omitted' | 'attachment';

/** One message of an export, as the shop's phone showed it. */
export interface ChatEntry {
  /** The shop's wall-clock time as exported, `YYYY-MM-DDTHH:mm:ss` (seconds 00 on Android). */
  wallClock: string;
  /** That wall-clock time in the shop's zone, as an instant. */
  sentAt: Date;
  author: string;
  /** The message as exported: direction marks (U+200E/U+200F) removed, trimmed. */
  text: string;
  kind: ChatEntryKind;
  /** For attachments: the file name in the export. */
  attachment?: string;
  /** For attachments: the text after the attachment line. */
  caption?: string;
  /** How many identical messages (same time, author and text) came before this one in the export. */
  occurrence: number;
}

export interface ParsedChat {
  entries: ChatEntry[];
  /** System lines skipped (notices, lines without an author). */
  system: number;
}

/** Notices WhatsApp writes into the chat itself, in Indonesian and English, Android and iOS. */
const SYSTEM_NOTICES: readonly RegExp[] = [
  /^messages and calls are end-to-end encrypted/i,
  /^messages to this (?:chat|group) are now secured with end-to-end encryption/i,
  /^pesan dan panggilan terenkripsi secara end-to-end/i,
  /^pesan yang dikirim ke (?:chat|grup) ini sekarang diamankan dengan enkripsi end-to-end/i,
  /^your security code with .+ changed/i,
  /^kode keamanan anda dengan .+ (?:telah )?berubah/i,
];

const MEDIA_OMITTED =
  /^<?(?:media|image|video|audio|sticker|gif|document|contact card|gambar|stiker|dokumen|kartu kontak)\s+(?:omitted|tidak disertakan)>?$/i;

/** "IMG-….jpg (file terlampir)" / "(file attached)" on Android, "<attached: …>" / "<terlampir: …>" on iOS. */
const ATTACHMENT = [
  /^<(?:attached|terlampir):\s*(.+?)>$/i,
  /^(\S.*?\.\w{1,5})\s+\((?:file terlampir|file attached)\)$/i,
];

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The parser's date as the wall clock it was read from, re-read in the shop's zone. */
function shopTime(parsed: Date, timeZone: string): { wallClock: string; sentAt: Date } {
  // The parser built the date with the process's local zone from the exported digits, so its local
  // fields are those digits (on a process zone without daylight saving, as servers and Indonesia are).
  const [year, month, day] = [parsed.getFullYear(), parsed.getMonth(), parsed.getDate()];
  const [hours, minutes, seconds] = [parsed.getHours(), parsed.getMinutes(), parsed.getSeconds()];
  const wallClock = `${pad(year, 4)}-${pad(month + 1)}-${pad(day)}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  const sentAt = new Date(new TZDate(year, month, day, hours, minutes, seconds, 0, timeZone).getTime());
  return { wallClock, sentAt };
}

/** Read the text of an export into messages, times in the shop's zone. */
export function parseChatExport(text: string, timeZone: string): ParsedChat {
  const entries: ChatEntry[] = [];
  const seen = new Map<string, number>();
  let system = 0;
  for (const message of parseString(text.replace(/^\ufeff/, ''))) {
    const body = message.message.replace(/[\u200e\u200f]/g, '').trim();
    const author = message.author?.replace(/[\u200e\u200f]/g, '').trim();
    if (!author || SYSTEM_NOTICES.some((notice) => notice.test(body))) {
      system += 1;
      continue;
    }
    const { wallClock, sentAt } = shopTime(message.date, timeZone);
    const key = `${wallClock}\u0000${author}\u0000${body}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const entry: ChatEntry = { wallClock, sentAt, author, text: body, kind: 'text', occurrence };
    const [firstLine = '', ...rest] = body.split('\n');
    const attachment = ATTACHMENT.map((pattern) => pattern.exec(firstLine.trim())?.[1]).find(Boolean);
    if (MEDIA_OMITTED.test(body)) entry.kind = 'media-omitted';
    else if (attachment) {
      entry.kind = 'attachment';
      entry.attachment = attachment.trim();
      entry.caption = rest.join('\n').trim();
    }
    entries.push(entry);
  }
  return { entries, system };
}

/**
 * The message id of an imported message: the same message of the same export always gets the same id,
 * so importing the export again (or a later export of the same chat) inserts nothing twice.
 */
export function importedWaId(contactId: string, entry: ChatEntry): string {
  const hash = createHash('sha1')
    .update([entry.wallClock, entry.author, entry.text, String(entry.occurrence)].join('\u0000'))
    .digest('hex');
  return `import:${contactId}:${hash}`;
}

/** An uploaded export: its chat text, and for a .zip a way to the files it holds. */
export interface ChatExport {
  text: string;
  /** A file of the export by its name (any folder); undefined for a .txt upload. */
  file?: (name: string) => JSZip.JSZipObject | undefined;
}

export type ChatExportResult =
  | { ok: true; export: ChatExport }
  | { ok: false; code: 'IMPORT.INVALID'; details: string };

const invalid = (details: string): ChatExportResult => ({ ok: false, code: 'IMPORT.INVALID', details });

const baseName = (name: string) => name.split('/').pop() ?? name;

/** The chat's text file inside an export zip: `_chat.txt` (iOS), `WhatsApp Chat with X.txt` (Android). */
function chatTextEntry(zip: JSZip): JSZip.JSZipObject | undefined {
  const texts = Object.values(zip.files).filter(
    (entry) => !entry.dir && /\.txt$/i.test(entry.name) && !baseName(entry.name).startsWith('.'),
  );
  if (texts.length === 1) return texts[0];
  return (
    texts.find((entry) => baseName(entry.name) === '_chat.txt') ??
    texts.find((entry) => /^(?:whatsapp chat|chat whatsapp)/i.test(baseName(entry.name)))
  );
}

/** Read an uploaded export: a .txt as it is, or the chat text and files of a .zip. */
export async function readChatExport(data: Buffer, format: 'txt' | 'zip'): Promise<ChatExportResult> {
  if (format === 'txt') return { ok: true, export: { text: data.toString('utf8') } };
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    // Bytes that start like a zip but are not one: the upload is broken.
    return invalid('not a readable .zip file');
  }
  const entry = chatTextEntry(zip);
  if (!entry)
    return invalid(
      'the .zip holds no chat: expected _chat.txt or "WhatsApp Chat with ….txt" from "Export chat"',
    );
  const inflated = await inflateEntry(entry, MAX_CHAT_TEXT_BYTES, true);
  if (!inflated.data)
    return invalid(`the chat text is larger than ${MAX_CHAT_TEXT_BYTES / 2 ** 20} MB; export a shorter chat`);
  const files = new Map<string, JSZip.JSZipObject>();
  for (const file of Object.values(zip.files)) if (!file.dir) files.set(baseName(file.name), file);
  return {
    ok: true,
    export: { text: inflated.data.toString('utf8'), file: (name) => files.get(baseName(name)) },
  };
}
