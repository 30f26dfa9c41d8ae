import type { Locale } from '../../domain/platform/config.js';

/** Everything the bot says, per locale. Placeholders are written {name}. */
const catalog = {
  id: {
    'fallback.error':
      'Maaf, pesan Anda belum bisa kami proses karena ada kendala di sistem kami. Admin kami akan segera membantu 🙏',
    'media.too_large': 'Maaf, file Anda terlalu besar (maksimal {max}). Bisa dikirim versi yang lebih kecil?',
    'media.not_accepted':
      'Maaf, jenis file ini belum bisa kami terima. Silakan kirim foto (JPG/PNG) atau dokumen (PDF, Word, Excel, ZIP).',
    'media.unreadable': 'Maaf, file Anda tidak bisa dibuka. Boleh dikirim ulang?',
  },
  en: {
    'fallback.error':
      "Sorry, we couldn't process your message because of a problem on our side. An admin will help you shortly 🙏",
    'media.too_large': 'Sorry, your file is too large (at most {max}). Could you send a smaller version?',
    'media.not_accepted':
      "Sorry, we can't accept this type of file yet. Please send a photo (JPG/PNG) or a document (PDF, Word, Excel, ZIP).",
    'media.unreadable': "Sorry, we couldn't open your file. Could you send it again?",
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type BotText = keyof (typeof catalog)['id'];

/** The bot's text for `key` in `locale`, with {placeholders} filled in. */
export function botText(locale: Locale, key: BotText, params: Record<string, string | number> = {}): string {
  return catalog[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
