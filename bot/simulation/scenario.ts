import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import { productModel } from '../../domain/catalog/product.model.js';
import { contactModel } from '../../domain/contacts/contact.model.js';
import { parsePhone } from '../../domain/contacts/phone.js';
import { createScheduler } from '../../domain/jobs/scheduler.js';
import { leadModel } from '../../domain/leads/lead.model.js';
import { ensureIndexes } from '../../domain/models.js';
import { orderModel } from '../../domain/orders/order.model.js';
import { outboxModel } from '../../domain/outbox/outbox.model.js';
import { DEFAULT_SEND_POLICY } from '../../domain/outbox/outbox.rules.js';
import { paymentModel } from '../../domain/payments/payment.model.js';
import { ManualClock } from '../../domain/platform/clock.js';
import { parseConfig } from '../../domain/platform/config.js';
import { createLogger } from '../../domain/platform/logger.js';
import { openConnection, startEmulatedMongo } from '../../domain/platform/mongo.js';
import { getSettings, updateSettings } from '../../domain/settings/settings.use-case.js';
import { taskModel } from '../../domain/tasks/task.model.js';
import { userModel } from '../../domain/users/user.model.js';
import { createUser } from '../../domain/users/user.use-case.js';
import { buildBot } from '../bot.js';
import { botFeatures } from '../features.js';
import { SimulatorTransport } from '../transport/simulator/simulator-transport.js';
import { parseDuration } from './duration.js';

const Phone = z.string().transform((value, ctx) => {
  const parsed = parsePhone(value);
  if (parsed.ok) return parsed.phone;
  ctx.addIssue({ code: 'custom', message: `not a valid phone number: "${value}"` });
  return z.NEVER;
});

/** The scenario file, as the scenario-testing contract defines it. */
export const ScenarioSchema = z.strictObject({
  now: z.iso.datetime({ offset: true, error: 'must be an ISO date-time such as 2026-11-23T09:00:00+07:00' }),
  tz: z.string().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  catalog: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        aliases: z.array(z.string()).default([]),
        price: z.number().int().nonnegative(),
        category: z.string().optional(),
        stock: z.number().int().optional(),
      }),
    )
    .default([]),
  admins: z
    .array(
      z.object({
        name: z.string().min(1),
        phone: Phone,
        role: z.enum(['owner', 'manager', 'admin']).default('admin'),
      }),
    )
    .default([]),
  steps: z.array(
    z
      .object({
        from: Phone.optional(),
        text: z.string().optional(),
        media: z.object({ path: z.string().min(1), mime: z.string().min(1) }).optional(),
        advance: z
          .string()
          .refine((value) => parseDuration(value) !== undefined, {
            error: 'must be a duration such as 2h, 30m, 1d',
          })
          .optional(),
      })
      .refine((step) => step.from !== undefined || (step.text === undefined && step.media === undefined), {
        error: 'a step with text or media needs "from"',
      }),
  ),
});
export type Scenario = z.output<typeof ScenarioSchema>;

export interface RunOptions {
  mongoUri: string | undefined;
  /** Media paths in the scenario are relative to this folder. */
  baseDir: string;
  dump: boolean;
  /** Leave the scenario's database in place (its name goes to `onKept`) instead of dropping it. */
  keep?: boolean;
  onKept?(databaseName: string): void;
  write(line: unknown): void;
  /**
   * Called once the settings, catalog and admins are in place, before the first step (tests seed records
   * the scenario format cannot express).
   */
  prepare?(connection: Connection, context: { at: Date; timeZone: string }): Promise<void>;
}

const STEP_GAP_MS = 1000;

