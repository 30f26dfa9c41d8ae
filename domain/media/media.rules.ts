import { fileTypeFromBuffer } from 'file-type';

/**
 * What a stored file is to the shop. Stickers are `image` (WhatsApp sends them as image/webp) and voice
 * notes are `audio`; neither is a `document`. The WhatsApp message type (sticker, ptt…) stays on the message.
 */
export type MediaKind = 'image' | 'audio' | 'video' | 'document';

/** Every type Pesanin can recognise by its bytes. Which of them a shop accepts is the policy's choice. */
export const MEDIA_TYPES = {
  'image/jpeg': { extension: 'jpg', kind: 'image' },
  'image/png': { extension: 'png', kind: 'image' },
  'image/webp': { extension: 'webp', kind: 'image' },
  'image/gif': { extension: 'gif', kind: 'image' },
  'image/heic': { extension: 'heic', kind: 'image' },
  'application/pdf': { extension: 'pdf', kind: 'document' },
  'application/zip': { extension: 'zip', kind: 'document' },
  'application/vnd.rar': { extension: 'rar', kind: 'document' },
  'application/msword': { extension: 'doc', kind: 'document' },
  'application/vnd.ms-excel': { extension: 'xls', kind: 'document' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    extension: 'docx',
    kind: 'document',
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    extension: 'xlsx',
    kind: 'document',
  },
  'audio/ogg': { extension: 'ogg', kind: 'audio' },
  'audio/mpeg': { extension: 'mp3', kind: 'audio' },
  'audio/mp4': { extension: 'm4a', kind: 'audio' },
  'video/mp4': { extension: 'mp4', kind: 'video' },
} as const satisfies Record<string, { extension: string; kind: MediaKind }>;

export type MediaMime = keyof typeof MEDIA_TYPES;

/**
 * Types recognised but never accepted, whatever the policy says, because this server cannot process them.
 * Checked against sharp 0.35.5's prebuilt libvips: it reads HEIC headers but has no HEVC decoder
 * (libde265 is left out for patent reasons), so a HEIC photo could be neither normalised nor previewed.
 * WhatsApp converts camera photos to JPEG; HEIC only arrives when sent "as document".
 */
export const UNPROCESSABLE_TYPES: Partial<Record<MediaMime, string>> = {
  'image/heic':
    'HEIC/HEIF photo: the image library on this server cannot decode HEVC (sharp prebuilt has no libde265); ' +
    'ask for a JPEG or a screenshot',
};

/** What the shop accepts from customers: a size cap and an explicit allow-list of MIME types. */
export interface MediaPolicy {
  /** Largest file accepted, in bytes, as downloaded from WhatsApp. */
  maxBytes: number;
  /** Accepted MIME types; only entries of MEDIA_TYPES can ever match, since the bytes decide the type. */
  accept: string[];
}

/**
 * Photos, stickers and office documents a shop deals with, plus voice notes. Video and other audio
 * (mp3, m4a) are recognised but off by default: they are large for a small VPS and rarely part of an
 * order; a shop opts in by adding 'video/mp4', 'audio/mpeg' or 'audio/mp4' to `accept`.
 */
export const DEFAULT_MEDIA_POLICY: MediaPolicy = {
  maxBytes: 10 * 1024 * 1024,
  accept: [
    'image/jpeg',
    'image/png',
    'image/webp', // stickers, and webp photos
    'image/gif',
    'application/pdf',
    'application/zip',
    'application/vnd.rar',
    'application/msword',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'audio/ogg', // WhatsApp voice notes (Opus in Ogg)
  ],
};

export type MediaCheckCode = 'MEDIA.TOO_LARGE' | 'MEDIA.TYPE_NOT_ACCEPTED' | 'MEDIA.TYPE_MISMATCH';
/** Every media refusal code; UNREADABLE comes from storing (the bytes look right but do not decode). */
export type MediaErrorCode = MediaCheckCode | 'MEDIA.UNREADABLE';

