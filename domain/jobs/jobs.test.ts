import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { conversationModel } from '../conversations/conversation.model.js';
import { saveConversation } from '../conversations/conversation.use-case.js';
import { materialModel } from '../materials/material.model.js';
import { outboxModel } from '../outbox/outbox.model.js';
import { ManualClock } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { conversationExpiryJob } from './conversation-expiry.job.js';
import type { Job } from './job.js';
import { lowStockJob } from './low-stock.job.js';
import { outboxRetryJob, STUCK_CLAIM_MS } from './outbox-retry.job.js';
import { createScheduler } from './scheduler.js';
import { ALL_JOBS } from './schedules.js';
import { queued, staffUser } from './testing.js';

const db = useTestDatabase();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'test');
const now = new Date('2026-11-23T03:00:00Z');
const deps = () => ({ connection: db.connection, log, now });

describe('the schedule', () => {
  it('has every job once, each with an agenda interval', () => {
    expect(ALL_JOBS.map((job) => [job.name, job.every])).toEqual([
      ['task-reminders', '1 minute'],
      ['invoice-overdue', '1 minute'],
      ['owner-digest', '1 minute'],
      ['low-stock', '1 hour'],
      ['outbox-retry', '1 minute'],
      ['conversation-expiry', '15 minutes'],
      ['rfm-segments', '15 minutes'],
      ['backup', '15 minutes'],
      ['whatsapp-alerts', '1 minute'],
    ]);
  });
});

describe('outbox-retry job', () => {
  it('puts back only claims stuck in sending longer than the lease', async () => {
    const claim = (key: string, claimedAt: Date) =>
      outboxModel(db.connection).create({
        key,
        chatId: '6281234567890@c.us',
        text: key,
        origin: 'job',
        state: 'sending',
        attempts: 1,
        notBefore: claimedAt,
        claimedAt,
        createdAt: claimedAt,
      });
    await claim('stuck', new Date(now.getTime() - STUCK_CLAIM_MS - 1000));
    await claim('in-flight', new Date(now.getTime() - 60_000));
    await outboxRetryJob.run(deps());
    await outboxRetryJob.run(deps());
    const states = await outboxModel(db.connection)
      .find({}, { key: 1, state: 1, _id: 0 })
      .sort({ key: 1 })
      .lean();
    expect(states).toEqual([
      { key: 'in-flight', state: 'sending' },
      { key: 'stuck', state: 'pending' },
    ]);
  });
});

describe('conversation-expiry job', () => {
  it('deletes expired conversation states and keeps live ones', async () => {
    const save = (chatId: string, ttlMs: number) =>
      saveConversation(
        db.connection,
        chatId,
        { kind: 'idle', data: {} },
        { now: new Date(now.getTime() - 60 * 60_000), ttlMs },
      );
    await save('1@c.us', 30 * 60_000);
    await save('2@c.us', 2 * 60 * 60_000);
    await conversationExpiryJob.run(deps());
    expect(await conversationModel(db.connection).distinct('chatId')).toEqual(['2@c.us']);
  });
});

describe('low-stock job', () => {
  it('alerts staff once about a material below its minimum', async () => {
    await staffUser(db.connection, 'Sari', 'owner', '081299990000', now);
    await materialModel(db.connection).create({
      code: 'pita-merah',
      name: 'Pita merah',
      unit: 'm',
      stock: 2,
      minStock: 5,
      createdAt: now,
      updatedAt: now,
    });
    await lowStockJob.run(deps());
    await lowStockJob.run({ ...deps(), now: new Date(now.getTime() + 3_600_000) });
    const alerts = await queued(db.connection, 'low-stock:pita-merah:');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toContain('stock pita-merah +');
  });
});

describe('runDue', () => {
  it('runs every job in order at the given time; a failing job is logged by name and the others still run', async () => {
    const lines: string[] = [];
    const capture = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const ran: string[] = [];
    const job = (name: string, fail = false): Job => ({
      name,
      every: '1 minute',
      async run({ now: at }) {
        ran.push(`${name}@${at.toISOString()}`);
        if (fail) throw new Error('database hiccup');
      },
    });
    const scheduler = createScheduler({
      connection: db.connection,
      log: capture,
      clock: new ManualClock(new Date(0)),
      jobs: [job('first'), job('broken', true), job('last')],
    });
    await scheduler.runDue(now);
    expect(ran).toEqual([
      'first@2026-11-23T03:00:00.000Z',
      'broken@2026-11-23T03:00:00.000Z',
      'last@2026-11-23T03:00:00.000Z',
    ]);
    const errors = lines.map((line) => JSON.parse(line)).filter((entry) => entry.level === 50);
    expect(errors).toMatchObject([{ job: 'broken', msg: 'job broken failed: database hiccup' }]);
  });
});
