import { describe, expect, it } from 'vitest';
import { deliveryStatesBefore, laterDelivery, messageTypeOfMime } from './message.rules.js';

describe('delivery states', () => {
  it('only move forward', () => {
    expect(laterDelivery(undefined, 'sent')).toBe('sent');
    expect(laterDelivery('sent', 'delivered')).toBe('delivered');
    expect(laterDelivery('read', 'delivered')).toBe('read');
    expect(laterDelivery('sent', 'failed')).toBe('failed');
    expect(laterDelivery('delivered', 'failed')).toBe('delivered');
    expect(deliveryStatesBefore('read')).toEqual(['queued', 'sent', 'delivered']);
  });
});

describe('messageTypeOfMime', () => {
  it('maps files to the type WhatsApp shows', () => {
    expect(
      ['image/jpeg', 'image/webp', 'video/mp4', 'audio/ogg', 'application/pdf'].map(messageTypeOfMime),
    ).toEqual(['image', 'sticker', 'video', 'audio', 'document']);
  });
});
