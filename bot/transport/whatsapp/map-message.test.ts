import { describe, expect, it } from 'vitest';
import wweb from 'whatsapp-web.js';
import { chatKindOf } from '../chat-kind.js';
import {
  isIgnoredMessage,
  type MappingContext,
  mapAck,
  mapMessage,
  UnreadableMessage,
} from './map-message.js';

// The library's real Message class (its typings only declare an interface), fed the payload shape
// WhatsApp Web's `getMessageModel()` hands over, so `_patch` does exactly what it does in production.
const { Message } = wweb as unknown as {
  Message: new (client: unknown, data: Record<string, unknown>) => wweb.Message;
};
const waMessage = (data: Record<string, unknown>): wweb.Message => new Message({}, data);

const SHOP = '6281100000001@c.us';
const SHOP_LID = '210987654321@lid';
const CUSTOMER = '6281234567890@c.us';
const context: MappingContext = { ownIds: new Set([SHOP, SHOP_LID]) };

const T = 1_795_000_000; // 2026-11-18T07:06:40Z
const AT = new Date(T * 1_000);

/** A Wid the way WhatsApp Web serializes it (from/to/author/participants arrive as objects). */
const wid = (serialized: string) => {
  const [user, server] = serialized.split('@');
  return { server, user, _serialized: serialized };
};

/** A message key as `getMessageModel()` returns it: `remote` already a string. */
const key = (fromMe: boolean, remote: string, id: string, participant?: string) => ({
  fromMe,
  remote,
  id,
  ...(participant && { participant: wid(participant) }),
  _serialized: `${fromMe}_${remote}_${id}${participant ? `_${participant}` : ''}`,
});

/** A message from CUSTOMER to the shop, with WhatsApp Web's usual fields. */
const incoming = (id: string, fields: Record<string, unknown>) => ({
  id: key(false, CUSTOMER, id),
  ack: 1,
  t: T,
  from: wid(CUSTOMER),
  to: wid(SHOP),
  notifyName: 'Budi',
  isNewMsg: true,
  star: false,
  broadcast: false,
  ...fields,
});

// Base64 JPEG thumbnails WhatsApp Web puts in `body` of locations and not-yet-uploaded media.
const THUMBNAIL =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/';

