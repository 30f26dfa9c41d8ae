import { z } from 'zod';
import { messageTypeOfMime } from '../../../domain/messages/message.rules.js';
import { describeError } from '../../../domain/platform/errors.js';
import type { Logger } from '../../../domain/platform/logger.js';
import { chatKindOf } from '../chat-kind.js';
import { TransportEmitter } from '../events.js';
import type { InboundMessage, MediaFile, SendOptions, Sent, Transport } from '../transport.js';

/** The inbox poll's answer from the WhatsApp stand-in (scripts/wa-sim/server.ts). */
const inboxAnswer = z.object({
  messages: z.array(
    z.object({
      id: z.string().min(1),
      chatId: z.string().min(1),
      body: z.string(),
      pushName: z.string().optional(),
      timestamp: z.iso.datetime(),
      media: z.object({ mimetype: z.string().min(1), filename: z.string().optional() }).optional(),
    }),
  ),
});
const sentAnswer = z.object({ id: z.string().min(1) });
const mediaAnswer = z.object({
  mimetype: z.string().min(1),
  data: z.base64(),
  filename: z.string().optional(),
});

export interface RemoteSimulatorOptions {
  /** The stand-in's address, e.g. http://127.0.0.1:4100 (WA_SIM_URL). */
  url: string;
  log: Logger;
  /** How long one inbox poll may wait on the server. */
  pollWaitMs?: number;
  /** Messages stored within this long of each other are acknowledged in one request. */
  ackBatchMs?: number;
  /** Pause after a failed poll before the next one. */
  retryMs?: number;
}

/**
 * The simulator transport in remote mode: customer messages come from the WhatsApp stand-in by long
 * polling, replies go to it. A message is acknowledged once the bot says it is stored (`onStored`): a
 * bot killed before that gets it again from the server. Files are downloaded from the stand-in on
 * demand, so a message processed again after a restart still finds its file.
 */
export class RemoteSimulatorTransport extends TransportEmitter implements Transport {
  readonly kind = 'simulator' as const;
  readonly #url: string;
  readonly #log: Logger;
  readonly #pollWaitMs: number;
  readonly #ackBatchMs: number;
  readonly #retryMs: number;
  #running = false;
  #abort = new AbortController();
  #loop: Promise<void> = Promise.resolve();
  readonly #toAck = new Set<string>();
  #ackTimer: NodeJS.Timeout | undefined;

  constructor(options: RemoteSimulatorOptions) {
    super();
    this.#url = options.url.replace(/\/$/, '');
    this.#log = options.log;
    this.#pollWaitMs = options.pollWaitMs ?? 20_000;
    this.#ackBatchMs = options.ackBatchMs ?? 20;
    this.#retryMs = options.retryMs ?? 1_000;
  }

  async start(): Promise<void> {
    this.#running = true;
    this.#abort = new AbortController();
    this.emit('state', { state: 'ready' });
    this.#loop = this.#pollLoop();
  }

  /** Stop polling and acknowledge what the bot stored since the last acknowledgement. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#abort.abort();
    await this.#loop;
    clearTimeout(this.#ackTimer);
    this.#ackTimer = undefined;
    await this.#flushAcks();
    this.emit('state', { state: 'stopped' });
  }

  async sendText(chatId: string, text: string, options: SendOptions = {}): Promise<Sent> {
    return this.#send(chatId, text, options);
  }

  /** The stand-in records a media send as its caption and mime type; the file itself stays here. */
  async sendMedia(
    chatId: string,
    media: MediaFile,
    options: SendOptions & { caption?: string } = {},
  ): Promise<Sent> {
    const { caption = '', ...rest } = options;
    return this.#send(chatId, caption, rest, media.mimetype);
  }

  async downloadMedia(messageId: string): Promise<MediaFile | undefined> {
    const response = await fetch(`${this.#url}/bot/media?id=${encodeURIComponent(messageId)}`);
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`media download answered ${response.status}`);
    const media = mediaAnswer.parse(await response.json());
    return {
      mimetype: media.mimetype,
      data: Buffer.from(media.data, 'base64'),
      ...(media.filename && { filename: media.filename }),
    };
  }

  async #send(chatId: string, text: string, options: SendOptions, mimetype?: string): Promise<Sent> {
    const { id } = sentAnswer.parse(
      await this.#post('/bot/send', {
        chatId,
        text,
        ...(options.quotedMessageId && { quotedMessageId: options.quotedMessageId }),
        ...(mimetype && { mimetype }),
      }),
    );
    const echo: InboundMessage = {
      id,
      chatId,
      chatKind: chatKindOf(chatId),
      senderId: chatId,
      type: mimetype ? 'document' : 'text',
      body: text,
      timestamp: new Date(),
      fromMe: true,
      hasMedia: Boolean(mimetype),
      ...(mimetype && { mimetype }),
    };
    // As WhatsApp does (and the in-process simulator): the bot's own send echoes back, then is acked.
    queueMicrotask(() => {
      this.emit('ownMessage', echo);
      this.emit('ack', { messageId: id, state: 'sent' });
      this.emit('ack', { messageId: id, state: 'delivered' });
    });
    return { id };
  }

  async #pollLoop(): Promise<void> {
    let failing = false;
    while (this.#running) {
      try {
        const response = await fetch(`${this.#url}/bot/inbox?wait=${this.#pollWaitMs}`, {
          signal: this.#abort.signal,
        });
        if (!response.ok) throw new Error(`inbox poll answered ${response.status}`);
        const { messages } = inboxAnswer.parse(await response.json());
        if (failing) {
          failing = false;
          this.emit('state', { state: 'ready' });
        }
        for (const message of messages) this.#deliver(message);
      } catch (error) {
        if (!this.#running) return;
        if (!failing) {
          failing = true;
          this.#log.warn({ err: error }, `WhatsApp stand-in unreachable: ${describeError(error)}`);
          this.emit('state', { state: 'disconnected', detail: describeError(error) });
        }
        await new Promise((resolve) => setTimeout(resolve, this.#retryMs));
      }
    }
  }

  #deliver(raw: z.infer<typeof inboxAnswer>['messages'][number]): void {
    const { media } = raw;
    this.emit('message', {
      id: raw.id,
      chatId: raw.chatId,
      chatKind: chatKindOf(raw.chatId),
      senderId: raw.chatId,
      ...(raw.pushName && { pushName: raw.pushName }),
      type: media ? messageTypeOfMime(media.mimetype) : 'text',
      body: raw.body,
      timestamp: new Date(raw.timestamp),
      fromMe: false,
      hasMedia: Boolean(media),
      ...(media && { mimetype: media.mimetype }),
      ...(media?.filename && { filename: media.filename }),
      onStored: () => this.#ackSoon(raw.id),
    });
  }

  /** Acknowledge a stored message, together with the others stored in the next few milliseconds. */
  #ackSoon(id: string): void {
    this.#toAck.add(id);
    if (this.#ackTimer || !this.#running) return;
    this.#ackTimer = setTimeout(() => {
      this.#ackTimer = undefined;
      void this.#flushAcks();
    }, this.#ackBatchMs);
  }

  async #flushAcks(): Promise<void> {
    const ids = [...this.#toAck];
    this.#toAck.clear();
    await this.#ack(ids);
  }

  /** A failed ack only means the server redelivers and the inbox dedupes. */
  async #ack(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await this.#post('/bot/ack', { ids });
    } catch (error) {
      this.#log.warn(
        { err: error, count: ids.length },
        `acknowledging messages failed: ${describeError(error)}`,
      );
    }
  }

  async #post(path: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${this.#url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  }
}
