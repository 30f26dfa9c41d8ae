import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { NOW, seedShop, wib } from '../reports/testing/shop-fixture.js';
import { updateSettings } from '../settings/settings.use-case.js';
import { type StaffUser, setUserActive } from '../users/user.use-case.js';
import { ownerDigestJob } from './owner-digest.job.js';
import { queued, staffUser } from './testing.js';

const db = useTestDatabase();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'test');
const run = (now: Date) => ownerDigestJob.run({ connection: db.connection, log, now });
const system = { kind: 'system' as const, name: 'test' };

let owner: StaffUser;

beforeAll(async () => {
  const before = wib('2026-10-01T08:00:00');
  owner = await staffUser(db.connection, 'Sari', 'owner', '081299990000', before);
  await staffUser(db.connection, 'Dewi', 'admin', '081299990001', before);
  await staffUser(db.connection, 'Tono', 'owner', undefined, before);
  await seedShop(db.connection);
});

describe('owner-digest job', () => {
  it("sends the owner yesterday's figures and today's tasks at 07:00 shop time, once", async () => {
    await run(wib('2026-11-25T06:59:00'));
    expect(await queued(db.connection, 'digest:')).toEqual([]);

    await run(NOW);
    await run(wib('2026-11-25T07:01:00'));
    await run(wib('2026-11-25T20:00:00'));
    const sent = await queued(db.connection, 'digest:');
    expect(sent.map((item) => [item.key, item.chatId])).toEqual([
      [`digest:2026-11-25:${String(owner._id)}`, '6281299990000@c.us'],
    ]);
    // The figures of the seeded shop (domain/reports/testing/shop-fixture.ts): yesterday one order of
    // 200.000 (the other was cancelled), 200.000 verified, Ani's new lead, Budi's lead won; now one
    // invoice overdue with 70.000 left, one proof pending; one task overdue since yesterday, one due today.
    expect(sent[0]!.text).toBe(
      [
        '☀️ *Ringkasan kemarin, 24/11/2026*',
        'Pesanan baru: 1 (Rp200.000)',
        'Pembayaran diterima: Rp200.000',
        'Lead baru: 1 · deal: 1',
        'Tagihan lewat jatuh tempo: 1 (Rp70.000)',
        'Bukti bayar menunggu dicek: 1',
        '',
        '*Tugas sampai hari ini: 2*',
        '• #1 24/11 16:00 telpon Budi soal pelunasan → *done 1*',
        '• #2 10:00 kirim foto buket ke Ani → *done 2*',
        '',
        'Laporan: *report today* · *report week* · semua tugas: *tasks all*',
      ].join('\n'),
    );
  });

  it('goes to all staff when no owner has WhatsApp, and not at all when switched off', async () => {
    await setUserActive(db.connection, owner._id, false, { actor: system, at: NOW });
    await run(wib('2026-11-26T07:00:00'));
    expect((await queued(db.connection, 'digest:2026-11-26')).map((item) => item.chatId)).toEqual([
      '6281299990001@c.us',
    ]);

    const off = await updateSettings(
      db.connection,
      { digest: { enabled: false, at: '07:00' } },
      { actor: system, at: NOW },
    );
    expect(off.ok).toBe(true);
    await run(wib('2026-11-27T07:00:00'));
    expect(await queued(db.connection, 'digest:2026-11-27')).toEqual([]);
  });
});
