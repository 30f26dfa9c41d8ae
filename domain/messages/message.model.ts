import { Schema } from 'mongoose';
import { defineModel } from '../platform/model.js';

export const MESSAGE_TYPES = [
  'text',
  'image',
  'video',
  'audio',
  'document',
  'sticker',
  'location',
  'contact',
  'other',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Who wrote a message: the customer, the bot, a staff member (console/relay), or the shop's phone itself. */
export type MessageAuthor = 'customer' | 'bot' | 'staff' | 'phone';
export type ProcessingState = 'pending' | 'processing' | 'done' | 'failed';
export type DeliveryState = 'queued' | 'sent' | 'delivered' | 'read' | 'played' | 'failed';
export type MediaState = 'pending' | 'stored' | 'refused' | 'failed';

export interface MessageMedia {
  state: MediaState;
  /** Relative to the data directory. */
  path?: string;
  thumbnailPath?: string;
  mime?: string;
  size?: number;
  sha256?: string;
  width?: number;
  height?: number;
  filename?: string;
  /** Why it was refused or failed (a code such as MEDIA.TOO_LARGE). */
  error?: string;
  attempts: number;
}

/** Every message in and out of the shop's WhatsApp, the chat thread as staff see it. */
export interface Message {
  /** WhatsApp's message id: unique, so a duplicate event is stored once. */
  waId: string;
  chatId: string;
  direction: 'in' | 'out';
  author: MessageAuthor;
  type: MessageType;
  body: string;
  pushName?: string;
  /** When WhatsApp says it was sent. */
  sentAt: Date;
  /** When Pesanin recorded it; pending messages are processed again in this order after a restart. */
  receivedAt: Date;
  quotedWaId?: string;
  media?: MessageMedia;
  processing?: { state: ProcessingState; attempts: number; error?: string; finishedAt?: Date };
  delivery?: DeliveryState;
  outboxKey?: string;
}

const mediaSchema = new Schema<MessageMedia>(
  {
    state: { type: String, enum: ['pending', 'stored', 'refused', 'failed'], required: true },
    path: String,
    thumbnailPath: String,
    mime: String,
    size: Number,
    sha256: String,
    width: Number,
    height: Number,
    filename: String,
    error: String,
    attempts: { type: Number, default: 0 },
  },
  { _id: false },
);

export const messageSchema = new Schema<Message>(
  {
    waId: { type: String, required: true, unique: true },
    chatId: { type: String, required: true },
    direction: { type: String, enum: ['in', 'out'], required: true },
    author: { type: String, enum: ['customer', 'bot', 'staff', 'phone'], required: true },
    type: { type: String, enum: MESSAGE_TYPES, required: true },
    body: { type: String, default: '' },
    pushName: String,
    sentAt: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
    quotedWaId: String,
    media: mediaSchema,
    processing: {
      type: new Schema(
        {
          state: { type: String, enum: ['pending', 'processing', 'done', 'failed'], required: true },
          attempts: { type: Number, default: 0 },
          error: String,
          finishedAt: Date,
        },
        { _id: false },
      ),
    },
    delivery: { type: String, enum: ['queued', 'sent', 'delivered', 'read', 'played', 'failed'] },
    outboxKey: String,
  },
  { timestamps: false, versionKey: false },
);
messageSchema.index({ chatId: 1, sentAt: 1 });
messageSchema.index({ 'processing.state': 1, receivedAt: 1 });

export const messageModel = defineModel('Message', messageSchema);
