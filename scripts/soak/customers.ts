import type { WaSimMedia, WaSimSent } from '../wa-sim/server.js';

/** What a customer says next, and how they recognise the bot's answer to it. */
export interface Step {
  kind: 'greeting' | 'order' | 'confirm' | 'status' | 'custom' | 'proof' | 'catalog' | 'thanks';
  body: string;
  media?: 'reference' | 'proof';
  expect: RegExp;
}

/** The demo florist's catalog, enough for the parser to find the products customers name. */
export const SOAK_CATALOG = [
  { sku: 'buket-mawar', name: 'Buket Mawar Merah', aliases: ['buket mawar'], price: 150_000 },
  { sku: 'hampers-lebaran', name: 'Hampers Lebaran', aliases: ['hampers'], price: 250_000 },
  { sku: 'bunga-meja', name: 'Bunga Meja', aliases: ['rangkaian meja'], price: 200_000 },
  { sku: 'buket-tulip', name: 'Buket Tulip', aliases: ['tulip'], price: 180_000 },
] as const;

const ORDER_WORDS = ['buket mawar', 'hampers', 'rangkaian meja', 'tulip'];
const GREETINGS = ['halo kak', 'halo', 'permisi kak', 'pagi kak'];

/**
 * One customer's conversation: a greeting, a catalog order confirmed after its summary, then (in an
 * order that differs per customer) a status question, a custom order with a reference photo, a payment
 * proof photo, the catalog and thanks. `length` cuts it short.
 */
export function customerScript(index: number, length: number): Step[] {
  const core: Step[] = [
    { kind: 'greeting', body: GREETINGS[index % GREETINGS.length]!, expect: /Selamat datang/ },
    {
      kind: 'order',
      body: `pesan ${1 + (index % 3)} ${ORDER_WORDS[index % ORDER_WORDS.length]}`,
      expect: /Ringkasan pesanan/,
    },
    {
      kind: 'confirm',
      body: index % 2 === 0 ? 'ya' : 'ok kak',
      expect: /Pesanan \*[^*]+\* sudah kami terima/,
    },
  ];
  const extras: Step[] = [
    { kind: 'status', body: 'status pesanan saya', expect: /Lacak:/ },
    {
      kind: 'custom',
      body: 'bikin buket custom buat wisuda, budget 300rb, deadline tgl 20',
      media: 'reference',
      expect: /Permintaan Anda sudah kami catat/,
    },
    { kind: 'proof', body: 'sudah transfer kak', media: 'proof', expect: /bukti pembayaran/ },
    { kind: 'catalog', body: 'katalog', expect: /Katalog/ },
    { kind: 'thanks', body: 'makasih kak', expect: /Sama-sama/ },
  ];
  // A payment proof before any custom request, so the photo is never taken as the request's reference.
  const rotation = index % 3;
  const ordered =
    rotation === 0
      ? extras
      : rotation === 1
        ? [extras[2]!, extras[0]!, extras[1]!, ...extras.slice(3)]
        : [extras[0]!, extras[2]!, extras[3]!, extras[1]!, extras[4]!];
  return [...core, ...ordered].slice(0, length);
}

/** The chat of the soak's customer `index`: 62 812 9xxx xxxx. */
export const chatOf = (index: number): string => `628129${String(100_000 + index).padStart(7, '0')}@c.us`;

export interface Posted {
  id: string;
  chatId: string;
  step: Step;
  at: number;
  /** When the expected answer was seen; undefined when it never came within the wait. */
  answeredAt?: number;
}

/** The driver's view of the stand-in: posts customer messages, follows everything the bot sends. */
export class StandIn {
  readonly #url: string;
  readonly sent: WaSimSent[] = [];
  readonly #byChat = new Map<string, WaSimSent[]>();

  constructor(url: string) {
    this.#url = url;
  }

  async post(chatId: string, body: string, pushName: string, media?: WaSimMedia): Promise<string> {
    const response = await fetch(`${this.#url}/driver/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chatId, body, pushName, ...(media && { media }) }),
    });
    if (!response.ok) throw new Error(`posting a customer message answered ${response.status}`);
    return ((await response.json()) as { id: string }).id;
  }

  /** Read what the bot sent since the last call. */
  async follow(): Promise<WaSimSent[]> {
    const response = await fetch(`${this.#url}/driver/sent?from=${this.sent.length}`);
    const { sent } = (await response.json()) as { sent: WaSimSent[] };
    for (const record of sent) {
      this.sent.push(record);
      const chat = this.#byChat.get(record.chatId) ?? [];
      chat.push(record);
      this.#byChat.set(record.chatId, chat);
    }
    return sent;
  }

  async state(): Promise<{ inbound: number; unacked: number; sent: number }> {
    const response = await fetch(`${this.#url}/driver/state`);
    return (await response.json()) as { inbound: number; unacked: number; sent: number };
  }

  /** The chat's sends from position `from` on. */
  sentTo(chatId: string, from = 0): WaSimSent[] {
    return (this.#byChat.get(chatId) ?? []).slice(from);
  }
}
