import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Metadata, type OutputInfo, type Sharp } from 'sharp';
import { describeError } from '../platform/errors.js';
import {
  checkMedia,
  cleanFilename,
  DEFAULT_IMAGE_RULES,
  IMAGE_FORMAT_MIME,
  type ImageFormat,
  type ImageRules,
  imageFormatOf,
  MEDIA_TYPES,
  type MediaKind,
  type MediaMime,
  type MediaPolicy,
  type MediaRefusal,
  mediaFolder,
  normalisedFormat,
} from './media.rules.js';

/** A file kept under the data directory, as a Message's media refers to it. */
export interface StoredMedia {
  /** Relative to the data directory, with forward slashes: media/YYYY/MM/DD/<sha256>.<ext>. */
  path: string;
  kind: MediaKind;
  mime: MediaMime;
  /** Bytes of the stored file (after image normalisation). */
  size: number;
  /** Hex SHA-256 of the stored bytes, which is also the file name. */
  sha256: string;
  /** Images only: of the stored image (one frame, for animations). */
  width?: number;
  height?: number;
  /** Images only: <sha256>.thumb.webp next to the file. */
  thumbnailPath?: string;
  /** The customer's file name, for display only. */
  originalFilename?: string;
}

export interface StoreMediaOptions {
  dataDir: string;
  policy: MediaPolicy;
  /** When the file was received; dates the folder. */
  now?: Date;
  /** The shop's time zone for that date; default Asia/Jakarta. */
  timeZone?: string;
  image?: Partial<ImageRules>;
}

export type StoreMediaResult = { ok: true; media: StoredMedia } | MediaRefusal;

/** A file downloaded from WhatsApp. */
export interface IncomingMedia {
  data: Buffer;
  mimetype: string;
  filename?: string;
}

interface PreparedFile {
  data: Buffer;
  mime: MediaMime;
  extension: string;
  width?: number;
  height?: number;
  thumbnail?: Buffer;
}

const THUMBNAIL_EXTENSION = 'webp';

/**
 * Check a customer's file against the policy and keep it at media/YYYY/MM/DD/<sha256>.<ext>.
 * Images are re-encoded without metadata first, so the hash (and the dedupe) is of the stored bytes;
 * storing the same file again on the same day finds it and rewrites nothing. A refusal writes nothing.
 */
export async function storeMedia(file: IncomingMedia, options: StoreMediaOptions): Promise<StoreMediaResult> {
  const check = await checkMedia(
    { mimetype: file.mimetype, size: file.data.length, filename: file.filename, head: file.data },
    options.policy,
  );
  if (!check.ok) return check;

  const prepared =
    check.kind === 'image'
      ? await normaliseImage(file.data, check.mime, { ...DEFAULT_IMAGE_RULES, ...options.image })
      : { data: file.data, mime: check.mime, extension: check.extension };
  if ('ok' in prepared) return prepared;

  const sha256 = createHash('sha256').update(prepared.data).digest('hex');
  const folder = mediaFolder(options.now ?? new Date(), options.timeZone);
  const relativePath = `${folder}/${sha256}.${prepared.extension}`;
  const thumbnailPath = prepared.thumbnail ? `${folder}/${sha256}.thumb.${THUMBNAIL_EXTENSION}` : undefined;

  await mkdir(path.join(options.dataDir, folder), { recursive: true });
  await writeOnce(path.join(options.dataDir, relativePath), prepared.data);
  if (prepared.thumbnail && thumbnailPath)
    await writeOnce(path.join(options.dataDir, thumbnailPath), prepared.thumbnail);

  const originalFilename = cleanFilename(file.filename);
  return {
    ok: true,
    media: {
      path: relativePath,
      kind: check.kind,
      mime: prepared.mime,
      size: prepared.data.length,
      sha256,
      ...(prepared.width !== undefined && { width: prepared.width, height: prepared.height }),
      ...(thumbnailPath && { thumbnailPath }),
      ...(originalFilename && { originalFilename }),
    },
  };
}

