import { describe, expect, it } from 'vitest';
import { classifyIntent, INTENT_RULES, type IntentSignals } from './intent.rules.js';
import { normalizeText } from './normalize.js';

// The rules on their own, fed hand-made signals: precedence between intents and the near misses.

const signals = (text: string, extra: Partial<IntentSignals> = {}): IntentSignals => {
  const normalised = normalizeText(text);
  return {
    text: normalised,
    rest: normalised,
    original: text,
    media: null,
    items: 0,
    counted: false,
    hasOrderNumber: false,
    statesPrice: false,
    ...extra,
  };
};
const intentOf = (text: string, extra: Partial<IntentSignals> = {}) => classifyIntent(signals(text, extra));

describe('intent precedence', () => {
  it.each([
    ['halo kak, mau pesan 2 buket', { items: 1, counted: true }, 'order'],
    ['makasih, tapi batal ya', {}, 'cancel'],
    ['kecewa banget, batal aja', {}, 'handover'],
    ['sudah transfer, pesanan saya kapan dikirim?', {}, 'payment'],
    ['pesanan saya 2 buket kapan sampai?', { items: 1, counted: true }, 'status'],
    ['mau order desain logo, budget 500rb', {}, 'custom_order'],
    ['mau pesan 2 hampers, totalnya berapa?', { items: 1, counted: true }, 'order'],
    ['berapa harga 2 hampers?', { items: 1, counted: true }, 'price'],
    ['pricelist hampers', { items: 1 }, 'price'],
    ['pricelist', {}, 'catalog'],
    ['halo admin, mau tanya harga tulip', { items: 1 }, 'price'],
    ['halo admin', {}, 'greeting'],
    ['admin', {}, 'handover'],
    ['makasih kak, saya pesan 2 ya', {}, 'order'],
    ['', { hasOrderNumber: true }, 'status'],
    ['batal ya', { hasOrderNumber: true }, 'cancel'],
    ['sudah transfer', { hasOrderNumber: true }, 'payment'],
  ] as const)('%s → %s', (text, extra, intent) => {
    expect(intentOf(text, extra)).toBe(intent);
  });
});

describe('media', () => {
  it('a photo or file without words is unknown: the bot decides from the conversation', () => {
    expect(intentOf('', { media: 'image' })).toBe('unknown');
    expect(intentOf('', { media: 'document' })).toBe('unknown');
  });

  it('a photo with a payment word is a payment', () => {
    expect(intentOf('bukti tf', { media: 'image' })).toBe('payment');
    expect(intentOf('ini kak, sudah dp', { media: 'image' })).toBe('payment');
  });

  it('a photo with "kayak gini" is a custom request, with "berapa" a price question', () => {
    expect(intentOf('bisa bikin kayak gini?', { media: 'image' })).toBe('custom_order');
    expect(intentOf('yang ini berapa kak?', { media: 'image' })).toBe('price');
  });
});

describe('near misses', () => {
  it.each([
    ['harganya kemahalan ya', 'unknown'],
    ['bisa kurang ga kak harganya', 'unknown'],
    ['berapa lama pengerjaannya?', 'unknown'],
    ['jam berapa buka?', 'unknown'],
    ['kalau batal bisa refund?', 'handover'],
    ['jangan dibatalkan ya', 'unknown'],
    ['gak jadi masalah kak', 'unknown'],
    ['transferan belum masuk?', 'payment'],
    ['belum transfer kak, nanti sore ya', 'payment'],
    ['sudah sampai kak, makasih', 'thanks'],
    ['sudah sampai?', 'status'],
    ['kalau pesan sekarang kapan jadi?', 'unknown'],
    ['keren parah kak makasih', 'thanks'],
    ['HALO KAK MAU PESAN', 'order'],
    ['makasih kak!!!', 'thanks'],
    ['tidak kecewa sama sekali, makasih', 'thanks'],
    ['minta rekomendasi buket dong', 'catalog'],
    ['status wa kakak bagus', 'unknown'],
  ] as const)('%s → %s', (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });
});

describe('the rule table', () => {
  it('lists every intent but unknown, which is the fallback', () => {
    const intents = new Set(INTENT_RULES.map((rule) => rule.intent));
    expect([...intents].sort()).toEqual(
      [
        'cancel',
        'catalog',
        'custom_order',
        'greeting',
        'handover',
        'order',
        'payment',
        'price',
        'status',
        'thanks',
      ].sort(),
    );
  });
});
