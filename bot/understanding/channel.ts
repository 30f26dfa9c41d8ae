/**
 * Where a new customer found the shop, from what their (first) message says: "dari IG", "lihat di TikTok",
 * "iklan fb", "direkomendasikan teman", "ketemu di bazar", "dari website", "nemu di google".
 *
 * Decisions: a platform name only counts with a word saying it is a source ("dari", "lihat", "iklan",
 * "nemu", …), because "dm ig" or "ig kakak apa?" are not; any Instagram/TikTok/Facebook sighting maps to
 * that platform's ads channel (the lead list cannot tell a post from an ad); "dari iklan" without a platform
 * and WhatsApp's click-to-chat ad greeting are Meta ads; Google search/Maps, walking past the shop and
 * WhatsApp status are `organic`; marketplaces and anything unhinted give null, not a guess.
 * Reads normalised text (ig → instagram, fb → facebook, temen → teman, web → website).
 */
import type { Channel } from './types.js';

/** Words that make the platform after them a source: "lihat di instagram", "dari iklan tiktok". */
const CUE_WORDS =
  'dari|lihat|liat|lihatnya|tau|tahu|taunya|tahunya|nemu|menemukan|ketemu|iklan|iklannya|ads|promo|postingan|posting|post|story|konten|video|reels|live|muncul|scroll|dapat|dapet';
const CUE = `(?:${CUE_WORDS})`;

const cued = (platform: string) =>
  new RegExp(
    String.raw`\b${CUE}\b(?:\s+[\p{L}\p{N}]+){0,3}?\s+(?:di\s+)?${platform}\b|\b${platform}\s+(?:ads|iklan)\b`,
    'u',
  );

interface ChannelRule {
  channel: Channel;
  pattern: RegExp;
}

const PEOPLE =
  '(?:teman|saudara|sodara|tetangga|keluarga|kak|kakak|adik|ibu|mama|bos|rekan|kolega|pacar|sepupu)';

/** In precedence order: a named person beats a platform, a platform beats a generic hint. */
const RULES: readonly ChannelRule[] = [
  {
    channel: 'referral',
    pattern: new RegExp(
      [
        String.raw`\bdirekomendasi(?:kan|in)\b`,
        String.raw`\b(?:rekomendasi|rekomen|referensi|ref|info)\s+(?:dari\s+)?${PEOPLE}`,
        String.raw`\bkata\s+${PEOPLE}`,
        String.raw`\b(?:dari|dikasih\s+(?:tau|tahu)(?:\s+sama)?|diceritain)\s+${PEOPLE}`,
        String.raw`\b(?:dapat|dapet|dikasih)\s+(?:nomor|no|kontak|info)(?:\s+[\p{L}]+)?\s+(?:dari|sama|oleh)\s+${PEOPLE}`,
        String.raw`\b${PEOPLE}\s+(?:saya|aku)\s+(?:pernah\s+|sudah\s+|udah\s+)?(?:pesan|order|beli|bilang|cerita|kasih|rekomen|rekomendasi)`,
        String.raw`\bdisarankan\b`,
        String.raw`\breferral\b`,
      ].join('|'),
      'u',
    ),
  },
  { channel: 'tiktok_ads', pattern: new RegExp(`${cued('tiktok').source}|\\bfyp\\b`, 'u') },
  { channel: 'instagram_ads', pattern: cued('instagram') },
  {
    channel: 'meta_ads',
    pattern: new RegExp(
      [
        cued('(?:facebook|meta)').source,
        String.raw`\b(?:dari|lihat|liat|klik|ada)\s+iklan(?:nya)?\b`,
        String.raw`\biklan\s+(?:kakak|kalian|tadi|ini|yang)\b`,
        // WhatsApp's default text for click-to-chat ads
        String.raw`\binfo\s+selengkap(?:nya)?\s+tentang\s+ini\b|\bmore\s+info\s+(?:on|about)\s+this\b`,
      ].join('|'),
      'u',
    ),
  },
  {
    channel: 'event',
    pattern: new RegExp(
      String.raw`\b(?:${CUE_WORDS}|waktu|pas|kemarin|mampir|beli|stand|booth)\b(?:\s+[\p{L}\p{N}]+){0,3}?\s+(?:di\s+)?(?:bazar|bazaar|pameran|expo|event|festival|fest|cfd|car\s+free\s+day|booth|pop\s?up|market\s+day|gelaran)\b`,
      'u',
    ),
  },
  { channel: 'website', pattern: cued('(?:website|webnya|websitenya|toko online|online shop)') },
  {
    channel: 'organic',
    pattern: new RegExp(
      [
        cued('(?:google|google maps|maps|internet|mbah google)').source,
        String.raw`\b(?:cari|search|searching|googling|browsing)\b(?:\s+[\p{L}]+){0,2}\s+(?:di\s+)?(?:google|internet|maps)\b`,
        String.raw`\blewat\s+(?:depan\s+)?toko\b`,
        String.raw`\b(?:lihat|liat)\s+(?:plang|papan\s+nama|toko(?:nya)?\s+(?:kakak|kalian))\b`,
        String.raw`\b(?:status|story|sw)\s+wa\b|\b(?:lihat|liat)\s+sw\b`,
        String.raw`\blangganan\s+(?:di\s+sini|dari\s+dulu|lama)\b`,
      ].join('|'),
      'u',
    ),
  },
];

/** The channel a normalised message hints at, or null when nothing does. */
export function detectChannel(text: string): Channel | null {
  return RULES.find((rule) => rule.pattern.test(text))?.channel ?? null;
}
