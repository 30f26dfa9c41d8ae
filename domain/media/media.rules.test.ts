import { describe, expect, it } from 'vitest';
import {
  canonicalMime,
  checkMedia,
  cleanFilename,
  DEFAULT_MEDIA_POLICY,
  type MediaPolicy,
  mediaFolder,
  normalisedFormat,
} from './media.rules.js';
import {
  compoundFileBytes,
  elfBytes,
  exeBytes,
  ftypBytes,
  htmlBytes,
  pdfBytes,
  solidImage,
  voiceNoteBytes,
  zipBytes,
} from './testing/media-fixtures.js';

const policy = DEFAULT_MEDIA_POLICY;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function check(head: Buffer, mimetype: string, extra: { filename?: string; size?: number } = {}, p = policy) {
  return checkMedia({ head, mimetype, size: extra.size ?? head.length, filename: extra.filename }, p);
}

describe('checkMedia: size', () => {
  it('refuses a file over the cap before looking at it', async () => {
    const result = await check(pdfBytes(), 'application/pdf', { size: 10 * 1024 * 1024 + 1 });
    expect(result).toMatchObject({ ok: false, code: 'MEDIA.TOO_LARGE' });
    expect(result.ok || result.details).toContain('10.0 MB limit');
  });

  it('accepts a file exactly at the cap', async () => {
    const result = await check(pdfBytes(), 'application/pdf', { size: 10 * 1024 * 1024 });
    expect(result).toMatchObject({ ok: true, mime: 'application/pdf' });
  });
});

describe('checkMedia: the default allow-list', () => {
  it('accepts photos, stickers and voice notes under their sniffed types', async () => {
    expect(await check(await solidImage('jpeg', { width: 8, height: 8 }), 'image/jpeg')).toEqual({
      ok: true,
      kind: 'image',
      mime: 'image/jpeg',
      extension: 'jpg',
    });
    expect(await check(await solidImage('webp', { width: 8, height: 8 }), 'image/webp')).toMatchObject({
      ok: true,
      kind: 'image',
      extension: 'webp',
    });
    expect(await check(voiceNoteBytes(), 'audio/ogg; codecs=opus')).toEqual({
      ok: true,
      kind: 'audio',
      mime: 'audio/ogg',
      extension: 'ogg',
    });
  });

  it('accepts a PDF as a document', async () => {
    expect(await check(pdfBytes(), 'application/pdf')).toEqual({
      ok: true,
      kind: 'document',
      mime: 'application/pdf',
      extension: 'pdf',
    });
  });

  it('refuses video by default but accepts it when the shop opts in', async () => {
    const mp4 = ftypBytes('isom');
    expect(await check(mp4, 'video/mp4')).toMatchObject({ ok: false, code: 'MEDIA.TYPE_NOT_ACCEPTED' });
    const withVideo: MediaPolicy = { ...policy, accept: [...policy.accept, 'video/mp4'] };
    expect(await check(mp4, 'video/mp4', {}, withVideo)).toMatchObject({
      ok: true,
      kind: 'video',
      extension: 'mp4',
    });
  });

  it('refuses an executable that says what it is', async () => {
    const result = await check(exeBytes(), 'application/x-msdownload', { filename: 'setup.exe' });
    expect(result).toMatchObject({ ok: false, code: 'MEDIA.TYPE_NOT_ACCEPTED' });
  });

  it('refuses content without a signature (a web page) that does not claim an accepted type', async () => {
    expect(await check(htmlBytes(), 'text/html')).toMatchObject({
      ok: false,
      code: 'MEDIA.TYPE_NOT_ACCEPTED',
    });
  });

  it('refuses HEIC with the reason, even when a policy lists it, because sharp here cannot decode HEVC', async () => {
    const withHeic: MediaPolicy = { ...policy, accept: [...policy.accept, 'image/heic'] };
    const result = await check(ftypBytes('heic'), 'image/heic', { filename: 'IMG_0001.HEIC' }, withHeic);
    expect(result).toMatchObject({ ok: false, code: 'MEDIA.TYPE_NOT_ACCEPTED' });
    expect(result.ok || result.details).toMatch(/HEVC/);
  });
});

