import { z } from 'zod';
import { parsePhone } from '../contacts/phone.js';
import { isTimeZone } from '../platform/time-zone.js';
import {
  CUSTOM_FIELD_TYPES,
  DEFAULT_SETTINGS,
  DETAIL_REQUIREMENTS,
  LEAD_ASSIGNMENT_RULES,
  LOCALES,
  type Settings,
} from './settings.model.js';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const opening = z
  .string({ error: 'must be a time as HH:MM, e.g. 08:00' })
  .regex(TIME, { error: 'must be a time as HH:MM (00:00–23:59), e.g. 08:00' });
const closing = z
  .string({ error: 'must be a time as HH:MM, e.g. 20:00' })
  .refine((value) => value === '24:00' || TIME.test(value), {
    error: 'must be a time as HH:MM (00:00–24:00), e.g. 20:00',
  });
const dayHours = z
  .strictObject(
    { open: opening, close: closing },
    {
      error: (issue) =>
        issue.code === 'invalid_type' ? 'must be {open, close} or null (closed)' : undefined,
    },
  )
  .refine((day) => day.open !== day.close, { error: 'must differ from open', path: ['close'] })
  .nullable();

const probability = z
  .number({ error: 'must be a number from 0 to 1' })
  .min(0, { error: 'must be a number from 0 to 1' })
  .max(1, { error: 'must be a number from 0 to 1' });
const count = (what: string) =>
  z
    .number({ error: `must be a whole number of ${what}` })
    .int({ error: `must be a whole number of ${what}` })
    .min(0, { error: 'must not be negative' });
const requirement = z.enum(DETAIL_REQUIREMENTS, { error: 'must be off, ask or required' });
const object = (what: string) => ({
  error: (issue: { code: string }) => (issue.code === 'invalid_type' ? `must be ${what}` : undefined),
});

const customField = z
  .strictObject(
    {
      key: z.string({ error: 'must be text' }).regex(/^[a-z][a-z0-9_]{0,29}$/, {
        error: 'must be 1–30 lowercase letters, digits or _, starting with a letter (e.g. asal_sekolah)',
      }),
      label: z
        .string({ error: 'must be text' })
        .trim()
        .min(1, { error: 'must not be empty' })
        .max(60, { error: 'must be at most 60 characters' }),
      type: z.enum(CUSTOM_FIELD_TYPES, { error: 'must be text, number, date or select' }),
      options: z
        .array(
          z
            .string({ error: 'must be text' })
            .trim()
            .min(1, { error: 'must not be empty' })
            .max(60, { error: 'must be at most 60 characters' }),
          { error: 'must be a list of choices' },
        )
        .min(1, { error: 'must list at least one choice' })
        .max(50, { error: 'must list at most 50 choices' })
        .optional(),
    },
    object('a field {key, label, type, options?}'),
  )
  .superRefine((field, ctx) => {
    if (field.type === 'select' && !field.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'is required for a select field' });
    if (field.type !== 'select' && field.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'is only for a select field' });
    if (field.options && new Set(field.options).size !== field.options.length)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'must not repeat a choice' });
  });

const quickReply = z.strictObject(
  {
    // Kept as typed after the slash, lowercase: "/Rek" and "rek" are the same shortcut (and so repeat).
    shortcut: z
      .string({ error: 'must be text' })
      .trim()
      .toLowerCase()
      .overwrite((shortcut) => shortcut.replace(/^\//, ''))
      .regex(/^[a-z0-9_-]{1,20}$/, { error: 'must be 1–20 lowercase letters, digits, _ or - (e.g. rek)' }),
    text: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(2000, { error: 'must be at most 2000 characters' }),
  },
  object('a quick reply {shortcut, text}'),
);

/** Every key of a list must be unique, e.g. custom field keys or quick-reply shortcuts. */
const uniqueBy =
  <T>(key: (item: T) => string, what: string) =>
  (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value))
        ctx.addIssue({ code: 'custom', path: [index], message: `repeats the ${what} "${value}"` });
      seen.add(value);
    });
  };

