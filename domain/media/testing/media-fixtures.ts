import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/** Files for media tests, built in code so no customer-like binaries live in the repository. */

/** A tiny but valid PDF. */
export function pdfBytes(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
      '2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
}

/** A web page, the classic payload behind a fake ".pdf". */
export function htmlBytes(): Buffer {
  return Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n');
}

/** The start of a Linux executable. */
export function elfBytes(): Buffer {
  return Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120)]);
}

/** The start of a Windows executable. */
export function exeBytes(): Buffer {
  return Buffer.concat([Buffer.from('MZ'), Buffer.alloc(254)]);
}

/** The first Ogg page of an Opus stream, which is how a WhatsApp voice note starts. */
export function voiceNoteBytes(): Buffer {
  const opusHead = Buffer.concat([
    Buffer.from('OpusHead'),
    Buffer.from([1, 1, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0]),
  ]);
  const header = Buffer.alloc(27);
  header.write('OggS', 0, 'latin1');
  header[5] = 0x02; // beginning of stream
  header.writeUInt32LE(0x1234, 14); // stream serial number
  header[26] = 1; // one segment
  return Buffer.concat([header, Buffer.from([opusHead.length]), opusHead, Buffer.alloc(64)]);
}

/** An ISO BMFF file type box with the given brand: 'isom' reads as MP4 video, 'heic' as a HEIC photo. */
export function ftypBytes(brand: 'isom' | 'heic'): Buffer {
  const compatible = brand === 'heic' ? 'mif1heic' : 'isomiso2mp41';
  const box = Buffer.concat([
    Buffer.alloc(4),
    Buffer.from(`ftyp${brand}`),
    Buffer.alloc(4),
    Buffer.from(compatible),
  ]);
  box.writeUInt32BE(box.length, 0);
  return Buffer.concat([box, Buffer.alloc(64)]);
}

/** The header of an OLE compound file, the container of .doc and .xls (and of .msi installers). */
export function compoundFileBytes(): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian byte order mark
  header.writeUInt16LE(9, 30); // 512-byte sectors
  return header;
}

/** A valid zip archive with stored (uncompressed) entries. */
export function zipBytes(entries: { name: string; content: string }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = Buffer.from(entry.content);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A solid-colour image encoded by sharp. */
export async function solidImage(
  format: 'jpeg' | 'png' | 'webp' | 'gif',
  size: { width: number; height: number },
  options: { alpha?: boolean } = {},
): Promise<Buffer> {
  const channels = options.alpha ? 4 : 3;
  const background = { r: 200, g: 40, b: 90, alpha: options.alpha ? 0.5 : 1 };
  return sharp({ create: { ...size, channels, background } })
    .toFormat(format)
    .toBuffer();
}

/**
 * A camera-like JPEG: landscape pixels with EXIF orientation 6 (shown rotated 90°, i.e. portrait),
 * a camera make, and a GPS position (Monas, Jakarta).
 * Found by trying sharp 0.35: `withExif` writes the GPS IFD (key 'IFD3') but not the orientation,
 * which sharp takes from `withMetadata({ orientation })`.
 */
export async function cameraJpeg(size: { width: number; height: number }): Promise<Buffer> {
  return sharp({ create: { ...size, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'PesaninTestCam', Model: 'Fixture 1' },
      IFD3: {
        GPSLatitudeRef: 'S',
        GPSLatitude: '6/1 10/1 30/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '106/1 49/1 38/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A three-frame animated WebP with transparency, like an animated WhatsApp sticker. */
export async function animatedSticker(): Promise<Buffer> {
  const frames = await Promise.all(
    [20, 120, 220].map((red) =>
      sharp({
        create: { width: 512, height: 512, channels: 4, background: { r: red, g: 0, b: 0, alpha: 0.6 } },
      })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(frames, { join: { animated: true } })
    .webp({ delay: [100, 100, 100] })
    .toBuffer();
}

/**
 * The tag numbers in IFD0 and in the GPS IFD of an EXIF block (as sharp's metadata().exif returns it),
 * so a test can prove its input really carries a GPS position before proving the output does not.
 */
export function exifTags(exif: Buffer): { ifd0: number[]; gps: number[] } {
  const tiff = exif.subarray(exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const readIfd = (at: number) =>
    Array.from({ length: u16(at) }, (_, index) => {
      const entry = at + 2 + index * 12;
      return { tag: u16(entry), value: u32(entry + 8) };
    });
  const ifd0 = readIfd(u32(4));
  const gpsAt = ifd0.find((entry) => entry.tag === 0x8825)?.value;
  return { ifd0: ifd0.map((entry) => entry.tag), gps: gpsAt ? readIfd(gpsAt).map((entry) => entry.tag) : [] };
}