/** An expected refusal: a stable code for the reply catalog and a short English description for logs. */
export interface MediaRefusal<Code extends MediaErrorCode = MediaErrorCode> {
  ok: false;
  code: Code;
  details: string;
}

export interface MediaAccepted {
  ok: true;
  kind: MediaKind;
  mime: MediaMime;
  extension: string;
}

export type MediaCheck = MediaAccepted | MediaRefusal<MediaCheckCode>;

/** A file as WhatsApp describes it, with its first bytes (4100 or more; the whole file is fine). */
export interface MediaCandidate {
  mimetype: string;
  size: number;
  filename?: string;
  head: Buffer;
}

/** Spellings seen in the wild (and from the sniffer) for the same type. */
const MIME_ALIASES: Record<string, MediaMime> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/heif': 'image/heic',
  'image/heic-sequence': 'image/heic',
  'image/heif-sequence': 'image/heic',
  'application/x-zip-compressed': 'application/zip',
  'application/x-rar-compressed': 'application/vnd.rar',
  'application/x-rar': 'application/vnd.rar',
  'audio/opus': 'audio/ogg',
  'audio/x-m4a': 'audio/mp4',
};

/**
 * Formats whose first bytes are a generic container: an .xlsx is a zip, a .doc is an OLE compound file.
 * When the bytes say container and the claim names an office format inside it, the claim refines the type.
 */
const CONTAINERS: Record<string, readonly string[]> = {
  'application/zip': [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ],
  'application/x-cfb': ['application/msword', 'application/vnd.ms-excel'],
};

function isMediaMime(mime: string): mime is MediaMime {
  return Object.hasOwn(MEDIA_TYPES, mime);
}

/** Lower-case, parameters dropped, aliases folded: 'Audio/Ogg; codecs=opus' → 'audio/ogg'. */
export function canonicalMime(mime: string): string {
  const bare = mime.split(';')[0]!.trim().toLowerCase();
  return MIME_ALIASES[bare] ?? bare;
}

/** The type a file name's extension suggests, if it is one we know. */
function mimeOfFilename(filename: string | undefined): MediaMime | undefined {
  const extension = filename?.match(/\.([a-z0-9]+)$/i)?.[1]?.toLowerCase();
  if (!extension) return undefined;
  if (extension === 'jpeg') return 'image/jpeg';
  return (Object.keys(MEDIA_TYPES) as MediaMime[]).find((mime) => MEDIA_TYPES[mime].extension === extension);
}

/**
 * The type the bytes establish. `sniffed` is what the magic bytes say (canonical, or undefined when they
 * match nothing known, e.g. HTML or text); the claim only picks the office format inside a container.
 */
