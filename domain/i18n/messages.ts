import type { Locale } from '../platform/config.js';
import { adminEn } from './admin.en.js';
import { adminId } from './admin.id.js';
import { customerEn } from './customer.en.js';
import { customerId } from './customer.id.js';
import { noticesEn } from './notices.en.js';
import { noticesId } from './notices.id.js';
import { privacyEn } from './privacy.en.js';
import { privacyId } from './privacy.id.js';
import { staffEn } from './staff.en.js';
import { staffId } from './staff.id.js';

/**
 * Everything Pesanin says on WhatsApp, one catalog per audience so each area keeps its own file:
 * the customer conversation, customer notices, staff alerts and reminders, admin command replies.
 */
export const CATALOGS = {
  id: { ...customerId, ...noticesId, ...staffId, ...adminId, ...privacyId },
  en: { ...customerEn, ...noticesEn, ...staffEn, ...adminEn, ...privacyEn },
} as const satisfies Record<Locale, Record<string, string>>;

/** Every catalog, per language, for the test that keys never collide. */
export const PARTS = {
  id: [customerId, noticesId, staffId, adminId, privacyId],
  en: [customerEn, noticesEn, staffEn, adminEn, privacyEn],
} as const;

export type BotText = keyof typeof CATALOGS.id;
export type TextParams = Record<string, string | number>;

const catalogs: Record<Locale, Record<BotText, string>> = CATALOGS;

/** The text for `key` in `locale`, with {placeholders} filled in. */
export function botText(locale: Locale, key: BotText, params: TextParams = {}): string {
  return catalogs[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Integer rupiah as Indonesians write it: Rp150.000. */
export function formatRupiah(amount: number): string {
  return `Rp${Math.round(amount).toLocaleString('id-ID')}`;
}
