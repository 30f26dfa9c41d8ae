import { describe, expect, it } from 'vitest';
import { chatIdOfPhone, type PhoneNumber, parsePhone, phoneOfChatId } from './phone.js';

const phone = (input: string) => {
  const result = parsePhone(input);
  return result.ok ? result.phone : result.code;
};

describe('parsePhone', () => {
  it.each([
    '081234567890',
    '81234567890',
    '+62 812-3456-7890',
    '6281234567890',
    '+6281234567890',
    '0812 3456 7890',
    '(0812) 3456-7890',
    '62 812 3456 7890',
    ' 0812.3456.7890 ',
  ])('reads %s as +6281234567890', (input) => {
    expect(phone(input)).toBe('+6281234567890');
  });

  it('keeps foreign numbers with their own country code', () => {
    expect(phone('+60 12-345 6789')).toBe('+60123456789');
  });

  it('reads a Jakarta landline too', () => {
    expect(phone('021 5551234')).toBe('+62215551234');
  });

  it.each(['', 'abc', '0812', '12345', '08123456789012345678'])('refuses %j', (input) => {
    expect(phone(input)).toBe('PHONE.INVALID');
  });
});

describe('chat ids', () => {
  it('maps a c.us chat id to its phone and back', () => {
    expect(phoneOfChatId('6281234567890@c.us')).toBe('+6281234567890');
    expect(chatIdOfPhone('+6281234567890' as PhoneNumber)).toBe('6281234567890@c.us');
  });

  it('has no phone for a hidden-number (@lid) or group chat', () => {
    expect(phoneOfChatId('123456789012345@lid')).toBeUndefined();
    expect(phoneOfChatId('120363025246125888@g.us')).toBeUndefined();
  });
});
