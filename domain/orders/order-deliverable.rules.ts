import path from 'node:path';
import { cleanFilename, MEDIA_TYPES, type MediaMime, type MediaPolicy } from '../media/media.rules.js';

/** Largest deliverable staff may upload: WhatsApp takes far larger documents, a small VPS should not. */
export const DELIVERABLE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * What staff send a customer as an order's result: photos and design proofs (JPEG, PNG, WebP), PDFs, office
 * documents and ZIP archives (source files such as .ai or .psd travel inside a ZIP). No GIF, audio or video:
 * not what a shop delivers. Images are stored re-encoded like every stored image (upright, metadata
 * dropped, longest side 2048 px, an opaque PNG becomes JPEG); a file that must reach the customer
 * untouched goes as a PDF or a ZIP.
 */
export const DELIVERABLE_TYPES: readonly MediaMime[] = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
  'application/zip',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** The media policy a deliverable is stored under. */
export function deliverablePolicy(): MediaPolicy {
  return { maxBytes: DELIVERABLE_MAX_BYTES, accept: [...DELIVERABLE_TYPES] };
}

/**
 * The name a deliverable is shown and sent under: the uploaded name, cleaned, with the extension of the type
 * it is stored as (a PNG stored as JPEG is sent as .jpg); `<order number>-<hash>` when there is no name.
 */
export function deliverableName(
  uploaded: string | undefined,
  stored: { mime: MediaMime; sha256: string },
  orderNumber: string,
): string {
  const extension = MEDIA_TYPES[stored.mime].extension;
  const clean = cleanFilename(uploaded);
  const base =
    clean?.replace(/\.[a-z0-9]{1,5}$/i, '').trim() || `${orderNumber}-${stored.sha256.slice(0, 8)}`;
  return `${base.slice(0, 190)}.${extension}`;
}

/** The shape storeMedia gives stored files (and thumbnails); nothing else is ever read back from disk. */
const STORED_PATH = /^media\/\d{4}\/\d{2}\/\d{2}\/[0-9a-f]{64}(\.thumb)?\.[a-z0-9]{2,5}$/;

/**
 * The absolute path of a stored file. A recorded path of any other shape (a tampered or corrupt record) is a
 * bug and throws, so a record can never point the server at a file outside the media folder.
 */
export function storedFilePath(dataDir: string, relative: string): string {
  if (!STORED_PATH.test(relative)) throw new Error(`not a stored media path: ${JSON.stringify(relative)}`);
  return path.join(dataDir, relative);
}
