/**
 * Spreadsheet cells as the shop types them, read into values: text, rupiah ("Rp 150.000", "150rb",
 * "1,5jt"), whole numbers, yes/no in Indonesian or English, and lists ("a, b; c"). Each reader is a zod
 * schema, so a row is validated field by field and every problem names its field.
 */
import { z } from 'zod';
import { type PhoneNumber, parsePhone } from '../contacts/phone.js';

/** One cell as a sheet reader hands it over: CSV cells are text, .xlsx cells keep their type. */
export type CellInput = string | number | boolean | Date | null;

/** A cell as text, trimmed; empty for a blank cell. A date reads as its ISO day. */
export function cellText(value: CellInput | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

const SCALES: Readonly<Record<string, number>> = {
  rb: 1000,
  ribu: 1000,
  k: 1000,
  jt: 1_000_000,
  juta: 1_000_000,
};

/**
 * "150.000" → 150000, "150,000" → 150000, "150.000,00" → 150000, "1,5" → 1.5: a separator followed by
 * exactly three digits groups thousands, a last group of one or two digits is a decimal part. The same
 * rule as the chat amount reader (bot/understanding/amounts.ts), which domain/ cannot import.
 */
function readDecimal(raw: string): number | undefined {
  const groups = raw.split(/[.,]/);
  if (groups.length === 1) return Number(raw);
  const last = groups[groups.length - 1]!;
  if (last.length <= 2) {
    const whole = groups.slice(0, -1);
    if (whole.length > 1 && whole.slice(1).some((group) => group.length !== 3)) return undefined;
    return Number(`${whole.join('')}.${last}`);
  }
  if (groups.slice(1).some((group) => group.length !== 3)) return undefined;
  return Number(groups.join(''));
}

/**
 * Rupiah as shops write them in a sheet: 150000, 150.000, 150,000, Rp 150.000, Rp150.000,-, IDR 150000,
 * 150rb, 150 ribu, 150k, 1,5jt, 1.5 juta. Undefined when it is not a whole amount of rupiah.
 */
export function parseRupiahCell(value: CellInput): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  const text = cellText(value)
    .toLowerCase()
    .replace(/^(?:rp|idr)\.?/, '')
    .replace(/[.,]-$/, '')
    .replace(/\s+/g, '');
  const match = /^(\d+(?:[.,]\d+)*)(rb|ribu|k|jt|juta)?$/.exec(text);
  if (!match) return undefined;
  const number = readDecimal(match[1]!);
  if (number === undefined) return undefined;
  const amount = number * (match[2] ? SCALES[match[2]]! : 1);
  // 1,5jt is 1500000.0000000002 in floating point: round away the noise, not real fractions.
  const rounded = Math.round(amount);
  return Math.abs(amount - rounded) < 1e-6 && Number.isSafeInteger(rounded) ? rounded : undefined;
}

const YES = new Set(['ya', 'y', 'yes', 'true', '1', 'aktif', 'active', 'iya', 'benar']);
const NO = new Set([
  'tidak',
  't',
  'no',
  'n',
  'false',
  '0',
  'nonaktif',
  'non-aktif',
  'non aktif',
  'tidak aktif',
  'inactive',
  'salah',
]);

/** Yes/no: ya/tidak, yes/no, aktif/nonaktif, true/false, 1/0, or an Excel TRUE/FALSE cell. */
export function parseBooleanCell(value: CellInput): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = cellText(value).toLowerCase();
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  return undefined;
}

/** A list in one cell, separated by commas, semicolons, | or line breaks; blanks dropped, each once. */
export function parseListCell(value: CellInput): string[] {
  const items = cellText(value)
    .split(/[,;|\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
  return [...new Set(items)];
}

// ── Cell schemas: blank cells read as undefined (leave the field as it is) ────────────────────────────

const cell = z.custom<CellInput>();

const fail = (ctx: z.core.$RefinementCtx, message: string): typeof z.NEVER => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};

const quoted = (value: CellInput) => `"${cellText(value).slice(0, 60)}"`;

/** Text of at most `max` characters. */
export const textCell = (max: number) =>
  cell.transform((value, ctx) => {
    const text = cellText(value);
    if (!text) return undefined;
    return text.length > max ? fail(ctx, `must be at most ${max} characters`) : text;
  });

/** An email address, lower-cased. */
export const emailCell = cell.transform((value, ctx) => {
  const text = cellText(value).toLowerCase();
  if (!text) return undefined;
  if (text.length > 254 || !z.email().safeParse(text).success)
    return fail(ctx, `must be an email address (got ${quoted(value)})`);
  return text;
});

/** A phone number in any Indonesian form, as E.164; required. */
export const phoneCell = cell.transform((value, ctx): PhoneNumber => {
  const text = cellText(value);
  if (!text) return fail(ctx, 'is required');
  const parsed = parsePhone(text);
  return parsed.ok
    ? parsed.phone
    : fail(ctx, `must be a phone number such as 0812-3456-7890 or +62 812 3456 7890 (got ${quoted(value)})`);
});

/** Whole rupiah. */
export const rupiahCell = cell.transform((value, ctx) => {
  if (!cellText(value)) return undefined;
  const amount = parseRupiahCell(value);
  return amount === undefined
    ? fail(ctx, `must be whole rupiah such as 150000, Rp 150.000 or 150rb (got ${quoted(value)})`)
    : amount;
});

/** A whole number of at least 0: 10, "1.000". */
export const countCell = cell.transform((value, ctx) => {
  if (!cellText(value)) return undefined;
  const text = typeof value === 'number' ? String(value) : cellText(value);
  const digits = /^\d{1,3}(?:[.,]\d{3})+$/.test(text) ? text.replace(/[.,]/g, '') : text;
  const count = /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
  return Number.isSafeInteger(count)
    ? count
    : fail(ctx, `must be a whole number, 0 or more (got ${quoted(value)})`);
});

/** Yes or no. */
export const booleanCell = cell.transform((value, ctx) => {
  if (!cellText(value) && typeof value !== 'boolean') return undefined;
  const flag = parseBooleanCell(value);
  return flag === undefined ? fail(ctx, `must be ya or tidak (yes or no; got ${quoted(value)})`) : flag;
});

/** A list of at most `maxItems` items of at most `itemMax` characters each, optionally lower-cased. */
export const listCell = (options: { maxItems: number; itemMax: number; lowerCase?: boolean }) =>
  cell.transform((value, ctx) => {
    const items = parseListCell(value).map((item) => (options.lowerCase ? item.toLowerCase() : item));
    if (items.length === 0) return undefined;
    const long = items.find((item) => item.length > options.itemMax);
    if (long) return fail(ctx, `"${long.slice(0, 60)}" is longer than ${options.itemMax} characters`);
    if (items.length > options.maxItems) return fail(ctx, `must be at most ${options.maxItems} items`);
    return [...new Set(items)];
  });
