/**
 * The chat parser's answer as a zod schema: what `Parser.parse` promises beyond its TypeScript type
 * (dates that exist, 24-hour times, the order number's one format, whole positive quantities). The
 * property tests hold every answer to it; scripts/parse.ts prints exactly this shape.
 */
import { z } from 'zod';
import type { Channel, Intent, ParsedMessage } from './types.js';

const INTENTS = [
  'greeting',
  'catalog',
  'price',
  'order',
  'custom_order',
  'payment',
  'status',
  'cancel',
  'handover',
  'thanks',
  'unknown',
] as const satisfies readonly Intent[];

const CHANNELS = [
  'instagram_ads',
  'tiktok_ads',
  'meta_ads',
  'referral',
  'event',
  'website',
  'organic',
] as const satisfies readonly Channel[];

/** A YYYY-MM-DD that names a day of the calendar (no 31 November). */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((text) => new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), 'not a calendar date');

export const ParsedMessageSchema = z.strictObject({
  intent: z.enum(INTENTS),
  items: z.array(z.strictObject({ product: z.string().min(1), qty: z.int().positive() })),
  amount: z.int().nonnegative().nullable(),
  date: calendarDate.nullable(),
  time: z
    .string()
    .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/)
    .nullable(),
  orderNumber: z
    .string()
    .regex(/^ORD-20\d{2}(?:0[1-9]|1[0-2])-\d{4}$/)
    .nullable(),
  address: z.string().min(1).nullable(),
  channel: z.enum(CHANNELS).nullable(),
});

// The schema and the type say the same thing: each must be assignable to the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof ParsedMessageSchema>, ParsedMessage> = true;
void sameShape;
