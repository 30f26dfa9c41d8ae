/**
 * The demo shop: three months of a florist and hampers shop (scripts/seed-demo.data.ts), so the console
 * has something alive to show on the simulator transport.
 *
 *   npm run demo                          seeds an in-memory database and starts bot + console on it
 *   npx tsx scripts/seed-demo.ts          seeds MONGODB_URI (or the embedded database) and stops
 *
 * Everything is written through the domain use cases — the same calls the bot, the console and the jobs
 * make — in the order it happened, so every invariant holds: order, invoice, payment and task numbers
 * come from the counters, contact stats and material stock follow the orders, every change is audited,
 * and the daily overdue check and task reminders ran on their days. What the shop "sent" (status
 * notices, invoices, reminders, alerts) went through the outbox and is recorded as delivered at the time
 * it was queued, so the chat threads read as they would have and the bot starts with nothing to send.
 *
 * Idempotent by refusal: the last step writes a `demo_seeded` audit entry. Seeding a database that has
 * it changes nothing (`seeded: false`); seeding a database that holds anything else (users, contacts,
 * products or orders) is refused with DEMO.NOT_EMPTY, so a real shop can never get demo data mixed in.
 *
 * CLI: prints what the database holds and the staff logins on stdout; one line on stderr when refused
 * or failed. Exit codes: 0 seeded or already seeded; 1 refused or failed; 2 usage.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { TZDate } from '@date-fns/tz';
import type { Connection, Types } from 'mongoose';
import type { Actor } from '../domain/audit/audit.model.js';
import { auditModel } from '../domain/audit/audit.model.js';
import { audit } from '../domain/audit/audit.use-case.js';
import { setBillOfMaterials } from '../domain/catalog/catalog.use-case.js';
import { productModel } from '../domain/catalog/product.model.js';
import { createProduct } from '../domain/catalog/product.use-case.js';
import { noteCustomerMessage as noteUnread, sendStaffReply } from '../domain/chats/chat.use-case.js';
import { type Contact, contactModel } from '../domain/contacts/contact.model.js';
import { contactForChat, contactForPhone } from '../domain/contacts/contact.use-case.js';
import { confirmContactName } from '../domain/contacts/contact-query.use-case.js';
import { chatIdOfPhone, type PhoneNumber, parsePhone } from '../domain/contacts/phone.js';
import { botText, formatRupiah, type TextParams } from '../domain/i18n/messages.js';
import {
  INVOICE_STATUSES,
  type Invoice,
  type InvoiceStatus,
  invoiceModel,
} from '../domain/invoices/invoice.model.js';
import { addDaysToDay, localDay } from '../domain/invoices/invoice.rules.js';
import { issueInvoice } from '../domain/invoices/invoice.use-case.js';
import { invoiceOverdueJob } from '../domain/jobs/invoice-overdue.job.js';
import { taskRemindersJob } from '../domain/jobs/task-reminders.job.js';
import { LEAD_STAGES, type Lead, type LeadStage, leadModel } from '../domain/leads/lead.model.js';
import {
  addActivity,
  changeLeadStage,
  noteCustomerMessage as noteLeadMessage,
  openLeadForContact,
  updateLead,
} from '../domain/leads/lead.use-case.js';
import { materialModel } from '../domain/materials/material.model.js';
import { adjustStock, createMaterial } from '../domain/materials/material.use-case.js';
import { messageModel } from '../domain/messages/message.model.js';
import { recordMessage } from '../domain/messages/message.use-case.js';
import { ensureIndexes } from '../domain/models.js';
import { notifyStaff } from '../domain/notices/notify.js';
import { ORDER_KINDS, type Order, type OrderKind, orderModel } from '../domain/orders/order.model.js';
import {
  changeOrderStatus,
  createOrder,
  findOrderByNumber,
  updateOrderDetails,
} from '../domain/orders/order.use-case.js';
import { trackingUrl } from '../domain/orders/order-confirmation.js';
import { addInternalNote } from '../domain/orders/order-note.use-case.js';
import { outstandingOf } from '../domain/orders/order-payment.use-case.js';
import { ORDER_STATUSES, type OrderStatus } from '../domain/orders/order-status.rules.js';
import type { OutboxOrigin } from '../domain/outbox/outbox.model.js';
import { claimNext, enqueueMessage, markSent } from '../domain/outbox/outbox.use-case.js';
import {
  PAYMENT_STATES,
  type Payment,
  type PaymentStatus,
  paymentModel,
} from '../domain/payments/payment.model.js';
import {
  recordPayment,
  recordPaymentProof,
  rejectPayment,
  verifyPayment,
} from '../domain/payments/payment.use-case.js';
import { loadConfig } from '../domain/platform/config.js';
import { loadDataKeys } from '../domain/platform/data-keys.js';
import { describeError } from '../domain/platform/errors.js';
import { createLogger, type Logger } from '../domain/platform/logger.js';
import { openConnection, provideMongo } from '../domain/platform/mongo.js';
import { SETTINGS_ID, type Settings } from '../domain/settings/settings.model.js';
import { updateSettings } from '../domain/settings/settings.use-case.js';
import { TASK_STATUSES, type Task, type TaskStatus, taskModel } from '../domain/tasks/task.model.js';
import { cancelTask, completeTask, createTask } from '../domain/tasks/task.use-case.js';
import { setPassword } from '../domain/users/password.use-case.js';
import type { UserRole } from '../domain/users/user.model.js';
import { userModel } from '../domain/users/user.model.js';
import { createUser, type StaffUser } from '../domain/users/user.use-case.js';
import {
  type ChatLine,
  DEMO_CONTACTS,
  DEMO_LEADS,
  DEMO_MATERIALS,
  DEMO_ORDERS,
  DEMO_PASSWORD,
  DEMO_PRODUCTS,
  DEMO_RESTOCKS,
  DEMO_SETTINGS,
  DEMO_SHOP_NAME,
  DEMO_STAFF,
  DEMO_TASKS,
  type DemoContact,
  type DemoLead,
  type DemoOrder,
  type DemoTask,
  HISTORY_DAYS,
  type When,
} from './seed-demo.data.js';

export { DEMO_PASSWORD, DEMO_SHOP_NAME, DEMO_STAFF } from './seed-demo.data.js';

/** What the database holds: per collection, and per status where records have one. */
export interface DemoCounts {
  users: number;
  products: number;
  materials: number;
  contacts: number;
  /** Contacts whose real name staff confirmed (the others are still "to confirm"). */
  confirmedContacts: number;
  leads: Record<LeadStage, number>;
  orders: Record<OrderStatus, number>;
  ordersByKind: Record<OrderKind, number>;
  invoices: Record<InvoiceStatus, number>;
  payments: Record<PaymentStatus, number>;
  tasks: Record<TaskStatus, number>;
  messages: number;
}

