import { Schema } from 'mongoose';
import { protectFields } from '../platform/field-encryption.js';
import { defineModel } from '../platform/model.js';

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';
/** Who asked for the message; the chat thread shows bot and staff messages differently. */
export type OutboxOrigin = 'bot' | 'staff' | 'job';

/** A message waiting to be sent, being sent, or done. Anyone enqueues; only the bot process sends. */
export interface OutboxItem {
  /** Unique dedupe key: enqueueing the same key twice queues one message. */
  key: string;
  chatId: string;
  text: string;
  /** A stored file to send, relative to the data directory; `text` is its caption. */
  media?: { path: string; mime: string; filename?: string };
  quotedWaId?: string;
  /**
   * The customer chat this staff alert is about: an admin who replies to (quotes) the alert on WhatsApp
   * answers that customer (reply-to-relay).
   */
  relayTo?: string;
  origin: OutboxOrigin;
  state: OutboxState;
  attempts: number;
  /** Not sent before this time (retry backoff). */
  notBefore: Date;
  claimedAt?: Date;
  sentAt?: Date;
  /** WhatsApp's id of the sent message. */
  waId?: string;
  error?: string;
  createdAt: Date;
}

export const outboxSchema = new Schema<OutboxItem>(
  {
    key: { type: String, required: true, unique: true },
    chatId: { type: String, required: true },
    text: { type: String, default: '' },
    media: {
      type: new Schema({ path: String, mime: String, filename: String }, { _id: false }),
    },
    quotedWaId: String,
    relayTo: String,
    origin: { type: String, enum: ['bot', 'staff', 'job'], required: true },
    state: { type: String, enum: ['pending', 'sending', 'sent', 'failed'], required: true },
    attempts: { type: Number, default: 0 },
    notBefore: { type: Date, required: true },
    claimedAt: Date,
    sentAt: Date,
    waId: String,
    error: String,
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
outboxSchema.index({ state: 1, notBefore: 1, createdAt: 1 });
outboxSchema.index({ waId: 1 });

protectFields(outboxSchema, {
  key: 'keyed',
  chatId: 'lookup',
  text: 'secret',
  'media.filename': 'secret',
  quotedWaId: 'lookup',
  relayTo: 'lookup',
  waId: 'lookup',
  error: 'secret',
});

export const outboxModel = defineModel('Outbox', outboxSchema);
