import { Schema } from 'mongoose';
import { defineModel } from '../platform/model.js';

export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** 0 = Sunday … 6 = Saturday, as `Date#getDay()` counts. */
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * One day's opening hours in the shop's time zone, `HH:MM`. A `close` earlier than `open` runs past
 * midnight into the next day (a café open 18:00–02:00); `close: '24:00'` means until midnight.
 */
export interface DayHours {
  open: string;
  close: string;
}

/** Opening hours per weekday; `null` = closed that day. */
export type BusinessHours = Record<Weekday, DayHours | null>;

/** Mirrors the lead funnel (domain/leads) without importing it: settings sit below leads. */
export const PROBABILITY_STAGES = ['new', 'contacted', 'qualified', 'proposal', 'won', 'lost'] as const;
export type StageProbabilities = Record<(typeof PROBABILITY_STAGES)[number], number>;

export const ORDER_DETAIL_KEYS = [
  'fulfilment',
  'dateTime',
  'deliveryAddress',
  'recipient',
  'paymentMethod',
  'notes',
] as const;
export type OrderDetailKey = (typeof ORDER_DETAIL_KEYS)[number];
export const DETAIL_REQUIREMENTS = ['off', 'ask', 'required'] as const;
export type DetailRequirement = (typeof DETAIL_REQUIREMENTS)[number];
/** Which order details the bot collects before the summary (same shape as the bot's `OrderDetailsPolicy`). */
export type OrderDetailsPolicy = Record<OrderDetailKey, DetailRequirement>;

export const LEAD_ASSIGNMENT_RULES = ['owner', 'round_robin', 'unassigned'] as const;
export type LeadAssignmentRule = (typeof LEAD_ASSIGNMENT_RULES)[number];

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'select'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** A shop-defined field on every lead, e.g. a tutoring centre's "asal sekolah". */
export interface LeadCustomField {
  /** Stable key the value is stored under: `^[a-z][a-z0-9_]{0,29}$`. */
  key: string;
  label: string;
  type: CustomFieldType;
  /** The choices of a `select` field (required for it, refused for the others). */
  options?: string[];
}

/** A canned reply: `/rek` expands to its text; placeholders such as {nama}, {total}, {rekening} are filled by the sender. */
export interface QuickReply {
  shortcut: string;
  text: string;
}

/** When invoices fall due and how the daily overdue check reminds customers. */
export interface InvoicePolicy {
  /** An invoice without a due date falls due this many days after it is sent. */
  dueDays: number;
  /** Local time (HH:MM) of the daily overdue check. */
  checkAt: string;
  /** At most this many polite reminders per invoice… */
  maxReminders: number;
  /** …at least this many days apart. */
  reminderEveryDays: number;
}

/** The owner's daily digest. */
export interface DigestPolicy {
  enabled: boolean;
  /** Local time (HH:MM) it is sent. */
  at: string;
}

/** The nightly backup (domain/backups): when it runs and how long backups are kept. */
export interface BackupPolicy {
  /** Local time (HH:MM) of the nightly backup. */
  at: string;
  /** Backups of the last this many shop days are kept (the newest always). */
  keepDays: number;
}

export interface MonthlyTargets {
  /** Integer rupiah. */
  revenue: number;
  newLeads: number;
  orders: number;
}

/** The shop's settings, always complete: whatever was never set reads as its default. */
export interface Settings {
  shopName: string;
  locale: Locale;
  /** IANA zone the shop lives in; hours, buckets and schedules use it. */
  timeZone: string;
  businessHours: BusinessHours;
  /** Sent once outside business hours; `null` = the message catalog's text. */
  awayMessage: string | null;
  /** How to pay by transfer or QRIS (bank account text), shown on confirmations and as {rekening}. */
  paymentInstructions: string;
  stageProbabilities: StageProbabilities;
  monthlyTargets: MonthlyTargets;
  orderDetails: OrderDetailsPolicy;
  leadAssignment: LeadAssignmentRule;
  leadCustomFields: LeadCustomField[];
  quickReplies: QuickReply[];
  /** After a handover, the bot stays quiet in the chat this long unless an admin hands it back sooner. */
  handoverTimeoutMinutes: number;
  /** Origin of tracking links, without a trailing slash. */
  publicBaseUrl: string;
  /** The shop's WhatsApp number (E.164), for the tracking page's "chat with us" link; null = no link. */
  shopWhatsApp: string | null;
  media: { maxBytes: number };
  invoices: InvoicePolicy;
  digest: DigestPolicy;
  backups: BackupPolicy;
}

const weekdayHours: DayHours = { open: '08:00', close: '20:00' };

export const DEFAULT_SETTINGS: Settings = {
  shopName: 'Toko Kami',
  locale: 'id',
  timeZone: 'Asia/Jakarta',
  businessHours: {
    0: null,
    1: weekdayHours,
    2: weekdayHours,
    3: weekdayHours,
    4: weekdayHours,
    5: weekdayHours,
    6: weekdayHours,
  },
  awayMessage: null,
  paymentInstructions: '',
  stageProbabilities: { new: 0.1, contacted: 0.2, qualified: 0.4, proposal: 0.6, won: 1, lost: 0 },
  monthlyTargets: { revenue: 0, newLeads: 0, orders: 0 },
  orderDetails: {
    fulfilment: 'off',
    dateTime: 'off',
    deliveryAddress: 'off',
    recipient: 'off',
    paymentMethod: 'off',
    notes: 'off',
  },
  leadAssignment: 'unassigned',
  leadCustomFields: [],
  quickReplies: [],
  handoverTimeoutMinutes: 120,
  publicBaseUrl: 'http://localhost:3000',
  shopWhatsApp: null,
  media: { maxBytes: 10 * 1024 * 1024 },
  invoices: { dueDays: 3, checkAt: '09:00', maxReminders: 3, reminderEveryDays: 2 },
  digest: { enabled: true, at: '07:00' },
  backups: { at: '03:00', keepDays: 14 },
};

/** The one stored settings document. It holds only what was ever set; reads fill in the defaults. */
export type StoredSettings = Partial<Settings> & { _id: 'shop'; updatedAt?: Date };

export const SETTINGS_ID = 'shop';

/**
 * Stored loosely on purpose: zod (settings.schema.ts) validates every write and fills defaults on every
 * read, so the database shape never has to repeat the rules.
 */
export const settingsSchema = new Schema<StoredSettings>(
  {
    _id: { type: String, required: true },
    shopName: String,
    locale: String,
    timeZone: String,
    businessHours: Schema.Types.Mixed,
    awayMessage: Schema.Types.Mixed,
    paymentInstructions: String,
    stageProbabilities: Schema.Types.Mixed,
    monthlyTargets: Schema.Types.Mixed,
    orderDetails: Schema.Types.Mixed,
    leadAssignment: String,
    leadCustomFields: Schema.Types.Mixed,
    quickReplies: Schema.Types.Mixed,
    handoverTimeoutMinutes: Number,
    publicBaseUrl: String,
    shopWhatsApp: Schema.Types.Mixed,
    media: Schema.Types.Mixed,
    invoices: Schema.Types.Mixed,
    digest: Schema.Types.Mixed,
    backups: Schema.Types.Mixed,
    updatedAt: Date,
  },
  { versionKey: false, minimize: false },
);

export const settingsModel = defineModel('Settings', settingsSchema);