describe('mapMessage', () => {
  it('maps a plain text from a phone number, with the push name', () => {
    const message = waMessage(
      incoming('3EB0A1B2C3D4E5F60718', { type: 'chat', body: 'Kak, buket mawar merah masih ada?' }),
    );

    expect(mapMessage(message, context)).toStrictEqual({
      id: `false_${CUSTOMER}_3EB0A1B2C3D4E5F60718`,
      chatId: CUSTOMER,
      chatKind: 'private',
      senderId: CUSTOMER,
      pushName: 'Budi',
      type: 'text',
      body: 'Kak, buket mawar merah masih ada?',
      timestamp: AT,
      fromMe: false,
      hasMedia: false,
    });
    expect(isIgnoredMessage(message)).toBe(false);
  });

  it('maps an image with its caption; directPath means the media can be downloaded', () => {
    const message = waMessage(
      incoming('A5C3F0E1D2B4A6C8E0F2', {
        type: 'image',
        body: THUMBNAIL,
        caption: 'yang kayak gini ya kak',
        mimetype: 'image/jpeg',
        size: 84_211,
        width: 1080,
        height: 1350,
        directPath:
          '/v/t62.7118-24/12345678_1234567890_n.enc?ccb=11-4&oh=01_Q5AaI&oe=6A1B2C3D&_nc_sid=5e03e0',
        mediaKey: 'uT0xXsZ4kH8vOq3yJ2pE9wR1aC5bN7mL6fD0gS8hK4=',
        filehash: 'Vt2m8yqZ0r3pXn1L7cB4aE6dF9gH5jK2lM8nO0pQ1sU=',
      }),
    );

    expect(mapMessage(message, context)).toStrictEqual({
      id: `false_${CUSTOMER}_A5C3F0E1D2B4A6C8E0F2`,
      chatId: CUSTOMER,
      chatKind: 'private',
      senderId: CUSTOMER,
      pushName: 'Budi',
      type: 'image',
      body: 'yang kayak gini ya kak',
      timestamp: AT,
      fromMe: false,
      hasMedia: true,
      mimetype: 'image/jpeg',
    });
  });

  it('does not take the thumbnail in body for a caption while the media has no directPath yet', () => {
    const message = waMessage(incoming('A5C3F0E1D2B4A6C8E0F3', { type: 'image', body: THUMBNAIL }));

    expect(mapMessage(message, context)).toMatchObject({ type: 'image', body: '', hasMedia: false });
  });

  it('maps a document with its file name and mime type', () => {
    const message = waMessage(
      incoming('3A9F2C7E1B5D8A4F6C20', {
        type: 'document',
        body: THUMBNAIL,
        caption: 'brief logo kopi',
        filename: 'Brief Logo Kopi Senja.pdf',
        mimetype: 'application/pdf',
        size: 245_760,
        pageCount: 3,
        directPath:
          '/v/t62.7119-24/98765432_1234567890_n.enc?ccb=11-4&oh=01_Q5AaJ&oe=6A1B2C3E&_nc_sid=5e03e0',
        mediaKey: 'bN7mL6fD0gS8hK4uT0xXsZ4kH8vOq3yJ2pE9wR1aC5=',
      }),
    );

    expect(mapMessage(message, context)).toStrictEqual({
      id: `false_${CUSTOMER}_3A9F2C7E1B5D8A4F6C20`,
      chatId: CUSTOMER,
      chatKind: 'private',
      senderId: CUSTOMER,
      pushName: 'Budi',
      type: 'document',
      body: 'brief logo kopi',
      timestamp: AT,
      fromMe: false,
      hasMedia: true,
      filename: 'Brief Logo Kopi Senja.pdf',
      mimetype: 'application/pdf',
    });
  });

  describe('quoted replies', () => {
    it("rebuilds the id of the shop's own message a customer replies to", () => {
      const message = waMessage(
        incoming('3EB0C0FFEE0000000001', {
          type: 'chat',
          body: 'iya kak jadi yang ini',
          quotedMsg: { type: 'chat', body: 'Total Rp 350.000, transfer ke BCA 123' },
          quotedStanzaID: '3EB0AB12CD34EF560001',
          quotedParticipant: wid(SHOP),
        }),
      );

      expect(message.hasQuotedMsg).toBe(true);
      expect(mapMessage(message, context)).toStrictEqual({
        id: `false_${CUSTOMER}_3EB0C0FFEE0000000001`,
        chatId: CUSTOMER,
        chatKind: 'private',
        senderId: CUSTOMER,
        pushName: 'Budi',
        type: 'text',
        body: 'iya kak jadi yang ini',
        timestamp: AT,
        fromMe: false,
        quotedMessageId: `true_${CUSTOMER}_3EB0AB12CD34EF560001`,
        hasMedia: false,
      });
    });

    it('recognises the shop when the quote names its @lid identity, and quotes of the customer', () => {
      const quotingShopLid = waMessage(
        incoming('3EB0C0FFEE0000000002', {
          type: 'chat',
          body: 'ok',
          quotedMsg: { type: 'chat', body: 'Pesanan ORD-202611-0007 siap diambil' },
          quotedStanzaID: '3EB0AB12CD34EF560002',
          quotedParticipant: wid(SHOP_LID),
        }),
      );
      const quotingThemselves = waMessage(
        incoming('3EB0C0FFEE0000000003', {
          type: 'chat',
          body: 'yang ini kak',
          quotedMsg: { type: 'image', caption: 'contoh' },
          quotedStanzaID: 'A5C3F0E1D2B4A6C8E0F2',
          quotedParticipant: CUSTOMER,
        }),
      );

      expect(mapMessage(quotingShopLid, context).quotedMessageId).toBe(
        `true_${CUSTOMER}_3EB0AB12CD34EF560002`,
      );
      expect(mapMessage(quotingThemselves, context).quotedMessageId).toBe(
        `false_${CUSTOMER}_A5C3F0E1D2B4A6C8E0F2`,
      );
    });

    it('keeps an id the quoted message carries itself', () => {
      const message = waMessage(
        incoming('3EB0C0FFEE0000000004', {
          type: 'chat',
          body: 'ini',
          quotedMsg: { type: 'chat', body: 'halo', id: key(true, CUSTOMER, '3EB0FACE0000000000AA') },
          quotedStanzaID: '3EB0FACE0000000000AA',
          quotedParticipant: wid(SHOP),
        }),
      );

      expect(mapMessage(message, context).quotedMessageId).toBe(`true_${CUSTOMER}_3EB0FACE0000000000AA`);
    });
  });

  it('keeps a sender whose number WhatsApp hides as …@lid', () => {
    const lid = '123456789012345@lid';
    const message = waMessage({
      id: key(false, lid, '3EB0D00D000000000001'),
      ack: 1,
      t: T,
      type: 'chat',
      body: 'halo kak, mau tanya harga hampers',
      from: wid(lid),
      to: wid(SHOP_LID),
      notifyName: 'Sari Florist Lover',
    });

    expect(mapMessage(message, context)).toStrictEqual({
      id: `false_${lid}_3EB0D00D000000000001`,
      chatId: lid,
      chatKind: 'private',
      senderId: lid,
      pushName: 'Sari Florist Lover',
      type: 'text',
      body: 'halo kak, mau tanya harga hampers',
      timestamp: AT,
      fromMe: false,
      hasMedia: false,
    });
  });

  it('takes the author as sender in a group, and quotes there carry the participant', () => {
    const group = '120363025246125888@g.us';
    const member = '6285711112222@c.us';
    const message = waMessage({
      id: key(false, group, '3EB0E1E1E1E1E1E1E1E1', member),
      ack: 1,
      t: T,
      type: 'chat',
      body: 'siapa yang pegang order ini?',
      from: wid(group),
      to: wid(SHOP),
      author: wid(member),
      notifyName: 'Rina',
      quotedMsg: { type: 'chat', body: 'ORD-202611-0003 masuk' },
      quotedStanzaID: '3EB0BEEF000000000003',
      quotedParticipant: wid(SHOP),
    });

    expect(mapMessage(message, context)).toStrictEqual({
      id: `false_${group}_3EB0E1E1E1E1E1E1E1E1_${member}`,
      chatId: group,
      chatKind: 'group',
      senderId: member,
      pushName: 'Rina',
      type: 'text',
      body: 'siapa yang pegang order ini?',
      timestamp: AT,
      fromMe: false,
      quotedMessageId: `true_${group}_3EB0BEEF000000000003_${SHOP}`,
      hasMedia: false,
    });
  });

  it('passes a status broadcast up as chatKind status (the pipeline drops it)', () => {
    const poster = '6281399998888@c.us';
    const message = waMessage({
      id: key(false, 'status@broadcast', '3AF00D5EA5E000000001', poster),
      ack: 0,
      t: T,
      type: 'image',
      body: THUMBNAIL,
      caption: 'Promo akhir pekan!',
      mimetype: 'image/jpeg',
      directPath: '/v/t62.7118-24/55555555_1234567890_n.enc?ccb=11-4&oh=01_Q5AaK&oe=6A1B2C3F&_nc_sid=5e03e0',
      from: wid('status@broadcast'),
      to: wid(SHOP),
      author: wid(poster),
      notifyName: 'Toko Sebelah',
      isStatusV3: true,
      broadcast: true,
    });

    expect(message.isStatus).toBe(true);
    expect(isIgnoredMessage(message)).toBe(false);
    expect(mapMessage(message, context)).toStrictEqual({
      id: `false_status@broadcast_3AF00D5EA5E000000001_${poster}`,
      chatId: 'status@broadcast',
      chatKind: 'status',
      senderId: poster,
      pushName: 'Toko Sebelah',
      type: 'image',
      body: 'Promo akhir pekan!',
      timestamp: AT,
      fromMe: false,
      hasMedia: true,
      mimetype: 'image/jpeg',
    });
  });

  it("maps a message the owner typed on the shop's phone: the chat is the recipient", () => {
    const message = waMessage({
      id: key(true, CUSTOMER, '3A1B2C3D4E5F60718293'),
      ack: 2,
      t: T,
      type: 'chat',
      body: 'Siap kak, besok jam 10 diantar ya',
      from: wid(SHOP),
      to: wid(CUSTOMER),
      notifyName: 'Toko Bunga Melati',
    });

    expect(mapMessage(message, context)).toStrictEqual({
      id: `true_${CUSTOMER}_3A1B2C3D4E5F60718293`,
      chatId: CUSTOMER,
      chatKind: 'private',
      senderId: CUSTOMER,
      pushName: 'Toko Bunga Melati',
      type: 'text',
      body: 'Siap kak, besok jam 10 diantar ya',
      timestamp: AT,
      fromMe: true,
      hasMedia: false,
    });
  });

  it('maps a shared location without its thumbnail body', () => {
    const message = waMessage(
      incoming('3EB0100CA710400000001', {
        type: 'location',
        body: THUMBNAIL,
        lat: -6.914744,
        lng: 107.60981,
        loc: 'Rumah Budi\nJl. Melati No. 5, Bandung',
        clientUrl: 'https://maps.google.com/?q=-6.914744,107.60981',
      }),
    );

    expect(mapMessage(message, context)).toStrictEqual({
      id: `false_${CUSTOMER}_3EB0100CA710400000001`,
      chatId: CUSTOMER,
      chatKind: 'private',
      senderId: CUSTOMER,
      pushName: 'Budi',
      type: 'location',
      body: '',
      timestamp: AT,
      fromMe: false,
      hasMedia: false,
      location: {
        latitude: -6.914744,
        longitude: 107.60981,
        description: 'Rumah Budi\nJl. Melati No. 5, Bandung',
      },
    });
  });

  it('maps a contact card and a multi-contact share to vcards', () => {
    const vcard =
      'BEGIN:VCARD\nVERSION:3.0\nN:;Ani;;;\nFN:Ani\nTEL;type=CELL;waid=6281299990000:+62 812-9999-0000\nEND:VCARD';
    const other = 'BEGIN:VCARD\nVERSION:3.0\nFN:Dodi\nTEL;waid=6281388887777:+62 813-8888-7777\nEND:VCARD';
    const single = waMessage(
      incoming('3EB0CA4D0000000000001', { type: 'vcard', body: vcard, vcardFormattedName: 'Ani' }),
    );
    const multi = waMessage(
      incoming('3EB0CA4D0000000000002', {
        type: 'multi_vcard',
        body: '',
        vcardList: [
          { displayName: 'Ani', vcard },
          { displayName: 'Dodi', vcard: other },
        ],
      }),
    );

    expect(mapMessage(single, context)).toStrictEqual({
      id: `false_${CUSTOMER}_3EB0CA4D0000000000001`,
      chatId: CUSTOMER,
      chatKind: 'private',
      senderId: CUSTOMER,
      pushName: 'Budi',
      type: 'contact',
      body: '',
      timestamp: AT,
      fromMe: false,
      hasMedia: false,
      vcards: [vcard],
    });
    expect(mapMessage(multi, context)).toMatchObject({ type: 'contact', body: '', vcards: [vcard, other] });
  });

  it('maps a voice note (ptt) to audio', () => {
    const message = waMessage(
      incoming('3EB0A0D10000000000001', {
        type: 'ptt',
        body: '',
        mimetype: 'audio/ogg; codecs=opus',
        duration: '7',
        size: 12_044,
        directPath:
          '/v/t62.7117-24/11111111_1234567890_n.enc?ccb=11-4&oh=01_Q5AaL&oe=6A1B2C40&_nc_sid=5e03e0',
        mediaKey: 'pE9wR1aC5bN7mL6fD0gS8hK4uT0xXsZ4kH8vOq3yJ2=',
      }),
    );

    expect(mapMessage(message, context)).toStrictEqual({
      id: `false_${CUSTOMER}_3EB0A0D10000000000001`,
      chatId: CUSTOMER,
      chatKind: 'private',
      senderId: CUSTOMER,
      pushName: 'Budi',
      type: 'audio',
      body: '',
      timestamp: AT,
      fromMe: false,
      hasMedia: true,
      mimetype: 'audio/ogg; codecs=opus',
    });
  });

  it('maps a sticker', () => {
    const message = waMessage(
      incoming('3EB05717C4E200000001', {
        type: 'sticker',
        body: '',
        mimetype: 'image/webp',
        isAnimated: false,
        directPath:
          '/v/t62.15575-24/22222222_1234567890_n.enc?ccb=11-4&oh=01_Q5AaM&oe=6A1B2C41&_nc_sid=5e03e0',
        mediaKey: 'D0gS8hK4uT0xXsZ4kH8vOq3yJ2pE9wR1aC5bN7mL6f=',
      }),
    );

    expect(mapMessage(message, context)).toStrictEqual({
      id: `false_${CUSTOMER}_3EB05717C4E200000001`,
      chatId: CUSTOMER,
      chatKind: 'private',
      senderId: CUSTOMER,
      pushName: 'Budi',
      type: 'sticker',
      body: '',
      timestamp: AT,
      fromMe: false,
      hasMedia: true,
      mimetype: 'image/webp',
    });
  });

  it('maps a missed call log to other and marks it ignored, like other events nobody wrote', () => {
    const call = waMessage(
      incoming('3EB0CA11000000000001', {
        type: 'call_log',
        subtype: 'miss',
        body: '',
        callOutcome: 'Missed',
      }),
    );

    expect(mapMessage(call, context)).toStrictEqual({
      id: `false_${CUSTOMER}_3EB0CA11000000000001`,
      chatId: CUSTOMER,
      chatKind: 'private',
      senderId: CUSTOMER,
      pushName: 'Budi',
      type: 'other',
      body: '',
      timestamp: AT,
      fromMe: false,
      hasMedia: false,
    });
    expect(isIgnoredMessage(call)).toBe(true);
    for (const type of ['e2e_notification', 'notification_template', 'protocol', 'revoked', 'ciphertext']) {
      expect(isIgnoredMessage(waMessage(incoming('3EB0000000000000000X', { type, body: '' })))).toBe(true);
    }
    for (const type of ['chat', 'image', 'poll_creation', 'order']) {
      expect(isIgnoredMessage(waMessage(incoming('3EB0000000000000000Y', { type, body: '' })))).toBe(false);
    }
  });
});

