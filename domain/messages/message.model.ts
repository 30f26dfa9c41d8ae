import { Schema } from 'mongoose';
import type { Actor } from '../audit/audit.model.js';
import { protectFields } from '../platform/field-encryption.js';
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

/** Why a customer message needs a person: the bot did not understand it, handed the chat over, was quiet, or failed. */
export const ATTENTION_REASONS = ['unclear', 'handover', 'paused', 'failed'] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

/** What staff made of it: an order, a lead or a task, a reply, or nothing to do. */
export const ATTENTION_OUTCOMES = ['order', 'lead', 'task', 'replied', 'dismissed'] as const;
export type AttentionOutcome = (typeof ATTENTION_OUTCOMES)[number];

/** A customer message in the console inbox ("needs a person"): open until `doneAt`. */
export interface MessageAttention {
  /** The first reason it was flagged for; later flags change nothing. */
  reason: AttentionReason;
  at: Date;
  /** A staff member is acting on it since `at`: others wait until it is done or the claim lapses. */
  claim?: { by: Actor; at: Date };
  doneAt?: Date;
  doneBy?: Actor;
  outcome?: AttentionOutcome;
  /** What was made: the order number, lead id or task number. */
  ref?: string;
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
  attention?: MessageAttention;
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

const actorSchema = new Schema<Actor>(
  { kind: { type: String, required: true }, id: String, name: String },
  { _id: false },
);

const attentionSchema = new Schema<MessageAttention>(
  {
    reason: { type: String, enum: ATTENTION_REASONS, required: true },
    at: { type: Date, required: true },
    claim: {
      type: new Schema(
        { by: { type: actorSchema, required: true }, at: { type: Date, required: true } },
        { _id: false },
      ),
      default: undefined,
    },
    doneAt: Date,
    doneBy: { type: actorSchema, default: undefined },
    outcome: { type: String, enum: ATTENTION_OUTCOMES },
    ref: String,
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
    attention: { type: attentionSchema, default: undefined },
  },
  { timestamps: false, versionKey: false },
);
messageSchema.index({ chatId: 1, sentAt: 1 });
messageSchema.index({ 'processing.state': 1, receivedAt: 1 });
// The inbox: open items (no doneAt) newest first. Only flagged messages are in the index.
messageSchema.index(
  { 'attention.doneAt': 1, 'attention.at': -1, _id: -1 },
  { partialFilterExpression: { 'attention.at': { $exists: true } } },
);

protectFields(messageSchema, {
  waId: 'lookup',
  chatId: 'lookup',
  body: 'secret',
  quotedWaId: 'lookup',
  'media.filename': 'secret',
  'processing.error': 'secret',
  outboxKey: 'keyed',
});

export const messageModel = defineModel('Message', messageSchema);