export type SeedDemoResult =
  | { ok: true; seeded: boolean; counts: DemoCounts }
  | { ok: false; code: 'DEMO.NOT_EMPTY'; details: string };

export interface SeedDemoOptions {
  /** The seeding moment: the history is the HISTORY_DAYS before it. */
  now: Date;
  /** Origin of tracking links in the seeded messages (the console's address). */
  publicBaseUrl?: string;
  /** For the jobs run on past days; silent by default. */
  log?: Logger;
}

/** The audit action that marks a database as holding the complete demo shop. */
export const DEMO_MARKER = 'demo_seeded';

const SEEDER: Actor = { kind: 'system', name: 'seed-demo' };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** `hoursAgo` moments up to this many hours mean "today" (see #moment). */
const TODAY_HOURS = 6;

/**
 * Seed the demo shop into an empty database (indexes must exist: ensureIndexes). A database already
 * holding the demo is left as it is; one holding anything else is refused.
 */
export async function seedDemo(connection: Connection, options: SeedDemoOptions): Promise<SeedDemoResult> {
  if (await auditModel(connection).exists({ entity: 'settings', action: DEMO_MARKER }))
    return { ok: true, seeded: false, counts: await countDemo(connection) };
  const [users, contacts, products, orders] = await Promise.all([
    userModel(connection).countDocuments(),
    contactModel(connection).countDocuments(),
    productModel(connection).countDocuments(),
    orderModel(connection).countDocuments(),
  ]);
  if (users + contacts + products + orders > 0)
    return {
      ok: false,
      code: 'DEMO.NOT_EMPTY',
      details: `the database already holds a shop (${users} users, ${contacts} contacts, ${products} products, ${orders} orders); the demo is only seeded into an empty database`,
    };
  const seeder = new DemoSeeder(connection, options);
  await seeder.run();
  await audit(
    connection,
    {
      entity: 'settings',
      entityId: SETTINGS_ID,
      action: DEMO_MARKER,
      actor: SEEDER,
      after: { shopName: DEMO_SHOP_NAME, logins: DEMO_STAFF.map((staff) => staff.login) },
    },
    options.now,
  );
  return { ok: true, seeded: true, counts: await countDemo(connection) };
}

/** How many of `values` are each of `keys` (every key listed, zeros included). */
function tally<S extends string>(values: readonly S[], keys: readonly S[]): Record<S, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<S, number>;
  for (const value of values) counts[value] += 1;
  return counts;
}

/** Tally of the database's records, the seed's report. */
export async function countDemo(connection: Connection): Promise<DemoCounts> {
  const [leads, orders, invoices, payments, tasks] = await Promise.all([
    leadModel(connection).find({}, { stage: 1 }).lean<Pick<Lead, 'stage'>[]>(),
    orderModel(connection).find({}, { status: 1, kind: 1 }).lean<Pick<Order, 'status' | 'kind'>[]>(),
    invoiceModel(connection).find({}, { status: 1 }).lean<Pick<Invoice, 'status'>[]>(),
    paymentModel(connection).find({}, { status: 1 }).lean<Pick<Payment, 'status'>[]>(),
    taskModel(connection).find({}, { status: 1 }).lean<Pick<Task, 'status'>[]>(),
  ]);
  return {
    users: await userModel(connection).countDocuments(),
    products: await productModel(connection).countDocuments(),
    materials: await materialModel(connection).countDocuments(),
    contacts: await contactModel(connection).countDocuments(),
    confirmedContacts: await contactModel(connection).countDocuments({ nameConfirmed: true }),
    leads: tally(
      leads.map((lead) => lead.stage),
      LEAD_STAGES,
    ),
    orders: tally(
      orders.map((order) => order.status),
      ORDER_STATUSES,
    ),
    ordersByKind: tally(
      orders.map((order) => order.kind),
      ORDER_KINDS,
    ),
    invoices: tally(
      invoices.map((invoice) => invoice.status),
      INVOICE_STATUSES,
    ),
    payments: tally(
      payments.map((payment) => payment.status),
      PAYMENT_STATES,
    ),
    tasks: tally(
      tasks.map((task) => task.status),
      TASK_STATUSES,
    ),
    messages: await messageModel(connection).countDocuments(),
  };
}