/** Run a scenario through the real bot on the simulator transport and scenario time; report every send. */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<void> {
  const server = options.mongoUri ? undefined : await startEmulatedMongo();
  const connection = await openConnection(
    options.mongoUri ?? server!.uri,
    `simulate_${randomBytes(6).toString('hex')}`,
  );
  await ensureIndexes(connection);
  const clock = new ManualClock(new Date(scenario.now));
  const actor = { kind: 'system' as const, name: 'simulate' };
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pesanin-simulate-'));
  try {
    const patch = { ...scenario.settings, ...(scenario.tz && { timeZone: scenario.tz }) };
    if (Object.keys(patch).length > 0) {
      const result = await updateSettings(connection, patch, { actor, at: clock.now() });
      if (!result.ok) throw new Error(`settings: ${result.details}`);
    }
    const settings = await getSettings(connection);
    for (const product of scenario.catalog) {
      const { id, ...rest } = product;
      await productModel(connection).create({ ...rest, sku: id, active: true, createdAt: clock.now() });
    }
    for (const admin of scenario.admins) {
      const login = `${
        admin.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '.')
          .replace(/^\.|\.$/g, '') || 'admin'
      }.${admin.phone.slice(-4)}`;
      const result = await createUser(
        connection,
        { name: admin.name, role: admin.role, login, whatsapp: admin.phone },
        { actor, at: clock.now() },
      );
      if (!result.ok) throw new Error(`admin ${admin.name}: ${result.details}`);
    }

    await options.prepare?.(connection, { at: clock.now(), timeZone: settings.timeZone });

    const transport = new SimulatorTransport();
    const config = parseConfig({ SHOP_TIME_ZONE: settings.timeZone, LOCALE: settings.locale });
    const log = createLogger({ env: 'test', logLevel: 'silent' }, 'simulate');
    // Jobs run through the scheduler's runner at each step's time, never on agenda's timers.
    const scheduler = createScheduler({ connection, log, clock });
    const bot = buildBot({
      connection,
      transport,
      log,
      config: { ...config, dataDir },
      handlers: botFeatures(),
      sendPolicy: { ...DEFAULT_SEND_POLICY, perChatGapMs: 0, jitterMs: 0, perMinute: 1_000_000 },
      outboxPollMs: 10,
      clock,
    });
    await bot.start();
    let reported = 0;
    const settle = async () => {
      await bot.inbox.idle();
      while ((await outboxModel(connection).countDocuments({ state: { $in: ['pending', 'sending'] } })) > 0) {
        bot.sender.wake();
        await bot.sender.idle();
      }
      for (const send of transport.sent.slice(reported)) {
        options.write({
          to: `+${send.chatId.replace(/@.*$/, '')}`,
          text: send.text,
          ...(send.media && { media: send.media.filename ?? send.media.mimetype }),
        });
      }
      reported = transport.sent.length;
    };

    for (const step of scenario.steps) {
      clock.advance(STEP_GAP_MS + (step.advance ? parseDuration(step.advance)! : 0));
      // What fell due while the clock moved (reminders, the daily overdue check…) is sent before the step's message.
      await scheduler.runDue(clock.now());
      await settle();
      if (!step.from) continue;
      const media = step.media && {
        mimetype: step.media.mime,
        data: await readFile(path.resolve(options.baseDir, step.media.path)),
        filename: path.basename(step.media.path),
      };
      await bot.inbox.receive(
        transport.receive({
          chatId: `${step.from.slice(1)}@c.us`,
          ...(step.text !== undefined && { body: step.text }),
          ...(media && { media }),
          timestamp: clock.now(),
        }),
      );
      await settle();
    }
    await bot.stop();
    if (options.dump) options.write({ dump: await dumpRecords(connection) });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    if (options.keep && !server) options.onKept?.(connection.name);
    else await connection.dropDatabase();
    await connection.close();
    await server?.stop();
  }
}

/** Each record's business fields, readable without internal ids (customers by phone). */
async function dumpRecords(connection: Connection) {
  const contacts = await contactModel(connection).find().sort({ createdAt: 1 }).lean();
  const customerOf = (id: unknown) => {
    const contact = contacts.find((candidate) => String(candidate._id) === String(id));
    return contact ? (contact.phone ?? contact.chatId) : null;
  };
  const [leads, orders, payments, tasks, users] = await Promise.all([
    leadModel(connection).find().sort({ createdAt: 1 }).lean(),
    orderModel(connection).find().sort({ createdAt: 1, number: 1 }).lean(),
    paymentModel(connection).find().sort({ createdAt: 1 }).lean(),
    taskModel(connection).find().sort({ number: 1 }).lean(),
    userModel(connection).find({}, { name: 1 }).lean(),
  ]);
  const userName = (id: unknown) =>
    users.find((candidate) => String(candidate._id) === String(id))?.name ?? null;
  return {
    contacts: contacts.map((contact) => ({
      phone: contact.phone ?? null,
      chatId: contact.chatId,
      name: contact.name ?? contact.pushName ?? null,
      firstChannel: contact.firstChannel ?? null,
      stats: { orders: contact.stats.orders, totalSpent: contact.stats.totalSpent },
    })),
    leads: leads.map((lead) => ({
      customer: customerOf(lead.contactId),
      stage: lead.stage,
      channel: lead.channel,
      interest: lead.interest ?? null,
      estimatedValue: lead.estimatedValue ?? null,
      nextAction: lead.nextAction ?? null,
    })),
    orders: orders.map((order) => ({
      number: order.number,
      customer: customerOf(order.contactId),
      kind: order.kind,
      status: order.status,
      items: order.items.map((item) => ({
        product: item.sku,
        name: item.name,
        qty: item.qty,
        unitPrice: item.unitPrice,
      })),
      custom: order.custom
        ? {
            category: order.custom.category ?? null,
            description: order.custom.description,
            budget: order.custom.budget ?? null,
            deadline: order.custom.deadline ?? null,
            references: order.custom.referenceMedia.length,
          }
        : null,
      fulfilment: order.fulfilment,
      paymentMethod: order.paymentMethod ?? null,
      notes: order.customerNotes ?? null,
      subtotal: order.subtotal,
      discount: order.discount,
      shippingFee: order.shippingFee,
      total: order.total,
      paymentStatus: order.paymentStatus,
      createdAt: order.createdAt.toISOString(),
    })),
    payments: payments.map((payment) => ({
      number: payment.number,
      customer: customerOf(payment.contactId),
      order: payment.orderNumber ?? null,
      amount: payment.amount ?? null,
      status: payment.status,
      proof: payment.proofPath !== undefined,
    })),
    tasks: tasks.map((task) => ({
      number: task.number,
      text: task.text,
      due: task.dueAt.toISOString(),
      assignee: task.assigneeId ? userName(task.assigneeId) : null,
      link: task.link?.label ?? null,
      status: task.status,
      reminded: task.reminderSentAt !== undefined,
    })),
  };
}