export function resolveMediaType(
  sniffed: string | undefined,
  claimed: string,
  filename?: string,
): string | undefined {
  if (sniffed === undefined) return undefined;
  const inside = CONTAINERS[sniffed];
  if (!inside) return sniffed;
  const claim = [claimed, mimeOfFilename(filename)].find(
    (mime) => mime !== undefined && inside.includes(mime),
  );
  return claim ?? sniffed;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The policy decision once the bytes have been sniffed. Bytes decide the type; a benign disagreement
 * (a PNG labelled image/jpeg) is accepted under the sniffed type, while a claim of an accepted type whose
 * bytes are something else (an executable, HTML, an unknown blob) is refused as a mismatch.
 */
export function decideMedia(
  file: { mimetype: string; size: number; filename?: string },
  sniffed: string | undefined,
  policy: MediaPolicy,
): MediaCheck {
  if (file.size > policy.maxBytes) {
    return {
      ok: false,
      code: 'MEDIA.TOO_LARGE',
      details: `${formatMegabytes(file.size)} (${file.size} bytes) exceeds the ${formatMegabytes(policy.maxBytes)} limit`,
    };
  }
  const claimed = canonicalMime(file.mimetype);
  const detected = resolveMediaType(sniffed, claimed, file.filename);
  const accepted = (mime: string | undefined): mime is MediaMime =>
    mime !== undefined && isMediaMime(mime) && policy.accept.includes(mime) && !UNPROCESSABLE_TYPES[mime];

  const unprocessable = detected && isMediaMime(detected) ? UNPROCESSABLE_TYPES[detected] : undefined;
  if (unprocessable) return { ok: false, code: 'MEDIA.TYPE_NOT_ACCEPTED', details: unprocessable };
  if (accepted(detected)) {
    const { kind, extension } = MEDIA_TYPES[detected];
    return { ok: true, kind, mime: detected, extension };
  }
  const bytes = detected ? `bytes are ${detected}` : 'bytes match no known file type';
  if (accepted(claimed)) {
    return { ok: false, code: 'MEDIA.TYPE_MISMATCH', details: `claimed ${claimed} but ${bytes}` };
  }
  return {
    ok: false,
    code: 'MEDIA.TYPE_NOT_ACCEPTED',
    details: `${bytes} (claimed ${claimed}); not accepted`,
  };
}

/** What the magic bytes say, canonical; undefined for content without a signature (HTML, text, junk). */
export async function sniffMime(head: Buffer): Promise<string | undefined> {
  const sniffed = await fileTypeFromBuffer(head);
  return sniffed && canonicalMime(sniffed.mime);
}

/** Whether the shop takes this file, deciding its type by magic bytes, never by the claimed MIME or name. */
export async function checkMedia(file: MediaCandidate, policy: MediaPolicy): Promise<MediaCheck> {
  // A file over the cap is refused without looking at it.
  if (file.size > policy.maxBytes) return decideMedia(file, undefined, policy);
  return decideMedia(file, await sniffMime(file.head), policy);
}

/** How stored images are normalised. */
export interface ImageRules {
  /** Longest side of the stored image, in pixels. */
  maxSide: number;
  /** Longest side of the thumbnail, in pixels. */
  thumbnailSide: number;
  jpegQuality: number;
  /** Decoded size above which an image is refused: a small file can expand to gigabytes (decompression bomb). */
  maxInputPixels: number;
}

export const DEFAULT_IMAGE_RULES: ImageRules = {
  maxSide: 2048,
  thumbnailSide: 320,
  jpegQuality: 85,
  maxInputPixels: 64_000_000, // a 48 MP phone photo fits
};

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';

export const IMAGE_FORMAT_MIME: Record<ImageFormat, MediaMime> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** The sharp format of an accepted image type; undefined for types that are not re-encoded. */
export function imageFormatOf(mime: MediaMime): ImageFormat | undefined {
  return (Object.keys(IMAGE_FORMAT_MIME) as ImageFormat[]).find(
    (format) => IMAGE_FORMAT_MIME[format] === mime,
  );
}

/**
 * The format an image is stored in. Photos become JPEG; a PNG keeps PNG only when it has an alpha channel
 * (a logo on transparent background), an opaque PNG (a screenshot) becomes JPEG; WebP and GIF keep their
 * format so stickers and animations stay animated and transparent.
 */
export function normalisedFormat(input: ImageFormat, hasAlpha: boolean): ImageFormat {
  if (input === 'png') return hasAlpha ? 'png' : 'jpeg';
  return input;
}

export const DEFAULT_SHOP_TIME_ZONE = 'Asia/Jakarta';

/** The folder a file received at `now` goes to, relative to the data dir, dated in the shop's time zone. */
export function mediaFolder(now: Date, timeZone: string = DEFAULT_SHOP_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `media/${part('year')}/${part('month')}/${part('day')}`;
}

/**
 * The customer's file name as a display label: no folders, no control characters, at most 200 characters.
 * It is never used to build a path.
 */
export function cleanFilename(filename: string | undefined): string | undefined {
  if (filename === undefined) return undefined;
  const base = filename.split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean ? clean.slice(-200) : undefined;
}
