/** What the chat parser reads and returns; shared by its modules, the bot and scripts/parse.ts. */

export type Intent =
  | 'greeting'
  | 'catalog'
  | 'price'
  | 'order'
  | 'custom_order'
  | 'payment'
  | 'status'
  | 'cancel'
  | 'handover'
  | 'thanks'
  | 'unknown';

export type Channel =
  | 'instagram_ads'
  | 'tiktok_ads'
  | 'meta_ads'
  | 'referral'
  | 'event'
  | 'website'
  | 'organic';

export type MediaKind = 'image' | 'document';

/** One catalog product as the parser needs it; `id` is what it returns (the product's sku). */
export interface CatalogEntry {
  id: string;
  name: string;
  aliases: string[];
  price: number;
}

export interface MessageInput {
  text: string;
  media: MediaKind | null;
}

export interface ParseContext {
  now: Date;
  /** IANA zone of the shop; dates and times are read and returned in it. */
  timeZone: string;
}

export interface ParsedItem {
  /** The catalog entry's id. */
  product: string;
  qty: number;
}

export interface ParsedMessage {
  intent: Intent;
  items: ParsedItem[];
  /** Integer rupiah: a budget, a transfer, a price named; never a quantity. */
  amount: number | null;
  /** YYYY-MM-DD in the shop's time zone. */
  date: string | null;
  /** HH:MM, 24-hour, shop time. */
  time: string | null;
  /** Normalised to ORD-YYYYMM-NNNN. */
  orderNumber: string | null;
  /** As the customer wrote it (original case), trimmed of trailing date/time phrases. */
  address: string | null;
  channel: Channel | null;
}

/** A half-open character range [start, end) in a text. */
export interface Span {
  start: number;
  end: number;
}
