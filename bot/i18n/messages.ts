import type { Locale } from '../../domain/platform/config.js';
import { en } from './en.js';
import { type BotText, id } from './id.js';

export type { BotText } from './id.js';

const catalogs: Record<Locale, Record<BotText, string>> = { id, en };

/** The bot's text for `key` in `locale`, with {placeholders} filled in. */
export function botText(locale: Locale, key: BotText, params: Record<string, string | number> = {}): string {
  return catalogs[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Integer rupiah as Indonesians write it: Rp150.000. */
export function formatRupiah(amount: number): string {
  return `Rp${Math.round(amount).toLocaleString('id-ID')}`;
}