describe('checkMedia: the bytes decide the type', () => {
  it('refuses a web page claiming to be a PDF', async () => {
    const result = await check(htmlBytes(), 'application/pdf', { filename: 'invoice.pdf' });
    expect(result).toEqual({
      ok: false,
      code: 'MEDIA.TYPE_MISMATCH',
      details: 'claimed application/pdf but bytes match no known file type',
    });
  });

  it('refuses an executable claiming to be a PDF or a Word document', async () => {
    expect(await check(elfBytes(), 'application/pdf')).toEqual({
      ok: false,
      code: 'MEDIA.TYPE_MISMATCH',
      details: 'claimed application/pdf but bytes are application/x-elf',
    });
    expect(await check(exeBytes(), DOCX, { filename: 'cv.docx' })).toMatchObject({
      ok: false,
      code: 'MEDIA.TYPE_MISMATCH',
    });
  });

  it('ignores a reassuring file name', async () => {
    const result = await check(elfBytes(), 'application/octet-stream', { filename: 'photo.jpg' });
    expect(result).toMatchObject({ ok: false, code: 'MEDIA.TYPE_NOT_ACCEPTED' });
  });

  it('stores a harmless mislabel under what the bytes are', async () => {
    const png = await solidImage('png', { width: 8, height: 8 });
    expect(await check(png, 'image/jpeg', { filename: 'photo.jpg' })).toMatchObject({
      ok: true,
      mime: 'image/png',
      extension: 'png',
    });
    expect(await check(pdfBytes(), 'application/octet-stream')).toMatchObject({
      ok: true,
      mime: 'application/pdf',
    });
  });

  it('lets the claim name the office format inside a zip, and nothing else', async () => {
    const zip = zipBytes([{ name: 'hello.txt', content: 'halo' }]);
    expect(await check(zip, XLSX)).toMatchObject({ ok: true, mime: XLSX, extension: 'xlsx' });
    expect(await check(zip, 'application/octet-stream', { filename: 'Laporan.DOCX' })).toMatchObject({
      ok: true,
      mime: DOCX,
      extension: 'docx',
    });
    expect(await check(zip, 'application/pdf')).toMatchObject({
      ok: true,
      mime: 'application/zip',
      extension: 'zip',
    });
  });

  it('accepts an OLE compound file only as the .doc or .xls it claims to be', async () => {
    const cfb = compoundFileBytes();
    expect(await check(cfb, 'application/msword')).toMatchObject({ ok: true, extension: 'doc' });
    expect(await check(cfb, 'application/octet-stream', { filename: 'harga.xls' })).toMatchObject({
      ok: true,
      mime: 'application/vnd.ms-excel',
    });
    // The same container is also how .msi installers start.
    expect(await check(cfb, 'application/x-msi', { filename: 'setup.msi' })).toMatchObject({
      ok: false,
      code: 'MEDIA.TYPE_NOT_ACCEPTED',
    });
  });
});

describe('canonicalMime', () => {
  it('folds case, parameters and aliases', () => {
    expect(canonicalMime('Audio/Ogg; codecs=opus')).toBe('audio/ogg');
    expect(canonicalMime('image/jpg')).toBe('image/jpeg');
    expect(canonicalMime('application/x-rar-compressed')).toBe('application/vnd.rar');
    expect(canonicalMime('text/plain')).toBe('text/plain');
  });
});

describe('normalisedFormat', () => {
  it('keeps PNG only when it has transparency; keeps WebP and GIF for stickers and animations', () => {
    expect(normalisedFormat('jpeg', false)).toBe('jpeg');
    expect(normalisedFormat('png', true)).toBe('png');
    expect(normalisedFormat('png', false)).toBe('jpeg');
    expect(normalisedFormat('webp', true)).toBe('webp');
    expect(normalisedFormat('gif', false)).toBe('gif');
  });
});

describe('mediaFolder', () => {
  it("dates the folder in the shop's time zone", () => {
    const evening = new Date('2026-11-23T18:00:00Z');
    expect(mediaFolder(evening)).toBe('media/2026/11/24');
    expect(mediaFolder(evening, 'Asia/Jakarta')).toBe('media/2026/11/24');
    expect(mediaFolder(evening, 'UTC')).toBe('media/2026/11/23');
    expect(mediaFolder(new Date('2026-12-31T17:00:00Z'))).toBe('media/2027/01/01');
  });
});

describe('cleanFilename', () => {
  it('keeps a display label, never a path', () => {
    expect(cleanFilename('Bukti Transfer.pdf')).toBe('Bukti Transfer.pdf');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('C:\\Users\\x\\foto.jpg')).toBe('foto.jpg');
    expect(cleanFilename('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(cleanFilename('  ')).toBeUndefined();
    expect(cleanFilename(undefined)).toBeUndefined();
  });
});
