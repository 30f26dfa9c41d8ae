/**
 * Argument schemas for the admin commands, built on zod: each turns the words staff type into a typed
 * value or reports a problem as a catalog text (`admin.arg.*`) with what was typed, so the reply names
 * exactly what was wrong in the shop's language.
 */
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { type PhoneNumber, parsePhone } from '../../domain/contacts/phone.js';
import type { AdminText } from '../../domain/i18n/admin.id.js';
import type { TextParams } from '../../domain/i18n/messages.js';
import { LEAD_STAGES, type LeadStage } from '../../domain/leads/lead.model.js';
import { PAYMENT_METHODS, type PaymentMethod } from '../../domain/orders/order.model.js';
import { parseOrderNumber } from '../../domain/orders/order.rules.js';
import { ORDER_STATUSES, type OrderStatus } from '../../domain/orders/order-status.rules.js';
import { parsePaymentNumber } from '../../domain/payments/payment.rules.js';
import { findAmounts } from '../understanding/amounts.js';
import { findDates } from '../understanding/dates.js';
import { normalizeText } from '../understanding/normalize.js';
import { maskSpans } from '../understanding/text-spans.js';
import { findTimes } from '../understanding/times.js';
import { type ArgEnv, type ArgProblem, problemOf } from './command.js';

type Checked<T> = { ok: true; value: T } | { ok: false; key: AdminText; params?: TextParams };
type Ctx = z.core.$RefinementCtx;

/** Report an argument problem inside a zod transform. */
export function problem(ctx: Ctx, key: AdminText, params: TextParams = {}): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message: key, params: { key, params } satisfies ArgProblem });
  return z.NEVER;
}

/** A required argument is missing: `label` names it (a catalog text such as admin.label.order). */
export const missing = (ctx: Ctx, label: AdminText): typeof z.NEVER =>
  problem(ctx, 'admin.arg.missing', { label });

/**
 * One word of input, checked by `check`. Missing input is reported under `label`; wrap it in
 * `.optional()` for an argument that may be left out.
 */
export function word<T>(label: AdminText, check: (raw: string) => Checked<T>) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      if (raw === undefined || raw.trim() === '') return missing(ctx, label);
      const checked = check(raw);
      if (checked.ok) return checked.value;
      return problem(ctx, checked.key, { got: raw, ...checked.params });
    });
}

/** Report the first problem of another parse (an argument checked on its own) inside a transform. */
export function forward(ctx: Ctx, issues: readonly z.core.$ZodIssue[]): typeof z.NEVER {
  const { key, params } = problemOf(issues);
  return problem(ctx, key, params);
}

/** The start of an Indonesian mobile number as people split it: "0812", "+62 812", "62812". */
const PHONE_START = /^(\+?62|0)(8\d{0,4})?$/;

/**
 * Split on spaces, but keep a phone number typed in groups ("0812 3456 7890", "+62 812-3456-7890") as
 * one word: groups of digits are joined until they make a valid number.
 */
export function splitWords(text: string): string[] {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    let token = tokens[index]!;
    if (PHONE_START.test(token)) {
      let joined = token;
      let next = index + 1;
      while (!parsePhone(joined).ok && /^\d[\d-]{1,15}$/.test(tokens[next] ?? '') && joined.length < 20) {
        joined += tokens[next];
        next += 1;
      }
      if (parsePhone(joined).ok) {
        token = joined;
        index = next - 1;
      }
    }
    out.push(token);
  }
  return out;
}

/** The words after the command (a phone typed in groups stays one word), read by a tuple schema. */
export function words<S extends z.ZodType>(schema: S) {
  return z.string().transform((text, ctx): z.output<S> => {
    const result = schema.safeParse(splitWords(text));
    return result.success ? result.data : forward(ctx, result.error.issues);
  });
}

// ── Values ────────────────────────────────────────────────────────────────────────────────────────

export const orderNumber = word('admin.label.order', (raw) => {
  const parsed = parseOrderNumber(raw);
  return parsed.ok ? { ok: true, value: parsed.text } : { ok: false, key: 'admin.arg.bad_order' };
});

export const paymentNumber = word('admin.label.payment', (raw) => {
  const parsed = parsePaymentNumber(raw);
  return parsed ? { ok: true, value: parsed } : { ok: false, key: 'admin.arg.bad_payment' };
});

/** Rupiah as staff type it: 150000, 150.000, 150rb, 150k, 1,5jt, Rp150.000. */
export function parseRupiah(raw: string): number | undefined {
  const text = normalizeText(raw.trim()).replace(/^rp\.?\s*/, '');
  if (/^\d+$/.test(text)) return Number(text);
  const found = findAmounts(text);
  const only = found[0];
  if (found.length !== 1 || !only || only.start !== 0 || only.end !== text.length) return undefined;
  return only.value;
}

export const isAmount = (raw: string): boolean => parseRupiah(raw) !== undefined;

export const amount = word('admin.label.amount', (raw) => {
  const value = parseRupiah(raw);
  return value !== undefined && Number.isSafeInteger(value) && value > 0
    ? { ok: true, value }
    : { ok: false, key: 'admin.arg.bad_amount' };
});

export const phone = word('admin.label.phone', (raw) => {
  const parsed = parsePhone(raw);
  return parsed.ok
    ? { ok: true, value: parsed.phone as PhoneNumber }
    : { ok: false, key: 'admin.arg.bad_phone' };
});

