import { keyring } from '../crypto.js';
import type { FieldSpec } from '../field-encryption.js';
import { sealCollection } from '../key-rotation.js';
import type { Migration } from './migration.js';

/**
 * The personal fields as the privacy release protects them, written out (frozen: later changes to the
 * models add their own migration). Each collection is walked once; plaintext is encrypted or replaced by
 * its blind index, values already stored in the current form are left alone, so a rerun after a crash
 * finishes the job and a second run changes nothing.
 *
 * Not additive: the previous release cannot read encrypted fields. Rolling back past this migration
 * means restoring the backup taken before the upgrade (README, "Upgrading").
 */
export const PERSONAL_FIELDS_V1: Readonly<Record<string, FieldSpec>> = {
  contacts: { chatId: 'lookup', phone: 'lookup', otherChatIds: 'lookup', 'addresses.text': 'secret' },
  chats: { chatId: 'lookup' },
  conversations: { chatId: 'lookup', data: 'deep' },
  messages: {
    waId: 'lookup',
    chatId: 'lookup',
    body: 'secret',
    quotedWaId: 'lookup',
    'media.filename': 'secret',
    'processing.error': 'secret',
    outboxKey: 'keyed',
  },
  outboxes: {
    key: 'keyed',
    chatId: 'lookup',
    text: 'secret',
    'media.filename': 'secret',
    quotedWaId: 'lookup',
    relayTo: 'lookup',
    waId: 'lookup',
    error: 'secret',
  },
  orders: {
    chatId: 'lookup',
    'fulfilment.address': 'secret',
    'fulfilment.recipientPhone': 'secret',
    requestKey: 'keyed',
    messageIds: 'lookup',
    'contactMove.before.chatId': 'secret',
  },
  invoices: { chatId: 'lookup' },
  trialmessages: { chatId: 'lookup', body: 'secret' },
  payments: { messageId: 'lookup', proofPath: 'secret' },
  audits: { before: 'deep', after: 'deep' },
  materials: { 'movements.key': 'keyed' },
  users: { whatsapp: 'lookup' },
  imports: { filename: 'secret', 'rowErrors.message': 'secret' },
  tasks: { 'link.label': 'secret' },
  activities: { details: 'deep' },
};

export const encryptPersonalFields: Migration = {
  id: '0004-encrypt-personal-fields',
  description: 'encrypt phone numbers, chat ids, addresses and message texts already stored',
  async up(connection, log) {
    const ring = keyring();
    for (const [collection, spec] of Object.entries(PERSONAL_FIELDS_V1)) {
      const done = await sealCollection(connection, ring, collection, spec);
      if (done.rewritten > 0) log.info(done, `encrypted personal fields in ${collection}`);
    }
  },
};
