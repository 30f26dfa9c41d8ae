/**
 * The WhatsApp transport seen from above: everything past this interface runs the same on the real
 * whatsapp-web.js session and on the simulator.
 */

import type { MessageType } from '../../domain/messages/message.model.js';

export type { MessageType };

/** What kind of chat a message belongs to; only `private` chats are customers. */
export type ChatKind = 'private' | 'group' | 'status' | 'newsletter' | 'other';

/** One message as the transport hands it up, already detached from the library's objects. */
export interface InboundMessage {
  /** WhatsApp's serialized message id; unique, the inbox's dedupe key. */
  id: string;
  /** The chat: `628…@c.us`, `…@lid` (number hidden by WhatsApp), `…@g.us`, `status@broadcast`. */
  chatId: string;
  chatKind: ChatKind;
  /** Who wrote it: the chat itself in private chats, the member (author) in groups. */
  senderId: string;
  /** The name the sender's WhatsApp shows (push name), when known. */
  pushName?: string;
  type: MessageType;
  /** Text, or the caption of a media message; '' when there is none. */
  body: string;
  timestamp: Date;
  /** Sent by the shop's own phone (owner typing on the device), not by a customer. */
  fromMe: boolean;
  quotedMessageId?: string;
  hasMedia: boolean;
  /** The file name a document came with, when WhatsApp carries one. */
  filename?: string;
  mimetype?: string;
  location?: { latitude: number; longitude: number; description?: string };
  /** vCards of shared contacts. */
  vcards?: string[];
  /**
   * Called by the bot once the inbox has stored the message (or found it stored already). A transport
   * that confirms receipt to its source (the remote simulator) does it here, never earlier.
   */
  onStored?: () => void;
}

/** A file to send or one downloaded from a message. */
export interface MediaFile {
  mimetype: string;
  data: Buffer;
  filename?: string;
}

/** Delivery progress of a message we sent, as WhatsApp reports it. */
export type AckState = 'pending' | 'sent' | 'delivered' | 'read' | 'played' | 'failed';

/** The session's state, kept in MongoDB so the console can show it. */
export type ConnectionState =
  | 'starting'
  | 'qr' // waiting for the owner to scan the QR code
  | 'authenticated'
  | 'ready'
  | 'disconnected' // lost; reconnecting with backoff
  | 'auth_failure' // scan again
  | 'logged_out' // scan again
  | 'stopped';

export interface TransportEvents {
  /** A message someone else wrote (customers, groups, status: the pipeline decides what to ignore). */
  message: (message: InboundMessage) => void;
  /** A message the shop's own device sent (fromMe), including ones Pesanin sent itself. */
  ownMessage: (message: InboundMessage) => void;
  ack: (event: { messageId: string; state: AckState }) => void;
  state: (event: { state: ConnectionState; detail?: string }) => void;
  qr: (qr: string) => void;
}

export interface SendOptions {
  /** Send as a reply quoting this message id. */
  quotedMessageId?: string;
}

/** The result of a send: WhatsApp's id for the new message. */
export interface Sent {
  id: string;
}

export interface Transport {
  readonly kind: 'whatsapp' | 'simulator';
  start(): Promise<void>;
  stop(): Promise<void>;
  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): void;
  off<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): void;
  sendText(chatId: string, text: string, options?: SendOptions): Promise<Sent>;
  sendMedia(chatId: string, media: MediaFile, options?: SendOptions & { caption?: string }): Promise<Sent>;
  /** The media of a message received earlier; undefined when WhatsApp no longer has it. */
  downloadMedia(messageId: string): Promise<MediaFile | undefined>;
}
