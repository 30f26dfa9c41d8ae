import { messageTypeOfMime } from '../../../domain/messages/message.rules.js';
import { chatKindOf } from '../chat-kind.js';
import { TransportEmitter } from '../events.js';
import type { InboundMessage, MediaFile, MessageType, SendOptions, Sent, Transport } from '../transport.js';

/** A message the bot sent through the simulator, as a test or demo sees it. */
export interface SimulatedSend {
  id: string;
  chatId: string;
  text: string;
  media?: MediaFile;
  quotedMessageId?: string;
  at: Date;
}

/** What a driver (test, demo, "try the bot") says as a customer; everything else is filled in. */
export interface SimulatedInput {
  chatId: string;
  body?: string;
  pushName?: string;
  type?: MessageType;
  media?: MediaFile;
  quotedMessageId?: string;
  /** Fix the WhatsApp id, e.g. to deliver the same event twice. */
  id?: string;
  timestamp?: Date;
}

/**
 * The in-process WhatsApp stand-in: deterministic ids, a record of every send, and the same events the
 * real transport emits (including the `ownMessage` echo WhatsApp gives for the bot's own sends).
 */
export class SimulatorTransport extends TransportEmitter implements Transport {
  readonly kind = 'simulator' as const;
  readonly sent: SimulatedSend[] = [];
  #sequence = 0;
  #failures: Error[] = [];
  readonly #media = new Map<string, MediaFile>();

  async start(): Promise<void> {
    this.emit('state', { state: 'ready' });
  }

  async stop(): Promise<void> {
    this.emit('state', { state: 'stopped' });
  }

  /** A customer writes to the shop. Returns the message as the bot receives it. */
  receive(input: SimulatedInput): InboundMessage {
    const message = this.#build(input, false);
    if (input.media) this.#media.set(message.id, input.media);
    this.emit('message', message);
    return message;
  }

  /** Someone types on the shop's own phone (human takeover). */
  typeOnPhone(chatId: string, body: string): InboundMessage {
    const message = this.#build({ chatId, body }, true);
    this.emit('ownMessage', message);
    return message;
  }

  /** Make the next sends fail with these errors, in order (to test retries). */
  failNextSends(...errors: Error[]): void {
    this.#failures.push(...errors);
  }

  async sendText(chatId: string, text: string, options: SendOptions = {}): Promise<Sent> {
    return this.#send({ chatId, text, ...options });
  }

  async sendMedia(
    chatId: string,
    media: MediaFile,
    options: SendOptions & { caption?: string } = {},
  ): Promise<Sent> {
    const { caption = '', ...rest } = options;
    return this.#send({ chatId, text: caption, media, ...rest });
  }

  async downloadMedia(messageId: string): Promise<MediaFile | undefined> {
    return this.#media.get(messageId);
  }

  #send(send: Omit<SimulatedSend, 'id' | 'at'>): Sent {
    const failure = this.#failures.shift();
    if (failure) throw failure;
    const record: SimulatedSend = { ...send, id: this.#nextId('out'), at: new Date() };
    this.sent.push(record);
    const echo = this.#build(
      { chatId: send.chatId, body: send.text, id: record.id, ...(send.media && { media: send.media }) },
      true,
    );
    // WhatsApp reports the bot's own sends back as device messages, then acks them; so does the simulator.
    queueMicrotask(() => {
      this.emit('ownMessage', echo);
      this.emit('ack', { messageId: record.id, state: 'sent' });
      this.emit('ack', { messageId: record.id, state: 'delivered' });
    });
    return { id: record.id };
  }

  #nextId(prefix: string): string {
    this.#sequence += 1;
    return `sim-${prefix}-${this.#sequence}`;
  }

  #build(input: SimulatedInput, fromMe: boolean): InboundMessage {
    const media = input.media;
    return {
      id: input.id ?? this.#nextId(fromMe ? 'own' : 'in'),
      chatId: input.chatId,
      chatKind: chatKindOf(input.chatId),
      senderId: input.chatId,
      ...(input.pushName && { pushName: input.pushName }),
      type: input.type ?? (media ? messageTypeOfMime(media.mimetype) : 'text'),
      body: input.body ?? '',
      timestamp: input.timestamp ?? new Date(),
      fromMe,
      ...(input.quotedMessageId && { quotedMessageId: input.quotedMessageId }),
      hasMedia: Boolean(media),
      ...(media && { mimetype: media.mimetype }),
      ...(media?.filename && { filename: media.filename }),
    };
  }
}
