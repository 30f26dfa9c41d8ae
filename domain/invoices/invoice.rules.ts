import { tz } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, format, isValid, parseISO } from 'date-fns';
import { enUS, id as idLocale } from 'date-fns/locale';

import type { InvoicePolicy, Locale } from '../settings/settings.model.js';
import type { InvoiceStatus } from './invoice.model.js';

const MONTH_KEY = /^(\d{4})(0[1-9]|1[0-2])$/;
const INVOICE_NUMBER = /^INV-(\d{6})-(\d{4,})$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The counter's month prefix, `INV-202611`. */
export const invoiceNumberPrefix = (yyyymm: string): string => `INV-${yyyymm}`;

/** `INV-YYYYMM-NNNN`, the sequence padded to four digits (and longer past 9999). */
export function formatInvoiceNumber(yyyymm: string, seq: number): string {
  if (!MONTH_KEY.test(yyyymm)) throw new RangeError(`not a month key (YYYYMM): ${yyyymm}`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`not an invoice sequence number: ${seq}`);
  return `${invoiceNumberPrefix(yyyymm)}-${String(seq).padStart(4, '0')}`;
}

/** An invoice number as staff type it (`inv-202611-0007`), canonical; null when it is not one. */
export function parseInvoiceNumber(text: string): string | null {
  const match = INVOICE_NUMBER.exec(text.trim());
  const yyyymm = match?.[1];
  const seq = Number(match?.[2]);
  if (!yyyymm || !MONTH_KEY.test(yyyymm) || !Number.isSafeInteger(seq) || seq < 1) return null;
  return formatInvoiceNumber(yyyymm, seq);
}

/** Whether `text` is a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const parsed = parseISO(text);
  return isValid(parsed) && format(parsed, 'yyyy-MM-dd') === text;
}

/** The calendar day of `at` in the shop's time zone, YYYY-MM-DD. */
export function localDay(at: Date, timeZone: string): string {
  return format(at, 'yyyy-MM-dd', { in: tz(timeZone) });
}

/** `day` plus `days` calendar days (YYYY-MM-DD in, YYYY-MM-DD out; no time zone involved). */
export function addDaysToDay(day: string, days: number): string {
  return format(addDays(parseISO(day), days), 'yyyy-MM-dd');
}

/** Default due date: the shop's today plus the policy's `dueDays`. */
export function defaultDueDate(at: Date, timeZone: string, dueDays: number): string {
  return addDaysToDay(localDay(at, timeZone), dueDays);
}

/**
 * Overdue once the due day is over in the shop's zone: an invoice due 2026-11-20 is still on time at
 * 23:30 WIB that day and overdue from 00:00 WIB on the 21st, whatever the UTC date says.
 */
export function isPastDue(dueDate: string, now: Date, timeZone: string): boolean {
  return dueDate < localDay(now, timeZone);
}

/**
 * An open invoice's status from its money: paid once it is covered; an overdue invoice stays overdue
 * while money is missing (a part payment does not make it less late); otherwise partial or sent.
 * A draft (not sent yet) stays a draft until it is sent.
 */
export function invoiceStatusFor(amount: number, paidAmount: number, current: InvoiceStatus): InvoiceStatus {
  if (current === 'cancelled') return 'cancelled';
  if (amount > 0 && paidAmount >= amount) return 'paid';
  if (current === 'overdue' || current === 'draft') return current;
  return paidAmount > 0 ? 'partial' : 'sent';
}

/** Whether an invoice is still waiting for money (the overdue check and reminders look only at these). */
export const isOpenInvoice = (status: InvoiceStatus): boolean =>
  status === 'sent' || status === 'partial' || status === 'overdue';

/**
 * Whether an overdue invoice gets a reminder now: fewer than `maxReminders` sent, and the last one at
 * least `reminderEveryDays` shop-local calendar days ago. Counted in calendar days so a daily check
 * that runs a few seconds earlier than yesterday's still counts yesterday as a day ago.
 */
export function reminderDue(
  invoice: { remindersSent: number; lastReminderAt?: Date | undefined },
  now: Date,
  timeZone: string,
  policy: Pick<InvoicePolicy, 'maxReminders' | 'reminderEveryDays'>,
): boolean {
  if (invoice.remindersSent >= policy.maxReminders) return false;
  if (!invoice.lastReminderAt) return true;
  const days = differenceInCalendarDays(
    parseISO(localDay(now, timeZone)),
    parseISO(localDay(invoice.lastReminderAt, timeZone)),
  );
  return days >= Math.max(1, policy.reminderEveryDays);
}

/** A due date as the customer reads it: `20 November 2026`. */
export function formatDay(day: string, locale: Locale): string {
  return format(parseISO(day), 'd MMMM yyyy', { locale: locale === 'id' ? idLocale : enUS });
}