/** Status words staff use, Indonesian and English, for each order status. */
const STATUS_WORDS: Record<OrderStatus, readonly string[]> = {
  pending: ['pending', 'menunggu', 'baru'],
  confirmed: ['confirmed', 'confirm', 'dikonfirmasi', 'konfirmasi', 'terkonfirmasi', 'oke', 'ok'],
  in_progress: [
    'in_progress',
    'in-progress',
    'inprogress',
    'progress',
    'diproses',
    'proses',
    'dikerjakan',
    'produksi',
  ],
  review: ['review', 'ditinjau', 'cek', 'revisi'],
  ready: ['ready', 'siap', 'jadi'],
  out_for_delivery: ['out_for_delivery', 'delivery', 'shipped', 'dikirim', 'kirim', 'diantar', 'otw'],
  completed: ['completed', 'complete', 'done', 'selesai', 'beres', 'diterima'],
  cancelled: ['cancelled', 'canceled', 'cancel', 'batal', 'dibatalkan'],
};

export function orderStatusOf(raw: string): OrderStatus | undefined {
  const text = raw.trim().toLowerCase();
  return ORDER_STATUSES.find((status) => STATUS_WORDS[status].includes(text));
}

export const orderStatus = word('admin.label.status', (raw) => {
  const status = orderStatusOf(raw);
  return status
    ? { ok: true, value: status }
    : { ok: false, key: 'admin.arg.bad_status', params: { allowed: ORDER_STATUSES.join(', ') } };
});

const STAGE_WORDS: Record<LeadStage, readonly string[]> = {
  new: ['new', 'baru'],
  contacted: ['contacted', 'dihubungi', 'kontak', 'dikontak'],
  qualified: ['qualified', 'kualifikasi', 'potensial', 'prospek'],
  proposal: ['proposal', 'penawaran', 'nego'],
  won: ['won', 'deal', 'menang', 'closing', 'jadi'],
  lost: ['lost', 'kalah', 'gagal', 'batal'],
};

export const leadStage = word('admin.label.stage', (raw) => {
  const text = raw.trim().toLowerCase();
  const stage = LEAD_STAGES.find((candidate) => STAGE_WORDS[candidate].includes(text));
  return stage
    ? { ok: true, value: stage }
    : { ok: false, key: 'admin.arg.bad_stage', params: { allowed: LEAD_STAGES.join(', ') } };
});

const METHOD_WORDS: Record<PaymentMethod, readonly string[]> = {
  transfer: ['transfer', 'tf', 'trf', 'bank'],
  qris: ['qris'],
  cod: ['cod'],
  cash: ['cash', 'tunai', 'kontan'],
};

export const paymentMethod = word('admin.label.method', (raw) => {
  const text = raw.trim().toLowerCase();
  const method = PAYMENT_METHODS.find((candidate) => METHOD_WORDS[candidate].includes(text));
  return method
    ? { ok: true, value: method }
    : { ok: false, key: 'admin.arg.bad_method', params: { allowed: PAYMENT_METHODS.join(', ') } };
});

/** A task as staff name it: 12 or #12. */
export const taskNumber = word('admin.label.task', (raw) => {
  const match = /^#?(\d{1,9})$/.exec(raw.trim());
  const value = Number(match?.[1]);
  return match && value >= 1 ? { ok: true, value } : { ok: false, key: 'admin.arg.bad_task' };
});

// ── Dates and times ───────────────────────────────────────────────────────────────────────────────

/** Words that may sit around a date or time without being part of the text: "jam", "pukul", "tgl". */
const FILLER = /\b(?:jam|pukul|pkl|tanggal|hari|nanti|pada|at|on)\b/g;

/** A date (and time) the parser reads in all of `text`; undefined when anything else is left over. */
export function readWhen(text: string, env: ArgEnv): { date: string; time?: string } | undefined {
  const normalized = normalizeText(text);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) return { date: text.trim() };
  const dates = findDates(normalized, env.now, env.timeZone);
  const rest = maskSpans(normalized, dates);
  const times = findTimes(rest);
  const left = maskSpans(rest, times)
    .replace(FILLER, ' ')
    .replace(/[\s,.]+/g, '');
  if (left !== '' || dates.length > 1 || times.length > 1) return undefined;
  const date = dates[0]?.date;
  const time = times[0]?.time;
  if (!date && !time) return undefined;
  const today = new TZDate(env.now.getTime(), env.timeZone);
  const todayText = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return { date: date ?? todayText, ...(time && { time }) };
}

/** The instant of a shop-local date and time; a date alone means 09:00. */
export function instantOf(when: { date: string; time?: string }, timeZone: string): Date {
  const [year, month, day] = when.date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = (when.time ?? '09:00').split(':').map(Number) as [number, number];
  return new Date(new TZDate(year, month - 1, day, hour, minute, timeZone).getTime());
}

/**
 * Split "besok jam 10 telpon lagi soal harga" into the moment it names and the rest: the longest run
 * of leading words (up to six) that reads entirely as a date and/or time.
 */
export function splitWhen(
  tokens: readonly string[],
  env: ArgEnv,
): { when: { date: string; time?: string }; taken: number } | undefined {
  for (let taken = Math.min(6, tokens.length); taken >= 1; taken--) {
    const when = readWhen(tokens.slice(0, taken).join(' '), env);
    if (when) return { when, taken };
  }
  return undefined;
}