describe('mapMessage on payloads out of shape (issue 10, fuzzing)', () => {
  it('refuses a message without an id, a chat or a time, instead of passing up undefined', () => {
    const text = (fields: Record<string, unknown>) =>
      waMessage({ ...incoming('3EB0BAD0000000000001', { type: 'chat', body: 'halo' }), ...fields });
    expect(() => mapMessage(text({ id: {} }), context)).toThrow(UnreadableMessage);
    expect(() =>
      mapMessage(text({ id: { _serialized: 'false_x_1', remote: 42 }, from: {}, to: {} }), context),
    ).toThrow(/without a chat/);
    expect(() => mapMessage(text({ t: 'kemarin' }), context)).toThrow(/without a time/);
  });

  it('refuses ids too long to be WhatsApp’s, and cuts a text at WhatsApp’s 65 536 characters', () => {
    const long = waMessage(incoming('x'.repeat(300), { type: 'chat', body: 'halo' }));
    expect(() => mapMessage(long, context)).toThrow(UnreadableMessage);
    const huge = waMessage(incoming('3EB0BAD0000000000003', { type: 'chat', body: 'a'.repeat(100_000) }));
    expect(mapMessage(huge, context).body).toHaveLength(65_536);
  });

  it('reads other fields of the wrong type as absent or empty', () => {
    const message = waMessage(
      incoming('3EB0BAD0000000000002', {
        type: 'chat',
        body: { text: 'halo' },
        author: 42,
        id: { ...key(false, CUSTOMER, '3EB0BAD0000000000002'), fromMe: 'no' },
      }),
    );
    expect(mapMessage(message, context)).toMatchObject({ body: '', senderId: CUSTOMER, fromMe: false });
  });
});

describe('chatKindOf', () => {
  it('names every kind of chat id', () => {
    expect(chatKindOf(CUSTOMER)).toBe('private');
    expect(chatKindOf('123456789012345@lid')).toBe('private');
    expect(chatKindOf('120363025246125888@g.us')).toBe('group');
    expect(chatKindOf('status@broadcast')).toBe('status');
    expect(chatKindOf('120363144038483540@newsletter')).toBe('newsletter');
    expect(chatKindOf('1700000000@broadcast')).toBe('other');
  });
});

describe('mapAck', () => {
  it("follows the library's MessageAck values", () => {
    expect([-1, 0, 1, 2, 3, 4].map(mapAck)).toEqual([
      'failed',
      'pending',
      'sent',
      'delivered',
      'read',
      'played',
    ]);
  });
});
