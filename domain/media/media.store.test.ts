import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MEDIA_POLICY } from './media.rules.js';
import { type StoredMedia, type StoreMediaOptions, storeMedia } from './media.store.js';
import {
  animatedSticker,
  cameraJpeg,
  elfBytes,
  exifTags,
  pdfBytes,
  solidImage,
  voiceNoteBytes,
} from './testing/media-fixtures.js';

const NOW = new Date('2026-11-23T18:00:00Z'); // 24 November in Jakarta
const DAY = 'media/2026/11/24';

let dataDir: string;
let options: StoreMediaOptions;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pesanin-media-'));
  options = { dataDir, policy: DEFAULT_MEDIA_POLICY, now: NOW };
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Every file under the data dir, relative, including hidden temp files. */
async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

async function stored(result: Awaited<ReturnType<typeof storeMedia>>): Promise<StoredMedia> {
  if (!result.ok) throw new Error(`expected the file to be stored, got ${result.code}: ${result.details}`);
  return result.media;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

describe('storeMedia: photos', () => {
  it('turns a camera photo upright, caps it and strips EXIF with its GPS position', async () => {
    const photo = await cameraJpeg({ width: 3000, height: 1000 });
    const before = await sharp(photo).metadata();
    expect(before.orientation).toBe(6);
    expect(exifTags(before.exif!).gps).toEqual([1, 2, 3, 4]); // the fixture really carries a position

    const media = await stored(await storeMedia({ data: photo, mimetype: 'image/jpeg' }, options));
    const file = await readFile(path.join(dataDir, media.path));
    const after = await sharp(file).metadata();

    expect(media.path).toBe(`${DAY}/${media.sha256}.jpg`);
    expect(media).toMatchObject({
      kind: 'image',
      mime: 'image/jpeg',
      size: file.length,
      sha256: sha256(file),
    });
    // 3000×1000 shown rotated 90° is 1000×3000, capped to 2048 on the long side.
    expect([after.width, after.height]).toEqual([683, 2048]);
    expect([media.width, media.height]).toEqual([683, 2048]);
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(file.includes('PesaninTestCam')).toBe(false);

    expect(media.thumbnailPath).toBe(`${DAY}/${media.sha256}.thumb.webp`);
    const thumbnail = await sharp(path.join(dataDir, media.thumbnailPath!)).metadata();
    expect(thumbnail.format).toBe('webp');
    expect(Math.max(thumbnail.width!, thumbnail.height!)).toBeLessThanOrEqual(320);
    expect(thumbnail.height).toBeGreaterThan(thumbnail.width!); // upright too
  });

  it('honours a smaller longest side', async () => {
    const photo = await solidImage('jpeg', { width: 1600, height: 900 });
    const media = await stored(
      await storeMedia({ data: photo, mimetype: 'image/jpeg' }, { ...options, image: { maxSide: 800 } }),
    );
    expect([media.width, media.height]).toEqual([800, 450]);
  });

  it('never enlarges a small image or its thumbnail', async () => {
    const photo = await solidImage('jpeg', { width: 200, height: 100 });
    const media = await stored(await storeMedia({ data: photo, mimetype: 'image/jpeg' }, options));
    expect([media.width, media.height]).toEqual([200, 100]);
    const thumbnail = await sharp(path.join(dataDir, media.thumbnailPath!)).metadata();
    expect([thumbnail.width, thumbnail.height]).toEqual([200, 100]);
  });

  it('normalises the same photo to identical bytes (sharp is deterministic), so the hash is stable', async () => {
    const photo = await cameraJpeg({ width: 1200, height: 900 });
    const otherDir = await mkdtemp(path.join(tmpdir(), 'pesanin-media-'));
    try {
      const first = await stored(await storeMedia({ data: photo, mimetype: 'image/jpeg' }, options));
      const second = await stored(
        await storeMedia(
          { data: Buffer.from(photo), mimetype: 'image/jpeg' },
          { ...options, dataDir: otherDir },
        ),
      );
      expect(second.sha256).toBe(first.sha256);
      expect(await readFile(path.join(otherDir, second.path))).toEqual(
        await readFile(path.join(dataDir, first.path)),
      );
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it('stores the same photo twice once, returns the same record and rewrites nothing', async () => {
    const photo = await cameraJpeg({ width: 1200, height: 900 });
    const file = { data: photo, mimetype: 'image/jpeg', filename: 'IMG-20261124-WA0001.jpg' };
    const first = await stored(await storeMedia(file, options));
    const before = await stat(path.join(dataDir, first.path));

    const second = await stored(
      await storeMedia(file, { ...options, now: new Date('2026-11-24T09:00:00Z') }),
    );
    expect(second).toEqual(first);
    expect(first.originalFilename).toBe('IMG-20261124-WA0001.jpg');
    const after = await stat(path.join(dataDir, first.path));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(await filesIn(dataDir)).toEqual([first.path, first.thumbnailPath].sort());
  });

  it('puts back a missing thumbnail when the file is stored again', async () => {
    const photo = await solidImage('jpeg', { width: 640, height: 480 });
    const first = await stored(await storeMedia({ data: photo, mimetype: 'image/jpeg' }, options));
    await rm(path.join(dataDir, first.thumbnailPath!));
    await stored(await storeMedia({ data: photo, mimetype: 'image/jpeg' }, options));
    expect(await filesIn(dataDir)).toEqual([first.path, first.thumbnailPath].sort());
  });

  it('keeps a transparent PNG as PNG and turns an opaque one (a screenshot) into JPEG', async () => {
    const logo = await stored(
      await storeMedia(
        {
          data: await solidImage('png', { width: 300, height: 300 }, { alpha: true }),
          mimetype: 'image/png',
        },
        options,
      ),
    );
    expect(logo).toMatchObject({ mime: 'image/png', path: `${DAY}/${logo.sha256}.png` });
    expect((await sharp(path.join(dataDir, logo.path)).metadata()).hasAlpha).toBe(true);

    const screenshot = await stored(
      await storeMedia(
        { data: await solidImage('png', { width: 300, height: 600 }), mimetype: 'image/png' },
        options,
      ),
    );
    expect(screenshot).toMatchObject({ mime: 'image/jpeg', path: `${DAY}/${screenshot.sha256}.jpg` });
  });

  it('converts a photo with an embedded colour profile to sRGB and drops the profile', async () => {
    const p3 = await sharp({
      create: { width: 64, height: 64, channels: 3, background: { r: 250, g: 20, b: 20 } },
    })
      .jpeg()
      .withIccProfile('p3')
      .toBuffer();
    expect((await sharp(p3).metadata()).icc).toBeDefined();
    const media = await stored(await storeMedia({ data: p3, mimetype: 'image/jpeg' }, options));
    const after = await sharp(path.join(dataDir, media.path)).metadata();
    expect(after.icc).toBeUndefined();
    expect(after.space).toBe('srgb');
  });

  it('keeps an animated sticker animated and transparent, with a still thumbnail', async () => {
    const media = await stored(
      await storeMedia({ data: await animatedSticker(), mimetype: 'image/webp' }, options),
    );
    expect(media).toMatchObject({ kind: 'image', mime: 'image/webp', width: 512, height: 512 });
    const after = await sharp(path.join(dataDir, media.path), { animated: true }).metadata();
    expect(after.pages).toBe(3);
    expect(after.hasAlpha).toBe(true);
    const thumbnail = await sharp(path.join(dataDir, media.thumbnailPath!)).metadata();
    expect([thumbnail.width, thumbnail.height, thumbnail.pages ?? 1]).toEqual([320, 320, 1]);
  });
  it('re-encodes a GIF as GIF', async () => {
    const gif = await solidImage('gif', { width: 64, height: 48 });
    const media = await stored(await storeMedia({ data: gif, mimetype: 'image/gif' }, options));
    expect(media).toMatchObject({
      mime: 'image/gif',
      path: `${DAY}/${media.sha256}.gif`,
      width: 64,
      height: 48,
    });
  });
});

describe('storeMedia: other files', () => {
  it('stores a PDF byte for byte, named by its hash', async () => {
    const pdf = pdfBytes();
    const media = await stored(
      await storeMedia({ data: pdf, mimetype: 'application/pdf', filename: 'Bukti Transfer.pdf' }, options),
    );
    expect(media).toEqual({
      path: `${DAY}/${sha256(pdf)}.pdf`,
      kind: 'document',
      mime: 'application/pdf',
      size: pdf.length,
      sha256: sha256(pdf),
      originalFilename: 'Bukti Transfer.pdf',
    });
    expect(await readFile(path.join(dataDir, media.path))).toEqual(pdf);
    expect(await filesIn(dataDir)).toEqual([media.path]);
  });

  it('stores a voice note as audio, not as a document', async () => {
    const note = voiceNoteBytes();
    const media = await stored(await storeMedia({ data: note, mimetype: 'audio/ogg; codecs=opus' }, options));
    expect(media).toMatchObject({ kind: 'audio', mime: 'audio/ogg', path: `${DAY}/${sha256(note)}.ogg` });
    expect(await readFile(path.join(dataDir, media.path))).toEqual(note);
  });

  it("dates the folder in the shop's time zone", async () => {
    const pdf = pdfBytes();
    const jakarta = await stored(await storeMedia({ data: pdf, mimetype: 'application/pdf' }, options));
    const utc = await stored(
      await storeMedia({ data: pdf, mimetype: 'application/pdf' }, { ...options, timeZone: 'UTC' }),
    );
    expect(jakarta.path).toBe(`media/2026/11/24/${sha256(pdf)}.pdf`);
    expect(utc.path).toBe(`media/2026/11/23/${sha256(pdf)}.pdf`);
  });
});

describe('storeMedia: refusals write nothing', () => {
  it('refuses a corrupt JPEG as unreadable', async () => {
    const corrupt = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
      Buffer.from('JFIF\0'),
      Buffer.alloc(400, 0x5a),
    ]);
    const result = await storeMedia({ data: corrupt, mimetype: 'image/jpeg' }, options);
    expect(result).toMatchObject({ ok: false, code: 'MEDIA.UNREADABLE' });
    expect(await filesIn(dataDir)).toEqual([]);
  });

  it('refuses a truncated JPEG (header fine, pixels missing) as unreadable', async () => {
    const photo = await cameraJpeg({ width: 800, height: 600 });
    const result = await storeMedia(
      { data: photo.subarray(0, photo.length / 2), mimetype: 'image/jpeg' },
      options,
    );
    expect(result).toMatchObject({ ok: false, code: 'MEDIA.UNREADABLE' });
    expect(await filesIn(dataDir)).toEqual([]);
  });

  it('refuses an image that would decode to too many pixels', async () => {
    const photo = await solidImage('png', { width: 2000, height: 1000 });
    const result = await storeMedia(
      { data: photo, mimetype: 'image/png' },
      { ...options, image: { maxInputPixels: 1_000_000 } },
    );
    expect(result).toMatchObject({ ok: false, code: 'MEDIA.TOO_LARGE' });
    expect(await filesIn(dataDir)).toEqual([]);
  });

  it('refuses an executable posing as a PDF, and a file over the cap', async () => {
    expect(
      await storeMedia({ data: elfBytes(), mimetype: 'application/pdf', filename: 'invoice.pdf' }, options),
    ).toMatchObject({
      ok: false,
      code: 'MEDIA.TYPE_MISMATCH',
    });
    const small = { ...options, policy: { ...DEFAULT_MEDIA_POLICY, maxBytes: 100 } };
    expect(await storeMedia({ data: pdfBytes(), mimetype: 'application/pdf' }, small)).toMatchObject({
      ok: false,
      code: 'MEDIA.TOO_LARGE',
    });
    expect(await filesIn(dataDir)).toEqual([]);
  });
});
