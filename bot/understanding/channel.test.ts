import { describe, expect, it } from 'vitest';
import { detectChannel } from './channel.js';
import { normalizeText } from './normalize.js';

const channelOf = (text: string) => detectChannel(normalizeText(text));

describe('channel', () => {
  it.each([
    ['dari IG kak', 'instagram_ads'],
    ['saya lihat di instagram', 'instagram_ads'],
    ['liat postingan ig kakak', 'instagram_ads'],
    ['tau dari insta', 'instagram_ads'],
    ['lihat di TikTok', 'tiktok_ads'],
    ['kak aku lihat video tik tok kalian', 'tiktok_ads'],
    ['muncul di fyp aku', 'tiktok_ads'],
    ['iklan fb', 'meta_ads'],
    ['dari facebook', 'meta_ads'],
    ['lihat iklannya kak', 'meta_ads'],
    ['Halo! Bisakah saya mendapatkan info selengkapnya tentang ini?', 'meta_ads'],
    ['direkomendasikan teman', 'referral'],
    ['kata temen di sini bagus', 'referral'],
    ['dapat nomor ini dari teman kantor', 'referral'],
    ['dikasih tau sama sepupu', 'referral'],
    ['teman saya pernah pesan di sini', 'referral'],
    ['rekomendasi dari saudara', 'referral'],
    ['dari website', 'website'],
    ['lihat di web kalian', 'website'],
    ['ketemu di bazar kemarin', 'event'],
    ['lihat booth kakak di pameran', 'event'],
    ['waktu itu beli di bazaar sekolah', 'event'],
    ['ketemu di event CFD', 'event'],
    ['dari google', 'organic'],
    ['nemu di google maps', 'organic'],
    ['lewat depan toko', 'organic'],
    ['lihat status wa teman', 'organic'],
  ])('%s → %s', (text, channel) => {
    expect(channelOf(text)).toBe(channel);
  });

  it.each([
    'halo kak, mau pesan',
    'ig kakak apa?',
    'dm ig ya',
    'minta rekomendasi buket dong',
    'buket buat event kantor',
    'ada website?',
    'beli di shopee bisa?',
    'Terima jasa desain feed instagram?',
  ])('%s hints at nothing', (text) => {
    expect(channelOf(text)).toBeNull();
  });
});