/**
 * Re-encode an image the way the shop keeps it: turned upright from its EXIF orientation, longest side
 * capped, every piece of metadata dropped (EXIF with GPS, XMP, IPTC; an embedded ICC profile is applied,
 * converting to sRGB, then dropped — sharp's default), plus a small WebP thumbnail.
 * sharp is deterministic, so the same input always gives the same bytes and the same hash.
 */
async function normaliseImage(
  data: Buffer,
  mime: MediaMime,
  rules: ImageRules,
): Promise<PreparedFile | MediaRefusal> {
  const format = imageFormatOf(mime);
  // Storing an image as-is would keep its GPS position; an accepted image sharp cannot encode is a bug.
  if (!format) throw new Error(`no image normalisation for accepted type ${mime}`);
  // WebP and GIF may be animated (stickers, GIFs): keep every frame.
  const input = { failOn: 'error', animated: format === 'webp' || format === 'gif' } as const;

  let metadata: Metadata;
  try {
    metadata = await sharp(data, { ...input, limitInputPixels: false }).metadata();
  } catch (error) {
    // Bytes that start like an image but do not parse are the customer's file, not our bug: refuse it.
    return unreadable(mime, error);
  }
  const pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
  if (pixels > rules.maxInputPixels) {
    return {
      ok: false,
      code: 'MEDIA.TOO_LARGE',
      details: `${metadata.width}×${metadata.height} px image exceeds the ${rules.maxInputPixels} pixel limit`,
    };
  }

  const target = normalisedFormat(format, metadata.hasAlpha ?? false);
  let encoded: { data: Buffer; info: OutputInfo };
  try {
    const pipeline = sharp(data, { ...input, limitInputPixels: rules.maxInputPixels })
      .autoOrient()
      .resize({ width: rules.maxSide, height: rules.maxSide, fit: 'inside', withoutEnlargement: true });
    encoded = await encodeAs(pipeline, target, rules).toBuffer({ resolveWithObject: true });
  } catch (error) {
    // A header that parses over pixel data that does not (a truncated upload) is also the customer's file.
    return unreadable(mime, error);
  }

  // Our own freshly encoded bytes: a failure here is a bug and throws.
  const thumbnail = await sharp(encoded.data)
    .resize({
      width: rules.thumbnailSide,
      height: rules.thumbnailSide,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .webp({ quality: 75 })
    .toBuffer();

  const outputMime = IMAGE_FORMAT_MIME[target];
  return {
    data: encoded.data,
    mime: outputMime,
    extension: MEDIA_TYPES[outputMime].extension,
    width: encoded.info.width,
    height: encoded.info.pageHeight ?? encoded.info.height,
    thumbnail,
  };
}

function encodeAs(pipeline: Sharp, format: ImageFormat, rules: ImageRules): Sharp {
  switch (format) {
    case 'jpeg':
      return pipeline.jpeg({ quality: rules.jpegQuality });
    case 'png':
      return pipeline.png();
    case 'webp':
      return pipeline.webp({ quality: rules.jpegQuality });
    case 'gif':
      return pipeline.gif();
  }
}

function unreadable(mime: MediaMime, error: unknown): MediaRefusal {
  const reason = describeError(error).split('\n')[0]!.slice(0, 200);
  return { ok: false, code: 'MEDIA.UNREADABLE', details: `${mime} could not be decoded: ${reason}` };
}

/**
 * Write `data` to `target` unless a file is already there. The bytes go to a temp file in the same
 * folder, are flushed to disk, then renamed: the final name only ever holds a whole file, even after a crash.
 */
async function writeOnce(target: string, data: Buffer): Promise<void> {
  if (await exists(target)) return;
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    // Not there yet is the expected answer; anything else (permissions, I/O) is a real failure.
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return false;
    throw error;
  }
}
