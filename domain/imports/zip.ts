import type JSZip from 'jszip';

/**
 * Inflate one zip entry, stopping as soon as it passes `cap` bytes: a tiny zip can unpack to gigabytes,
 * so sizes are counted while inflating rather than trusted from the zip's directory. `data` holds the
 * bytes when `keep` is set and the entry fits.
 */
export function inflateEntry(
  entry: JSZip.JSZipObject,
  cap: number,
  keep: boolean,
): Promise<{ size: number; data?: Buffer }> {
  return new Promise((resolve, reject) => {
    // jszip's node stream is a readable-stream 2 adapter: events, no async iteration.
    const stream = entry.nodeStream('nodebuffer');
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        // Pausing stops jszip's inflater too (it waits for the reader): nothing more is unpacked.
        stream.pause();
        stream.removeAllListeners();
        resolve({ size });
        return;
      }
      if (keep) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(keep ? { size, data: Buffer.concat(chunks) } : { size }));
  });
}

/** The bytes all of a zip's entries unpack to, counting no further than just past `cap`. */
export async function unzippedSize(zip: JSZip, cap: number): Promise<number> {
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    total += (await inflateEntry(entry, cap - total, false)).size;
    if (total > cap) return total;
  }
  return total;
}