/** One validator per setting; nested settings are objects of these so a patch can change one day or stage. */
const fields = {
  shopName: z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(100, { error: 'must be at most 100 characters' }),
  locale: z.enum(LOCALES, { error: 'must be id or en' }),
  timeZone: z
    .string({ error: 'must be text' })
    .refine(isTimeZone, { error: 'must be an IANA time zone such as Asia/Jakarta' }),
  businessHours: {
    0: dayHours,
    1: dayHours,
    2: dayHours,
    3: dayHours,
    4: dayHours,
    5: dayHours,
    6: dayHours,
  },
  awayMessage: z
    .string({ error: 'must be text, or null for the standard message' })
    .trim()
    .min(1, { error: 'must not be empty (null uses the standard message)' })
    .max(1000, { error: 'must be at most 1000 characters' })
    .nullable(),
  paymentInstructions: z
    .string({ error: 'must be text' })
    .trim()
    .max(2000, { error: 'must be at most 2000 characters' }),
  stageProbabilities: {
    new: probability,
    contacted: probability,
    qualified: probability,
    proposal: probability,
    won: probability,
    lost: probability,
  },
  monthlyTargets: { revenue: count('rupiah'), newLeads: count('leads'), orders: count('orders') },
  orderDetails: {
    fulfilment: requirement,
    dateTime: requirement,
    deliveryAddress: requirement,
    recipient: requirement,
    paymentMethod: requirement,
    notes: requirement,
  },
  leadAssignment: z.enum(LEAD_ASSIGNMENT_RULES, { error: 'must be owner, round_robin or unassigned' }),
  leadCustomFields: z
    .array(customField, { error: 'must be a list of fields' })
    .max(30, { error: 'must have at most 30 fields' })
    .superRefine(uniqueBy((field) => field.key, 'key')),
  quickReplies: z
    .array(quickReply, { error: 'must be a list of quick replies' })
    .max(200, { error: 'must have at most 200 quick replies' })
    .superRefine(uniqueBy((reply) => reply.shortcut, 'shortcut')),
  handoverTimeoutMinutes: z
    .number({ error: 'must be a whole number of minutes' })
    .int({ error: 'must be a whole number of minutes' })
    .min(1, { error: 'must be between 1 and 10080 minutes (a week)' })
    .max(7 * 24 * 60, { error: 'must be between 1 and 10080 minutes (a week)' }),
  publicBaseUrl: z
    .url({
      protocol: /^https?$/,
      error: 'must be an http:// or https:// address, e.g. https://toko.example.com',
    })
    .transform((url) => url.replace(/\/+$/, '')),
  shopWhatsApp: z
    .string({ error: 'must be a phone number, or null for none' })
    .transform((value, ctx) => {
      const parsed = parsePhone(value);
      if (parsed.ok) return parsed.phone as string;
      ctx.addIssue({ code: 'custom', message: `must be a valid phone number (got "${value}")` });
      return z.NEVER;
    })
    .nullable(),
  media: {
    maxBytes: z
      .number({ error: 'must be a whole number of bytes' })
      .int({ error: 'must be a whole number of bytes' })
      .min(1024, { error: 'must be between 1 KB and 100 MB' })
      .max(100 * 1024 * 1024, { error: 'must be between 1 KB and 100 MB' }),
  },
  invoices: {
    dueDays: z
      .number({ error: 'must be a whole number of days' })
      .int({ error: 'must be a whole number of days' })
      .min(0, { error: 'must be between 0 and 365 days' })
      .max(365, { error: 'must be between 0 and 365 days' }),
    checkAt: opening,
    maxReminders: z
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .min(0, { error: 'must be between 0 and 10' })
      .max(10, { error: 'must be between 0 and 10' }),
    reminderEveryDays: z
      .number({ error: 'must be a whole number of days' })
      .int({ error: 'must be a whole number of days' })
      .min(1, { error: 'must be between 1 and 30 days' })
      .max(30, { error: 'must be between 1 and 30 days' }),
  },
  digest: { enabled: z.boolean({ error: 'must be true or false' }), at: opening },
  backups: {
    at: opening,
    keepDays: z
      .number({ error: 'must be a whole number of days' })
      .int({ error: 'must be a whole number of days' })
      .min(1, { error: 'must be between 1 and 365 days' })
      .max(365, { error: 'must be between 1 and 365 days' }),
  },
};