/** A use case's expected failure here is a bug in the demo data: stop with what was refused. */
function must<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`seed-demo: ${what}: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

interface Step {
  at: Date;
  seq: number;
  run: () => Promise<void>;
}

/** What one order's steps share: filled in by its creation, read by the steps after it. */
interface OrderState {
  number: string;
  id?: Types.ObjectId;
  messageIds: string[];
}

/** Replays the shop's history, step by step in time order, through the use cases. */
class DemoSeeder {
  readonly #connection: Connection;
  readonly #now: Date;
  readonly #timeZone = DEMO_SETTINGS.timeZone;
  readonly #publicBaseUrl: string | undefined;
  readonly #log: Logger;
  readonly #steps: Step[] = [];
  readonly #staff = new Map<UserRole, StaffUser>();
  readonly #contacts = new Map<string, Contact>();
  readonly #leads = new Map<string, Types.ObjectId>();
  readonly #orders = new Map<string, OrderState>();
  #settings: Settings | undefined;
  #messageSeq = 0;

  constructor(connection: Connection, options: SeedDemoOptions) {
    this.#connection = connection;
    this.#now = options.now;
    this.#publicBaseUrl = options.publicBaseUrl;
    this.#log = options.log ?? createLogger({ env: 'test', logLevel: 'silent' }, 'seed-demo');
  }

  async run(): Promise<void> {
    this.#planShop();
    this.#planContacts();
    for (const lead of DEMO_LEADS) this.#planLead(lead);
    for (const order of DEMO_ORDERS) this.#planOrder(order);
    for (const task of DEMO_TASKS) this.#planTask(task);
    this.#planRestocks();
    this.#planDailyChecks();
    this.#steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
    for (const step of this.#steps) await step.run();
    await this.#deliverOutbox();
  }

  // ── Time ──────────────────────────────────────────────────────────────────────────────────────────

  #at(at: Date, run: () => Promise<void>): void {
    if (at.getTime() > this.#now.getTime())
      throw new Error(`seed-demo: a step lies in the future (${at.toISOString()})`);
    this.#steps.push({ at, seq: this.#steps.length, run });
  }

  /**
   * The instant of a relative moment; future moments (a task due tomorrow) are allowed here. Moments
   * up to TODAY_HOURS ago are today's: seeded early in the shop's day, they are squeezed into the time
   * since midnight (in order), so the dashboard still shows today's orders and leads.
   */
  #moment(when: When): Date {
    if ('hoursAgo' in when) {
      const sinceMidnight =
        this.#now.getTime() - this.#wallClock(localDay(this.#now, this.#timeZone), '00:00').getTime();
      const room = sinceMidnight - 10 * MINUTE;
      if (when.hoursAgo > TODAY_HOURS || room >= TODAY_HOURS * HOUR)
        return new Date(this.#now.getTime() - when.hoursAgo * HOUR);
      // At least a minute ago, so what follows within the minute (the bot's reply) is not in the future.
      const ago = Math.max(MINUTE, (when.hoursAgo / TODAY_HOURS) * room);
      return new Date(this.#now.getTime() - ago);
    }
    return this.#wallClock(addDaysToDay(localDay(this.#now, this.#timeZone), -when.daysAgo), when.time);
  }

  /** A shop-local day (YYYY-MM-DD) and time (HH:MM) as an instant. */
  #wallClock(day: string, time: string): Date {
    const [year, month, date] = day.split('-').map(Number) as [number, number, number];
    const [hours, minutes] = time.split(':').map(Number) as [number, number];
    return new Date(new TZDate(year, month - 1, date, hours, minutes, 0, this.#timeZone).getTime());
  }

  #day(at: Date): string {
    return localDay(at, this.#timeZone);
  }

  // ── Who ───────────────────────────────────────────────────────────────────────────────────────────

  #user(role: UserRole): StaffUser {
    const user = this.#staff.get(role);
    if (!user) throw new Error(`seed-demo: no ${role} yet`);
    return user;
  }

  #actor(role: UserRole): Actor {
    const user = this.#user(role);
    return { kind: 'user', id: String(user._id), name: user.name };
  }

  #contact(key: string): Contact {
    const contact = this.#contacts.get(key);
    if (!contact) throw new Error(`seed-demo: contact ${key} is not there yet`);
    return contact;
  }

  #settingsNow(): Settings {
    if (!this.#settings) throw new Error('seed-demo: settings are not there yet');
    return this.#settings;
  }

  // ── The shop ──────────────────────────────────────────────────────────────────────────────────────

  #planShop(): void {
    const opened = this.#moment({ daysAgo: HISTORY_DAYS, time: '08:00' });
    this.#at(opened, async () => {
      for (const staff of DEMO_STAFF) {
        const { user } = must(
          await createUser(
            this.#connection,
            { name: staff.name, login: staff.login, role: staff.role, whatsapp: staff.whatsapp },
            { actor: SEEDER, at: opened },
          ),
          `user ${staff.login}`,
        );
        must(
          await setPassword(this.#connection, user._id, DEMO_PASSWORD, { actor: SEEDER, at: opened }),
          `password of ${staff.login}`,
        );
        this.#staff.set(staff.role, user);
      }
      const { settings } = must(
        await updateSettings(
          this.#connection,
          { ...DEMO_SETTINGS, ...(this.#publicBaseUrl && { publicBaseUrl: this.#publicBaseUrl }) },
          { actor: this.#actor('owner'), at: new Date(opened.getTime() + 10 * MINUTE) },
        ),
        'settings',
      );
      this.#settings = settings;
    });
    const stocked = new Date(opened.getTime() + HOUR);
    this.#at(stocked, async () => {
      const context = { actor: this.#actor('owner'), at: stocked };
      for (const material of DEMO_MATERIALS)
        must(await createMaterial(this.#connection, material, context), `material ${material.code}`);
      for (const { materials, ...product } of DEMO_PRODUCTS) {
        must(await createProduct(this.#connection, product, context), `product ${product.sku}`);
        if (materials)
          must(
            await setBillOfMaterials(this.#connection, { sku: product.sku, materials }, context),
            `bill of materials of ${product.sku}`,
          );
      }
    });
  }

  // ── Contacts and messages ─────────────────────────────────────────────────────────────────────────

  /** Each contact appears just before their first chat or order; staff confirm real names soon after. */
  #planContacts(): void {
    for (const data of DEMO_CONTACTS) {
      const firsts = [
        ...DEMO_LEADS.filter((lead) => lead.contact === data.key).map((lead) => this.#moment(lead.when)),
        ...DEMO_ORDERS.filter((order) => order.contact === data.key).map(
          (order) => new Date(this.#moment(order.when).getTime() - this.#threadSpan(order)),
        ),
      ];
      if (firsts.length === 0) throw new Error(`seed-demo: contact ${data.key} never appears`);
      const first = new Date(Math.min(...firsts.map((at) => at.getTime())) - MINUTE);
      this.#at(first, () => this.#meet(data, first));
      if (data.name) {
        const name = data.name;
        const confirmed = new Date(Math.min(first.getTime() + 3 * HOUR, this.#now.getTime()));
        this.#at(confirmed, async () => {
          const contact = must(
            await confirmContactName(
              this.#connection,
              { id: String(this.#contact(data.key)._id), name },
              { actor: this.#actor('admin'), at: confirmed },
            ),
            `name of ${data.key}`,
          ).contact;
          this.#contacts.set(data.key, contact);
        });
      }
    }
  }

  #phone(data: DemoContact): PhoneNumber {
    const parsed = parsePhone(data.phone);
    if (!parsed.ok) throw new Error(`seed-demo: ${parsed.details}`);
    return parsed.phone;
  }

  async #meet(data: DemoContact, at: Date): Promise<void> {
    const phone = this.#phone(data);
    const { contact } =
      data.via === 'phone'
        ? await contactForPhone(this.#connection, {
            phone,
            name: data.pushName,
            at,
            actor: this.#actor('admin'),
          })
        : await contactForChat(this.#connection, {
            chatId: chatIdOfPhone(phone),
            pushName: data.pushName,
            channel: data.channel,
            at,
          });
    this.#contacts.set(data.key, contact);
  }

  /** The customer writes: stored as the inbox stores it (already processed), the contact and lead kept current. */
  async #customerSays(key: string, text: string, at: Date): Promise<string> {
    const data = DEMO_CONTACTS.find((contact) => contact.key === key);
    if (!data) throw new Error(`seed-demo: no contact ${key}`);
    const { contact } = await contactForChat(this.#connection, {
      chatId: this.#contact(key).chatId,
      pushName: data.pushName,
      at,
    });
    this.#contacts.set(key, contact);
    const waId = `demo-in-${++this.#messageSeq}`;
    await recordMessage(this.#connection, {
      waId,
      chatId: contact.chatId,
      direction: 'in',
      author: 'customer',
      type: 'text',
      body: text,
      pushName: data.pushName,
      sentAt: at,
      receivedAt: at,
      processing: { state: 'done', attempts: 1, finishedAt: at },
    });
    await noteLeadMessage(this.#connection, contact._id, at);
    // Only the last two days' messages are still unread by staff.
    if (this.#now.getTime() - at.getTime() < 48 * HOUR)
      await noteUnread(this.#connection, contact.chatId, at);
    return waId;
  }

  /** The bot answers in the chat (through the outbox, as every send). */
  async #botSays(key: string, text: string, at: Date): Promise<void> {
    await enqueueMessage(
      this.#connection,
      { key: `demo-bot-${++this.#messageSeq}`, chatId: this.#contact(key).chatId, text, origin: 'bot' },
      at,
    );
  }

  async #staffSays(key: string, text: string, at: Date): Promise<void> {
    await sendStaffReply(
      this.#connection,
      { chatId: this.#contact(key).chatId, text, key: `demo-staff-${++this.#messageSeq}` },
      { at, pauseMinutes: this.#settingsNow().handoverTimeoutMinutes },
    );
  }

  #planChat(key: string, lines: readonly ChatLine[], start: Date): void {
    for (const line of lines) {
      const at = new Date(start.getTime() + line.afterMinutes * MINUTE);
      this.#at(at, async () => {
        if (line.from === 'customer') await this.#customerSays(key, line.text, at);
        else if (line.from === 'bot') await this.#botSays(key, line.text, at);
        else await this.#staffSays(key, line.text, at);
      });
    }
  }

  // ── Leads ─────────────────────────────────────────────────────────────────────────────────────────

  #planLead(data: DemoLead): void {
    const opened = this.#moment(data.when);
    const after = (hours: number) => new Date(opened.getTime() + hours * HOUR);
    const leadId = () => {
      const id = this.#leads.get(data.contact);
      if (!id) throw new Error(`seed-demo: the lead of ${data.contact} is not there yet`);
      return id;
    };
    const channel = DEMO_CONTACTS.find((contact) => contact.key === data.contact)?.channel ?? 'organic';
    this.#planChat(data.contact, data.chat, opened);
    // The bot opens the lead on the first message (after storing it) and alerts staff, as it does live.
    const openedAt = new Date(opened.getTime() + 1000);
    this.#at(openedAt, async () => {
      const contact = this.#contact(data.contact);
      const { lead } = await openLeadForContact(
        this.#connection,
        { contactId: contact._id, channel, interest: data.interest, at: openedAt, actor: { kind: 'bot' } },
        this.#settingsNow(),
      );
      this.#leads.set(data.contact, lead._id);
      await notifyStaff(
        this.#connection,
        {
          key: `lead:${String(contact._id)}:${opened.getTime()}`,
          text: 'alert.new_lead',
          params: {
            customer: `${contact.name ?? contact.pushName ?? ''} (${contact.phone ?? contact.chatId})`,
            channel,
            text: data.chat[0]?.text ?? data.interest,
            phone: contact.phone ?? contact.chatId,
          },
          relayTo: contact.chatId,
        },
        openedAt,
      );
    });
    const sorted = new Date(opened.getTime() + 50_000);
    this.#at(sorted, async () => {
      must(
        await updateLead(
          this.#connection,
          leadId(),
          {
            estimatedValue: data.estimatedValue,
            assignee: String(this.#user(data.assignee)._id),
            customFields: { acara: data.acara },
          },
          { actor: this.#actor('owner'), at: sorted },
          this.#settingsNow(),
        ),
        `lead of ${data.contact}`,
      );
    });
    for (const move of data.moves) {
      const at = after(move.afterHours);
      this.#at(at, async () => {
        must(
          await changeLeadStage(this.#connection, {
            leadId: leadId(),
            to: move.to,
            ...(move.lostReason && { lostReason: move.lostReason }),
            actor: this.#actor(data.assignee),
            at,
          }),
          `lead of ${data.contact} to ${move.to}`,
        );
      });
    }
    for (const activity of data.activities) {
      const at = after(activity.afterHours);
      this.#at(at, async () => {
        must(
          await addActivity(this.#connection, {
            leadId: leadId(),
            kind: activity.kind,
            text: activity.text,
            by: this.#user(activity.by)._id,
            actor: this.#actor(activity.by),
            at,
          }),
          `activity on the lead of ${data.contact}`,
        );
      });
    }
  }

  // ── Orders ────────────────────────────────────────────────────────────────────────────────────────

  /** The statuses an order goes through to reach its demo status. */
  #path(data: DemoOrder): OrderStatus[] {
    const full: OrderStatus[] = [
      'confirmed',
      'in_progress',
      ...(data.custom ? (['review'] as const) : []),
      'ready',
      ...(data.fulfilment.method === 'delivery' ? (['out_for_delivery'] as const) : []),
      'completed',
    ];
    if (data.status === 'cancelled')
      return [...(data.cancelFrom === 'confirmed' ? (['confirmed'] as const) : []), 'cancelled'];
    if (data.status === 'pending') return [];
    const index = full.indexOf(data.status);
    if (index < 0) throw new Error(`seed-demo: order ${data.id} cannot reach ${data.status}`);
    return full.slice(0, index + 1);
  }

  /**
   * When the order entered each status of its path: production 40 minutes apart after the order, the
   * hand-over (out for delivery an hour before, completed at the fulfilment time) when that time has
   * passed; evenly spaced up to half an hour ago when that does not fit.
   */
  #stepTimes(data: DemoOrder, created: Date, path: readonly OrderStatus[], fulfilAt: Date): Date[] {
    const limit = this.#now.getTime() - 30 * MINUTE;
    const start = created.getTime();
    const handedOver = fulfilAt.getTime() <= limit;
    const wanted = path.map((to, index) => {
      if (handedOver && to === 'completed') return fulfilAt.getTime();
      if (handedOver && to === 'out_for_delivery') return fulfilAt.getTime() - HOUR;
      return start + (index + 1) * 40 * MINUTE;
    });
    const fits = wanted.every((at, index) => at > (wanted[index - 1] ?? start) && at <= limit);
    if (fits) return wanted.map((at) => new Date(at));
    const end = Math.min(wanted.at(-1) ?? start, limit);
    if (path.length > 0 && end <= start + path.length * 2 * MINUTE)
      throw new Error(`seed-demo: order ${data.id} has no time for its ${path.length} steps`);
    return path.map((_, index) => new Date(start + ((end - start) * (index + 1)) / path.length));
  }

  /** How long before the order the customer's WhatsApp conversation starts. */
  #threadSpan(data: DemoOrder): number {
    if (data.source !== 'whatsapp') return 0;
    return this.#thread(data, '').length * MINUTE;
  }

  /** The conversation the bot had before creating a WhatsApp order (without the confirmation). */
  #thread(data: DemoOrder, day: string): { from: 'customer' | 'bot'; text: string }[] {
    const lines: { from: 'customer' | 'bot'; text: string }[] = [
      { from: 'customer', text: data.say ?? 'Halo kak, mau pesan' },
    ];
    if (data.custom) return lines;
    const text = (key: Parameters<typeof botText>[1], params?: TextParams) => botText('id', key, params);
    const { fulfilment } = data;
    const [year, month, date] = day.split('-');
    lines.push(
      { from: 'bot', text: text('order.ask.fulfilment') },
      { from: 'customer', text: fulfilment.method === 'delivery' ? 'dikirim kak' : 'ambil sendiri aja kak' },
      { from: 'bot', text: text('order.ask.date_time') },
      { from: 'customer', text: `tgl ${date}/${month}/${year} jam ${fulfilment.time.replace(':', '.')}` },
    );
    if (fulfilment.method === 'delivery')
      lines.push(
        { from: 'bot', text: text('order.ask.address') },
        {
          from: 'customer',
          text: `${fulfilment.address ?? ''}${fulfilment.recipientName ? `, penerimanya ${fulfilment.recipientName}` : ''}`,
        },
      );
    const answers = {
      transfer: 'transfer aja',
      qris: 'qris ya',
      cod: 'cod aja kak',
      cash: 'tunai pas ambil',
    };
    lines.push(
      { from: 'bot', text: text('order.ask.payment') },
      { from: 'customer', text: answers[data.paymentMethod] },
      {
        from: 'bot',
        text: text('order.summary', {
          items: this.#itemLines(data),
          total: formatRupiah(this.#catalogTotal(data)),
          details: this.#detailLines(data, day),
        }),
      },
      { from: 'customer', text: 'ya kak' },
    );
    return lines;
  }

  #product(sku: string) {
    const product = DEMO_PRODUCTS.find((candidate) => candidate.sku === sku);
    if (!product) throw new Error(`seed-demo: no product ${sku}`);
    return product;
  }

  #itemLines(data: DemoOrder): string {
    return (data.items ?? [])
      .map(({ sku, qty }) => {
        const product = this.#product(sku);
        return botText('id', 'order.item_line', {
          qty,
          name: product.name,
          price: formatRupiah(product.price),
          subtotal: formatRupiah(qty * product.price),
        });
      })
      .join('\n');
  }

  #catalogTotal(data: DemoOrder): number {
    const subtotal = (data.items ?? []).reduce(
      (sum, { sku, qty }) => sum + qty * this.#product(sku).price,
      0,
    );
    return Math.max(0, subtotal - (data.discount ?? 0) + (data.shippingFee ?? 0));
  }

  #detailLines(data: DemoOrder, day: string): string {
    const { fulfilment } = data;
    return [
      botText('id', 'detail.fulfilment', { value: botText('id', `fulfilment.${fulfilment.method}`) }),
      botText('id', 'detail.date_time', { value: `${day} ${fulfilment.time}` }),
      ...(fulfilment.address ? [botText('id', 'detail.address', { value: fulfilment.address })] : []),
      botText('id', 'detail.payment', { value: botText('id', `payment.${data.paymentMethod}`) }),
    ].join('');
  }

  #planOrder(data: DemoOrder): void {
    const created = this.#moment(data.when);
    const createdDay = this.#day(created);
    const fulfilmentDay = addDaysToDay(createdDay, data.fulfilment.inDays);
    const path = this.#path(data);
    const n = path.length;
    const times = this.#stepTimes(data, created, path, this.#wallClock(fulfilmentDay, data.fulfilment.time));
    const gap = n > 0 ? (times[1] ?? this.#now).getTime() - (times[0] as Date).getTime() : 0;
    const delta = Math.min(5 * MINUTE, gap / 6);
    const state: OrderState = { number: '', messageIds: [] };
    this.#orders.set(data.id, state);

    // The WhatsApp conversation that led to it.
    if (data.source === 'whatsapp') {
      const thread = this.#thread(data, fulfilmentDay);
      thread.forEach((line, index) => {
        const at = new Date(created.getTime() - (thread.length - index) * MINUTE);
        this.#at(at, async () => {
          if (line.from === 'customer')
            state.messageIds.push(await this.#customerSays(data.contact, line.text, at));
          else await this.#botSays(data.contact, line.text, at);
        });
      });
    }

    this.#at(created, async () => {
      const contact = this.#contact(data.contact);
      const input = {
        contactId: contact._id,
        chatId: contact.chatId,
        ...((contact.name ?? contact.pushName) && { customerName: contact.name ?? contact.pushName }),
        fulfilment: {
          method: data.fulfilment.method,
          date: fulfilmentDay,
          time: data.fulfilment.time,
          ...(data.fulfilment.address && { address: data.fulfilment.address }),
          ...(data.fulfilment.recipientName && { recipientName: data.fulfilment.recipientName }),
          ...(data.fulfilment.recipientPhone && { recipientPhone: data.fulfilment.recipientPhone }),
          ...(data.fulfilment.courier && { courier: data.fulfilment.courier }),
        },
        paymentMethod: data.paymentMethod,
        ...(data.cardText && { cardText: data.cardText }),
        ...(data.customerNotes && { customerNotes: data.customerNotes }),
        discount: data.discount ?? 0,
        shippingFee: data.shippingFee ?? 0,
        source: data.source,
        ...(data.source === 'whatsapp' && {
          requestKey: `wa:${state.messageIds.at(-1)}`,
          messageIds: state.messageIds,
        }),
      };
      const actor: Actor =
        data.source === 'whatsapp' ? { kind: 'customer', id: String(contact._id) } : this.#actor('admin');
      const context = { actor, at: created, timeZone: this.#timeZone };
      const { order } = must(
        await createOrder(
          this.#connection,
          data.custom
            ? {
                kind: 'custom',
                custom: {
                  category: data.custom.category,
                  description: data.custom.description,
                  ...(data.custom.requirements && { requirements: data.custom.requirements }),
                  ...(data.custom.deadlineInDays !== undefined && {
                    deadline: addDaysToDay(createdDay, data.custom.deadlineInDays),
                  }),
                  ...(data.custom.budget !== undefined && { budget: data.custom.budget }),
                },
                ...input,
              }
            : { kind: 'catalog', items: data.items ?? [], ...input },
          context,
        ),
        `order ${data.id}`,
      );
      state.number = order.number;
      state.id = order._id;
      if (data.source === 'whatsapp') await this.#confirmInChat(data, order, createdDay);
    });

    if (data.internalNote) {
      const at = new Date(created.getTime() + Math.min(2 * MINUTE, this.#now.getTime() - created.getTime()));
      const note = data.internalNote;
      this.#at(at, async () => {
        must(
          await addInternalNote(
            this.#connection,
            { number: state.number, text: note },
            { actor: this.#actor('admin'), at },
          ),
          `note on ${data.id}`,
        );
      });
    }

    const confirmedAt = path[0] === 'confirmed' ? times[0] : undefined;
    const price = data.custom?.price;
    if (price !== undefined && confirmedAt) {
      // Staff quote the custom order before confirming it.
      const at = new Date(confirmedAt.getTime() - delta);
      this.#at(at, async () => {
        must(
          await updateOrderDetails(
            this.#connection,
            { number: state.number, patch: { agreedPrice: price } },
            { actor: this.#actor('manager'), at },
          ),
          `price of ${data.id}`,
        );
      });
    }

    path.forEach((to, index) => {
      const at = times[index] as Date;
      if (to === 'cancelled' && data.source === 'whatsapp') {
        const before = (index > 0 ? (times[index - 1] as Date) : created).getTime();
        const asked = new Date(at.getTime() - Math.min(10 * MINUTE, (at.getTime() - before) / 2));
        this.#at(asked, async () => {
          await this.#customerSays(data.contact, 'Kak maaf, pesanannya batal dulu ya 🙏', asked);
        });
      }
      this.#at(at, async () => {
        must(
          await changeOrderStatus(
            this.#connection,
            {
              number: state.number,
              to,
              ...(to === data.status && data.statusNote && { note: data.statusNote }),
            },
            { actor: this.#actor('admin'), at },
          ),
          `order ${data.id} to ${to}`,
        );
      });
    });

    if (!confirmedAt) {
      if (data.invoice || data.payment !== 'none')
        throw new Error(`seed-demo: order ${data.id} is never confirmed, so it is neither billed nor paid`);
      return;
    }
    if (data.invoice) {
      const at = new Date(confirmedAt.getTime() + delta);
      this.#at(at, async () => {
        must(
          await issueInvoice(
            this.#connection,
            { orderNumber: state.number },
            { actor: this.#actor('admin'), at, timeZone: this.#timeZone },
          ),
          `invoice of ${data.id}`,
        );
      });
    }
    const last = times[n - 1] as Date;
    const completedAt = data.status === 'completed' ? last : undefined;
    this.#planPayment(data, state, { confirmedAt, delta, last, completedAt });
    if (completedAt && data.thanks && data.source === 'whatsapp') {
      const at = new Date(completedAt.getTime() + 20 * MINUTE);
      const thanks = data.thanks;
      this.#at(at, async () => void (await this.#customerSays(data.contact, thanks, at)));
    }
  }

  /** The bot's confirmation of a WhatsApp order, as the conversation sends it. */
  async #confirmInChat(data: DemoOrder, order: Order, createdDay: string): Promise<void> {
    const settings = this.#settingsNow();
    const link = trackingUrl(settings, order);
    const text = data.custom
      ? botText('id', 'custom.received', {
          number: order.number,
          brief: data.custom.description,
          budget:
            data.custom.budget !== undefined
              ? botText('id', 'custom.budget', { value: formatRupiah(data.custom.budget) })
              : '',
          deadline:
            data.custom.deadlineInDays !== undefined
              ? botText('id', 'custom.deadline', {
                  value: addDaysToDay(createdDay, data.custom.deadlineInDays),
                })
              : '',
          link,
        })
      : botText('id', 'order.confirmed', {
          number: order.number,
          items: this.#itemLines(data),
          total: formatRupiah(order.total),
          details: this.#detailLines(data, order.fulfilment.date ?? createdDay),
          payment:
            data.paymentMethod === 'transfer' || data.paymentMethod === 'qris'
              ? botText('id', 'payment.how', { instructions: settings.paymentInstructions })
              : '',
          link,
        });
    await this.#botSays(data.contact, text, new Date(order.createdAt.getTime() + 20_000));
  }

  #planPayment(
    data: DemoOrder,
    state: OrderState,
    times: { confirmedAt: Date; delta: number; last: Date; completedAt: Date | undefined },
  ): void {
    const { confirmedAt, delta, last, completedAt } = times;
    const step = (k: number) => new Date(confirmedAt.getTime() + k * delta);
    const outstanding = async () => {
      const order = await findOrderByNumber(this.#connection, state.number);
      if (!order) throw new Error(`seed-demo: order ${data.id} vanished`);
      return outstandingOf(order);
    };
    const record = (at: Date, amount: (left: number) => number) =>
      this.#at(at, async () => {
        must(
          await recordPayment(
            this.#connection,
            { orderNumber: state.number, amount: amount(await outstanding()), method: data.paymentMethod },
            { actor: this.#actor('admin'), at, timeZone: this.#timeZone },
          ),
          `payment of ${data.id}`,
        );
      });
    /** The customer says they paid; the proof waits for an admin. Returns the payment number. */
    const proof = (at: Date, amount: (left: number) => number, text: string, ref: { number: string }) =>
      this.#at(at, async () => {
        const messageId = await this.#customerSays(data.contact, text, at);
        const contact = this.#contact(data.contact);
        const { payment } = await recordPaymentProof(
          this.#connection,
          {
            contactId: contact._id,
            orderNumber: state.number,
            amount: amount(await outstanding()),
            messageId,
          },
          { actor: { kind: 'customer', id: String(contact._id) }, at, timeZone: this.#timeZone },
        );
        ref.number = payment.number;
        await this.#botSays(
          data.contact,
          botText('id', 'paymentProof.received', { number: state.number }),
          new Date(at.getTime() + 20_000),
        );
        await notifyStaff(
          this.#connection,
          {
            key: `proof:${payment.number}`,
            text: 'alert.payment_proof',
            params: {
              payment: payment.number,
              customer: `${contact.name ?? contact.pushName ?? ''} (${contact.phone ?? contact.chatId})`,
              order: state.number,
              amount: formatRupiah(payment.amount ?? 0),
            },
            relayTo: contact.chatId,
          },
          at,
        );
      });
    const verify = (at: Date, ref: { number: string }) =>
      this.#at(at, async () => {
        must(
          await verifyPayment(this.#connection, { number: ref.number }, { actor: this.#actor('admin'), at }),
          `verifying the payment of ${data.id}`,
        );
      });
    const half = (left: number) => Math.round(left / 2 / 1000) * 1000;
    const all = (left: number) => left;

    switch (data.payment) {
      case 'none':
        break;
      case 'full':
        record(step(2), all);
        break;
      case 'dp':
        record(step(2), half);
        break;
      case 'dp-full':
        record(step(2), half);
        if (completedAt) record(new Date(completedAt.getTime() + MINUTE), all);
        break;
      case 'on-completion':
        if (completedAt) record(new Date(completedAt.getTime() + MINUTE), all);
        break;
      case 'proof': {
        const ref = { number: '' };
        proof(step(2), all, 'Sudah transfer ya kak 🙏', ref);
        verify(step(3), ref);
        break;
      }
      case 'proof-pending':
        proof(new Date(last.getTime() + delta), all, 'Kak, sudah saya transfer barusan ya', { number: '' });
        break;
      case 'rejected-proof': {
        const wrong = { number: '' };
        proof(step(2), (left) => left - 10_000, 'Sudah transfer kak', wrong);
        this.#at(step(3), async () => {
          must(
            await rejectPayment(
              this.#connection,
              { number: wrong.number, reason: 'Nominal transfer kurang Rp10.000 dari total tagihan' },
              { actor: this.#actor('admin'), at: step(3) },
            ),
            `rejecting the payment of ${data.id}`,
          );
        });
        const right = { number: '' };
        proof(step(4), all, 'Maaf kak, salah nominal. Ini sudah saya transfer sesuai total ya', right);
        verify(step(5), right);
        break;
      }
    }
  }

  // ── Tasks, stock and the daily jobs ───────────────────────────────────────────────────────────────

  #planTask(data: DemoTask): void {
    const created = this.#moment(data.created);
    const due = this.#moment(data.due);
    const number = { value: 0 };
    this.#at(created, async () => {
      const link =
        data.link?.kind === 'lead'
          ? { kind: 'lead' as const, id: this.#leads.get(data.link.contact) }
          : data.link?.kind === 'order'
            ? { kind: 'order' as const, id: this.#orders.get(data.link.order)?.id }
            : undefined;
      if (link && !link.id) throw new Error(`seed-demo: task "${data.text}" links to nothing yet`);
      const { task } = must(
        await createTask(
          this.#connection,
          {
            text: data.text,
            dueAt: due,
            assigneeId: this.#user(data.assignee)._id,
            ...(link?.id && { link: { kind: link.kind, id: link.id } }),
          },
          { actor: this.#actor(data.assignee), at: created, timeZone: this.#timeZone },
        ),
        `task "${data.text}"`,
      );
      number.value = task.number;
    });
    // The reminder job ran at the due time, as it does every minute live.
    if (due <= this.#now)
      this.#at(due, () => taskRemindersJob.run({ connection: this.#connection, log: this.#log, now: due }));
    if (data.close) {
      const at = this.#moment(data.close.when);
      const close = data.close.to === 'done' ? completeTask : cancelTask;
      this.#at(at, async () => {
        must(
          await close(
            this.#connection,
            { number: number.value },
            { actor: this.#actor(data.assignee), at, timeZone: this.#timeZone },
          ),
          `closing task "${data.text}"`,
        );
      });
    }
  }

  #planRestocks(): void {
    DEMO_RESTOCKS.forEach((restock, index) => {
      const at = this.#moment(restock.when);
      this.#at(at, async () => {
        must(
          await adjustStock(
            this.#connection,
            {
              item: restock.item,
              delta: restock.delta,
              reason: restock.reason,
              requestKey: `demo-restock-${index + 1}`,
            },
            { actor: this.#actor('owner'), at },
          ),
          `restocking ${restock.item}`,
        );
      });
    });
  }

  /** The daily overdue check on every past day at its time, as agenda ran it (once per day, then caught up). */
  #planDailyChecks(): void {
    for (let daysAgo = HISTORY_DAYS - 1; daysAgo >= 0; daysAgo--) {
      const at = this.#moment({ daysAgo, time: '09:00' });
      if (at > this.#now) continue;
      this.#at(at, () => invoiceOverdueJob.run({ connection: this.#connection, log: this.#log, now: at }));
    }
  }

  /**
   * What the shop queued was delivered when it was queued: mark each outbox item sent and keep it in its
   * chat thread, as the bot's sender does (claim, mark sent, record), with the time it went out.
   */
  async #deliverOutbox(): Promise<void> {
    const author: Record<OutboxOrigin, 'bot' | 'staff'> = { bot: 'bot', job: 'bot', staff: 'staff' };
    for (;;) {
      const item = await claimNext(this.#connection, { now: this.#now, blockedChats: [] });
      if (!item) return;
      const sentAt = new Date(Math.min(item.notBefore.getTime() + 2000, this.#now.getTime()));
      const waId = `demo-out-${++this.#messageSeq}`;
      await markSent(this.#connection, item._id, waId, sentAt);
      await recordMessage(this.#connection, {
        waId,
        chatId: item.chatId,
        direction: 'out',
        author: author[item.origin],
        type: 'text',
        body: item.text,
        sentAt,
        receivedAt: sentAt,
        delivery: this.#now.getTime() - sentAt.getTime() > HOUR ? 'read' : 'delivered',
        outboxKey: item.key,
      });
    }
  }
}

// ── Command line ────────────────────────────────────────────────────────────────────────────────────

const USAGE = 'usage: npx tsx scripts/seed-demo.ts   (seeds MONGODB_URI, else the embedded database)';

/** The seed's report: what the database holds, in a few lines. */
export function describeCounts(counts: DemoCounts): string {
  const list = (record: Record<string, number>) =>
    Object.entries(record)
      .filter(([, count]) => count > 0)
      .map(([key, count]) => `${key} ${count}`)
      .join(', ');
  const total = (record: Record<string, number>) =>
    Object.values(record).reduce((sum, count) => sum + count, 0);
  return [
    `staff ${counts.users}, products ${counts.products}, materials ${counts.materials}, contacts ${counts.contacts} (${counts.confirmedContacts} names confirmed), messages ${counts.messages}`,
    `orders ${total(counts.orders)} (${counts.ordersByKind.catalog} catalog, ${counts.ordersByKind.custom} custom): ${list(counts.orders)}`,
    `leads ${total(counts.leads)}: ${list(counts.leads)}`,
    `invoices ${total(counts.invoices)}: ${list(counts.invoices)}`,
    `payments ${total(counts.payments)}: ${list(counts.payments)}`,
    `tasks ${total(counts.tasks)}: ${list(counts.tasks)}`,
  ].join('\n');
}

/** The staff logins, one line each. */
export function describeLogins(): string {
  return DEMO_STAFF.map(
    (staff) => `  ${staff.login.padEnd(8)} ${DEMO_PASSWORD}   (${staff.role}, ${staff.name})`,
  ).join('\n');
}

async function main(): Promise<void> {
  try {
    const { values } = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return;
    }
  } catch (error) {
    process.stderr.write(`seed-demo: ${describeError(error)}\n${USAGE}\n`);
    process.exit(2);
  }
  const config = loadConfig();
  loadDataKeys(config);
  const log = createLogger({ env: config.env, logLevel: 'error' }, 'seed-demo');
  let code = 1;
  try {
    const mongo = await provideMongo(config, log);
    try {
      if (mongo.source === 'emulator') {
        process.stderr.write(
          'seed-demo: MONGO=emulator keeps nothing once this script ends; run `npm run demo` (seeds and starts) or set MONGODB_URI\n',
        );
      } else {
        const connection = await openConnection(mongo.uri);
        try {
          await ensureIndexes(connection);
          const result = await seedDemo(connection, {
            now: new Date(),
            publicBaseUrl: config.publicBaseUrl,
          });
          if (result.ok) {
            process.stdout.write(
              `${result.seeded ? `seeded the demo shop "${DEMO_SHOP_NAME}"` : `the demo shop "${DEMO_SHOP_NAME}" was already seeded; nothing changed`}:\n${describeCounts(result.counts)}\nconsole logins:\n${describeLogins()}\n`,
            );
            code = 0;
          } else {
            process.stderr.write(`${result.code}: ${result.details}\n`);
          }
        } finally {
          await connection.close();
        }
      }
    } finally {
      await mongo.stop();
    }
  } catch (error) {
    process.stderr.write(`seed-demo failed: ${describeError(error)}\n`);
  }
  process.exit(code);
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(path.resolve(entry)).href) await main();
