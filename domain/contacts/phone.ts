import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** A phone number in E.164 form, e.g. +6281234567890. */
export type PhoneNumber = string & { readonly __brand: 'PhoneNumber' };

export type PhoneResult =
  | { ok: true; phone: PhoneNumber }
  | { ok: false; code: 'PHONE.INVALID'; details: string };

/**
 * Parse a phone number as Indonesians write it: 081234567890, 81234567890, +62 812-3456-7890,
 * 6281234567890, (0812) 3456 7890 — all the same person. Numbers with another country code
 * (+60…, +1…) are kept as they are.
 */
export function parsePhone(input: string): PhoneResult {
  const cleaned = input.trim().replace(/[\s().-]/g, '');
  // Without a leading + or 0, a number starting 62 is already international; 8… is a mobile without its 0.
  const candidate = /^\+/.test(cleaned) ? cleaned : /^62\d{8,}$/.test(cleaned) ? `+${cleaned}` : cleaned;
  const parsed = parsePhoneNumberFromString(candidate.replace(/^8/, '08'), 'ID');
  if (!parsed?.isValid())
    return { ok: false, code: 'PHONE.INVALID', details: `not a valid phone number: "${input}"` };
  return { ok: true, phone: parsed.number as PhoneNumber };
}

/** The phone behind a WhatsApp chat id (`628…@c.us`); undefined for `@lid` ids, which hide the number. */
export function phoneOfChatId(chatId: string): PhoneNumber | undefined {
  const match = /^(\d{6,15})@c\.us$/.exec(chatId);
  if (!match) return undefined;
  const result = parsePhone(`+${match[1]}`);
  return result.ok ? result.phone : undefined;
}

/** The WhatsApp chat id of a phone number. */
export function chatIdOfPhone(phone: PhoneNumber): string {
  return `${phone.slice(1)}@c.us`;
}
