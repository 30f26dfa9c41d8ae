import { escapeRegex } from '../materials/material.rules.js';
import type { Contact } from './contact.model.js';
import { parsePhone } from './phone.js';

/**
 * The chat id an erased customer's orders and invoices keep instead of their WhatsApp chat: not a
 * person, never a WhatsApp chat (the outbox refuses to queue to it), and unique per contact so the
 * unique chat id of the contact's tombstone stays unique.
 */
export const erasedChatId = (contactId: string): string => `erased:${contactId}`;

/** Whether a chat id is an erased customer's placeholder (see erasedChatId). */
export const isErasedChatId = (chatId: string): boolean => chatId.startsWith('erased:');

/** Names shorter than this are not looked for in free text: "Ai" would match half the shop's notes. */
const MIN_NAME_LENGTH = 3;

/** What identifies one person in stored text: their numbers, names, addresses and e-mail. */
export interface PersonalTraits {
  /** E.164 numbers (+62…), or raw numbers as they appear in chat ids. */
  phones: readonly string[];
  /** Whole WhatsApp chat ids (`…@c.us`, `…@lid`). */
  chatIds: readonly string[];
  names: readonly string[];
  /** Addresses and e-mails: matched as written, whatever the case. */
  texts: readonly string[];
}

/**
 * A number as people write it, in any of its forms: +62 812-3456-7890, 6281234567890, 081234567890,
 * 81234567890 (Indonesian numbers), or its digits with or without separators (others).
 */
function phonePattern(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 6) return undefined;
  const join = (text: string) => [...text].join('[\\s.()-]?');
  if (digits.startsWith('62') && digits.length > 8) return `(?:\\+?62[\\s.-]?|0)?${join(digits.slice(2))}`;
  return `\\+?${join(digits)}`;
}

/**
 * One regular expression finding every trace of a person in a text: numbers in any form (so a chat id
 * `62812…@c.us` is caught by its number), chat ids, whole names as words, addresses and e-mails.
 * Undefined when there is nothing to look for.
 */
export function traitPattern(traits: PersonalTraits): RegExp | undefined {
  const alternatives = new Set<string>();
  for (const chatId of traits.chatIds) if (chatId.trim()) alternatives.add(escapeRegex(chatId.trim()));
  for (const text of traits.texts)
    if (text.trim().length >= MIN_NAME_LENGTH) alternatives.add(escapeRegex(text.trim()));
  for (const phone of [...traits.phones, ...traits.chatIds.map((chatId) => chatId.replace(/@.*$/, ''))]) {
    const pattern = phonePattern(phone);
    if (pattern) alternatives.add(pattern);
  }
  for (const name of traits.names) {
    const trimmed = name.trim().replace(/\s+/g, ' ');
    if (trimmed.length < MIN_NAME_LENGTH) continue;
    // A whole name, not part of a word: "Ani" is not erased from "Tani".
    alternatives.add(`(?<![\\p{L}\\p{N}])${escapeRegex(trimmed).replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`);
  }
  if (alternatives.size === 0) return undefined;
  // Longest first, so a whole address is replaced before a name inside it.
  const sorted = [...alternatives].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.join('|'), 'giu');
}

/** A text with every trace of the person replaced by `label`. */
export function redactText(text: string, pattern: RegExp | undefined, label: string): string {
  if (!pattern) return text;
  return text.replace(pattern, label);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/**
 * A copy of a stored value (a lean document's part: objects, arrays, strings, numbers, dates, ids) with
 * every string redacted; anything that is not a plain object, array or string is kept as it is.
 */
export function redactValue<T>(value: T, pattern: RegExp | undefined, label: string): T {
  if (!pattern) return value;
  if (typeof value === 'string') return redactText(value, pattern, label) as T;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, pattern, label)) as T;
  if (isPlainObject(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, redactValue(inner, pattern, label)]),
    ) as T;
  return value;
}

/** Whether any string inside a stored value holds a trace of the person. */
export function mentions(value: unknown, pattern: RegExp | undefined): boolean {
  if (!pattern) return false;
  if (typeof value === 'string') {
    pattern.lastIndex = 0;
    const found = pattern.test(value);
    pattern.lastIndex = 0;
    return found;
  }
  if (Array.isArray(value)) return value.some((item) => mentions(item, pattern));
  if (isPlainObject(value)) return Object.values(value).some((inner) => mentions(inner, pattern));
  return false;
}

/** The words that confirm an erasure, besides the customer's own name or number. */
export const ERASE_WORDS = ['HAPUS', 'ERASE'] as const;

const folded = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Whether what staff typed confirms erasing this customer: HAPUS or ERASE, or the customer's name (the
 * confirmed one or the WhatsApp one) or number, whatever the case and spacing. Erasing cannot be undone,
 * so an empty or different text is refused.
 */
export function confirmsErasure(
  contact: Pick<Contact, 'name' | 'pushName' | 'phone'>,
  typed: string,
): boolean {
  const text = folded(typed);
  if (text === '') return false;
  if (ERASE_WORDS.some((word) => folded(word) === text)) return true;
  if ([contact.name, contact.pushName].some((name) => name && folded(name) === text)) return true;
  const phone = parsePhone(typed);
  return phone.ok && contact.phone === phone.phone;
}
