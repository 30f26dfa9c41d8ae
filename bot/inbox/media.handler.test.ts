import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { pauseBot } from '../../domain/chats/chat.use-case.js';
import { cameraJpeg, htmlBytes } from '../../domain/media/testing/media-fixtures.js';
import { messageModel } from '../../domain/messages/message.model.js';
import { outboxModel } from '../../domain/outbox/outbox.model.js';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import { useTempDirs } from '../../domain/platform/testing/temp-dir.js';
import { queuedTexts, silentLog } from '../testing/fixtures.js';
import { SimulatorTransport } from '../transport/simulator/simulator-transport.js';
import type { Handler } from './compose.js';
import { Inbox } from './inbox.js';
import { storeIncomingMedia } from './media.handler.js';

const db = useTestDatabase();
const tempDir = useTempDirs();

let dataDir: string;
let seen: { body: string; media?: string }[];

const recordWhatFollows: Handler = async (context) => {
  seen.push({ body: context.message.body, ...(context.media?.path && { media: context.media.path }) });
};

const inboxFor = (transport: SimulatorTransport, maxBytes?: number) =>
  new Inbox({
    connection: db.connection,
    log: silentLog,
    locale: 'id',
    phoneTakeoverMs: 60_000,
    handlers: [
      storeIncomingMedia({
        transport,
        dataDir,
        timeZone: 'Asia/Jakarta',
        retryDelaysMs: [0, 0],
        ...(maxBytes && { policy: { maxBytes, accept: ['image/jpeg', 'application/pdf'] } }),
      }),
      recordWhatFollows,
    ],
  });

beforeEach(async () => {
  dataDir = tempDir('media');
  seen = [];
  await Promise.all([messageModel(db.connection).deleteMany({}), outboxModel(db.connection).deleteMany({})]);
});

describe('storeIncomingMedia', () => {
  it('keeps a photo without its EXIF/GPS, rotated upright, with a thumbnail', async () => {
    const sim = new SimulatorTransport();
    const inbox = inboxFor(sim);
    const photo = await cameraJpeg({ width: 1200, height: 800 });
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    await inbox.receive(
      sim.receive({
        chatId: '62811@c.us',
        body: 'ini bukti transfernya kak',
        media: { mimetype: 'image/jpeg', data: photo },
      }),
    );
    await inbox.idle();

    const stored = await messageModel(db.connection).findOne({ chatId: '62811@c.us' }).lean();
    expect(stored?.media).toMatchObject({
      state: 'stored',
      mime: 'image/jpeg',
      width: 800,
      height: 1200,
      attempts: 1,
    });
    const file = path.join(dataDir, stored!.media!.path!);
    const metadata = await sharp(file).metadata();
    expect(metadata.exif).toBeUndefined();
    expect([metadata.width, metadata.height]).toEqual([800, 1200]);
    const thumbnail = await sharp(path.join(dataDir, stored!.media!.thumbnailPath!)).metadata();
    expect(Math.max(thumbnail.width ?? 0, thumbnail.height ?? 0)).toBeLessThanOrEqual(320);
    expect(seen).toEqual([{ body: 'ini bukti transfernya kak', media: stored!.media!.path }]);
  });

  it('refuses a file over the limit politely and keeps nothing', async () => {
    const sim = new SimulatorTransport();
    const inbox = inboxFor(sim, 50_000);
    const big = await cameraJpeg({ width: 3000, height: 3000 });
    await inbox.receive(sim.receive({ chatId: '62822@c.us', media: { mimetype: 'image/jpeg', data: big } }));
    await inbox.idle();

    const stored = await messageModel(db.connection).findOne({ chatId: '62822@c.us' }).lean();
    expect(stored?.media).toMatchObject({ state: 'refused', error: 'MEDIA.TOO_LARGE' });
    expect(existsSync(path.join(dataDir, 'media')) ? await readdir(path.join(dataDir, 'media')) : []).toEqual(
      [],
    );
    expect((await queuedTexts(db.connection)).map((reply) => reply.text)).toEqual([
      'Maaf, file Anda terlalu besar (maksimal 48 KB). Bisa dikirim versi yang lebih kecil?',
    ]);
    expect(seen).toEqual([]);
  });

  it('stays quiet about a refused file while a person has the chat', async () => {
    const sim = new SimulatorTransport();
    const inbox = inboxFor(sim, 50_000);
    await pauseBot(db.connection, '62855@c.us', new Date(Date.now() + 60_000), 'handover');
    const big = await cameraJpeg({ width: 3000, height: 3000 });
    await inbox.receive(sim.receive({ chatId: '62855@c.us', media: { mimetype: 'image/jpeg', data: big } }));
    await inbox.idle();
    const stored = await messageModel(db.connection).findOne({ chatId: '62855@c.us' }).lean();
    expect(stored?.media).toMatchObject({ state: 'refused', error: 'MEDIA.TOO_LARGE' });
    expect(await queuedTexts(db.connection)).toEqual([]);
  });

  it('refuses a file whose bytes are not what it claims', async () => {
    const sim = new SimulatorTransport();
    const inbox = inboxFor(sim);
    await inbox.receive(
      sim.receive({
        chatId: '62833@c.us',
        media: { mimetype: 'application/pdf', data: htmlBytes(), filename: 'invoice.pdf' },
      }),
    );
    await inbox.idle();
    const stored = await messageModel(db.connection).findOne({ chatId: '62833@c.us' }).lean();
    expect(stored?.media).toMatchObject({
      state: 'refused',
      error: 'MEDIA.TYPE_MISMATCH',
      filename: 'invoice.pdf',
    });
    expect((await queuedTexts(db.connection))[0]?.text).toContain('jenis file ini belum bisa kami terima');
  });

  it('records a download that keeps failing and still passes the text on', async () => {
    const sim = new SimulatorTransport();
    let calls = 0;
    sim.downloadMedia = async () => {
      calls += 1;
      throw new Error('Evaluation failed: media expired');
    };
    const inbox = inboxFor(sim);
    await inbox.receive(
      sim.receive({
        chatId: '62844@c.us',
        body: 'foto referensinya',
        media: { mimetype: 'image/jpeg', data: Buffer.from('x') },
      }),
    );
    await inbox.idle();
    expect(calls).toBe(3);
    const stored = await messageModel(db.connection).findOne({ chatId: '62844@c.us' }).lean();
    expect(stored?.media).toMatchObject({
      state: 'failed',
      attempts: 3,
      error: 'MEDIA.DOWNLOAD_FAILED: Evaluation failed: media expired',
    });
    expect(seen).toEqual([{ body: 'foto referensinya' }]);
  });
});
