import { describe, expect, it } from 'vitest';
import { botText } from './messages.js';

describe('botText', () => {
  it('fills placeholders in the chosen locale', () => {
    expect(botText('id', 'media.too_large', { max: '10 MB' })).toContain('maksimal 10 MB');
    expect(botText('en', 'media.too_large', { max: '10 MB' })).toContain('at most 10 MB');
  });

  it('leaves an unknown placeholder visible rather than inventing a value', () => {
    expect(botText('en', 'media.too_large')).toContain('{max}');
  });
});
