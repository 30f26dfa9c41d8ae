import { Schema } from 'mongoose';
import { protectFields } from '../platform/field-encryption.js';
import { defineModel } from '../platform/model.js';

/**
 * What the bot is in the middle of with one chat. Known kinds are listed for editors; features may add
 * their own (any string). `idle` is a chat with no state, only a misunderstood count.
 */
export type ConversationKind = 'order_draft' | 'custom_draft' | 'awaiting_detail' | 'idle' | (string & {});

/** Short-lived conversation state, one per chat. The store is generic; callers type and check `data`. */
export interface Conversation<T = unknown> {
  chatId: string;
  kind: ConversationKind;
  data: T;
  /** Consecutive messages the bot did not understand (two in a row hand the chat over to staff). */
  misunderstood: number;
  updatedAt: Date;
  /** After this the state is gone, whether or not MongoDB's TTL monitor has deleted it yet. */
  expiresAt: Date;
}

export const conversationSchema = new Schema<Conversation>(
  {
    chatId: { type: String, required: true, unique: true },
    kind: { type: String, required: true },
    data: Schema.Types.Mixed,
    misunderstood: { type: Number, required: true, default: 0 },
    updatedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
// Real MongoDB deletes expired states about once a minute; reads never rely on it (see getConversation).
conversationSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

protectFields(conversationSchema, { chatId: 'lookup', data: 'deep' });

export const conversationModel = defineModel('Conversation', conversationSchema);