/** Settings whose value is an object of sub-settings: a patch may change one of them alone. */
export const NESTED_SETTINGS = [
  'businessHours',
  'stageProbabilities',
  'monthlyTargets',
  'orderDetails',
  'media',
  'invoices',
  'digest',
  'backups',
] as const;

/** A complete settings object, as read back (defaults already merged in). */
export const SettingsSchema = z.object({
  ...fields,
  businessHours: z.object(fields.businessHours),
  stageProbabilities: z.object(fields.stageProbabilities),
  monthlyTargets: z.object(fields.monthlyTargets),
  orderDetails: z.object(fields.orderDetails),
  media: z.object(fields.media),
  invoices: z.object(fields.invoices),
  digest: z.object(fields.digest),
  backups: z.object(fields.backups),
}) satisfies z.ZodType<Settings, unknown>;

const partial = <Shape extends z.ZodRawShape>(shape: Shape, what: string) =>
  z.strictObject(shape, object(what)).partial().optional();

/**
 * A change to the settings: any subset of them, nested ones per key (`{orderDetails: {notes: 'ask'}}`,
 * `{businessHours: {0: {open: '10:00', close: '14:00'}}}`). Lists replace the whole list. Unknown keys
 * are refused, never ignored, so a typo cannot look like a saved change.
 */
export const SettingsPatchSchema = z
  .strictObject(
    {
      shopName: fields.shopName,
      locale: fields.locale,
      timeZone: fields.timeZone,
      businessHours: partial(fields.businessHours, 'an object of weekdays 0 (Sunday) to 6 (Saturday)'),
      awayMessage: fields.awayMessage,
      paymentInstructions: fields.paymentInstructions,
      stageProbabilities: partial(fields.stageProbabilities, 'an object of stage probabilities'),
      monthlyTargets: partial(fields.monthlyTargets, 'an object {revenue, newLeads, orders}'),
      orderDetails: partial(fields.orderDetails, 'an object of order details (off, ask or required)'),
      leadAssignment: fields.leadAssignment,
      leadCustomFields: fields.leadCustomFields,
      quickReplies: fields.quickReplies,
      handoverTimeoutMinutes: fields.handoverTimeoutMinutes,
      publicBaseUrl: fields.publicBaseUrl,
      shopWhatsApp: fields.shopWhatsApp,
      media: partial(fields.media, 'an object {maxBytes}'),
      invoices: partial(fields.invoices, 'an object {dueDays, checkAt, maxReminders, reminderEveryDays}'),
      digest: partial(fields.digest, 'an object {enabled, at}'),
      backups: partial(fields.backups, 'an object {at, keepDays}'),
    },
    object('an object of settings to change'),
  )
  .partial();

/** What a caller may send to `updateSettings`. */
export type SettingsPatch = z.input<typeof SettingsPatchSchema>;
/** A validated patch. */
export type ValidSettingsPatch = z.output<typeof SettingsPatchSchema>;

/** One problem with a patch, worded for the person who sent it. */
export interface SettingsIssue {
  /** Dotted path of the offending setting, '' for the patch itself. */
  path: string;
  message: string;
}

const knownKeys = (path: PropertyKey[]): string[] | undefined => {
  if (path.length === 0) return Object.keys(DEFAULT_SETTINGS);
  const nested = path.length === 1 && NESTED_SETTINGS.find((key) => key === path[0]);
  return nested ? Object.keys(DEFAULT_SETTINGS[nested]) : undefined;
};

/** Word zod's issues as `path message`; unknown keys are named, with the known ones where that helps. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): SettingsIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const names = issue.keys.map((key) => `"${key}"`).join(', ');
      const known = knownKeys(issue.path);
      const noun = path === '' ? 'setting' : 'key';
      return {
        path,
        message:
          `unknown ${noun}${issue.keys.length > 1 ? 's' : ''} ${names}${path ? ` in ${path}` : ''}` +
          (known ? ` (known: ${known.join(', ')})` : ''),
      };
    }
    return { path, message: `${path || 'settings'} ${issue.message}` };
  });
}
