import { describe, expect, it } from 'vitest';
import { label, messages, setLocale, t } from '../src/i18n.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("the console's message catalogs", () => {
  it('carry the same keys and placeholders in Indonesian and English', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.id).sort());
    for (const [key, text] of Object.entries(messages.id)) {
      expect(placeholders(messages.en[key as keyof typeof messages.en]), key).toEqual(placeholders(text));
    }
  });

  it('fill placeholders and label codes in the chosen language', () => {
    setLocale('en');
    expect(t('common.page', { page: 2, pages: 5 })).toBe('Page 2 of 5');
    expect(label('status', 'out_for_delivery')).toBe('Out for delivery');
    expect(label('status', 'unheard_of')).toBe('unheard_of');
    setLocale('id');
    expect(label('stage', 'won')).toBe('Berhasil');
  });
});
