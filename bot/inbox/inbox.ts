import type { Connection } from 'mongoose';
import { markChatRead, noteCustomerMessage, pauseBot } from '../../domain/chats/chat.use-case.js';
import { botText } from '../../domain/i18n/messages.js';
import { flagForStaff } from '../../domain/messages/attention.use-case.js';
import type { Message } from '../../domain/messages/message.model.js';
import {
  claimForProcessing,
  finishProcessing,
  recordMessage,
  unfinishedMessages,
} from '../../domain/messages/message.use-case.js';
import { enqueueMessage } from '../../domain/outbox/outbox.use-case.js';
import { type Clock, systemClock } from '../../domain/platform/clock.js';
import type { Locale } from '../../domain/platform/config.js';
import { describeError } from '../../domain/platform/errors.js';
import type { Logger } from '../../domain/platform/logger.js';
import type { InboundMessage } from '../transport/transport.js';
import { compose, type Handler, type MessageContext } from './compose.js';

export interface InboxDeps {
  connection: Connection;
  log: Logger;
  locale: Locale;
  handlers: readonly Handler[];
  /** Called after anything was queued in the outbox, so the sender looks at once. */
  onQueued?: () => void;
  /** Resolves once the bot's own send to this chat (if any) is recorded; see receiveOwn. */
  ownSendSettled?: (chatId: string) => Promise<void>;
  /** Whether the bot sent a message with this id, even if recording it failed; see receiveOwn. */
  isOwnSend?: (waId: string) => boolean;
  /** How long the bot stays quiet after someone types on the shop's phone. */
  phoneTakeoverMs: number;
  clock?: Clock;
  /** How many chats are processed at the same time. */
  concurrency?: number;
}

/** The message as the inbox stores it; the shop phone's own messages are outbound and never processed. */
const toStored = (message: InboundMessage, receivedAt: Date): Message => ({
  waId: message.id,
  chatId: message.chatId,
  direction: message.fromMe ? 'out' : 'in',
  author: message.fromMe ? 'phone' : 'customer',
  type: message.type,
  body: message.body,
  ...(message.pushName && { pushName: message.pushName }),
  sentAt: message.timestamp,
  receivedAt,
  ...(message.quotedMessageId && { quotedWaId: message.quotedMessageId }),
  ...(message.hasMedia && {
    media: { state: 'pending', attempts: 0, ...(message.filename && { filename: message.filename }) },
  }),
  ...(!message.fromMe && { processing: { state: 'pending', attempts: 0 } }),
});

/**
 * The inbox: every customer message is stored (once, by WhatsApp id) before it is processed, then runs
 * through the handler chain behind an error boundary. Messages of one chat are processed in order;
 * chats run side by side. After a crash, `recover()` processes what was left unfinished.
 */
export class Inbox {
  readonly #deps: InboxDeps;
  readonly #run: (context: MessageContext) => Promise<void>;
  readonly #chains = new Map<string, Promise<void>>();
  /** A burst (e.g. catching up after a reconnect) is worked through a few chats at a time. */
  readonly #slots: Slots;
  readonly #intake = new Slots(16);

  constructor(deps: InboxDeps) {
    this.#deps = deps;
    this.#run = compose(deps.handlers);
    this.#slots = new Slots(deps.concurrency ?? 8);
  }

  #now(): Date {
    return (this.#deps.clock ?? systemClock).now();
  }

  /** A message from someone else. Groups, status updates and newsletters are never customers. */
  async receive(message: InboundMessage): Promise<void> {
    if (message.chatKind !== 'private' || message.fromMe) return;
    // A burst waits here as plain objects rather than as thousands of database calls in flight.
    const stored = this.#intake.run(async () => {
      const fresh = await recordMessage(this.#deps.connection, toStored(message, this.#now()));
      if (fresh) await noteCustomerMessage(this.#deps.connection, message.chatId, message.timestamp);
      return fresh;
    });
    // Queued in arrival order, even if a later message of the chat is stored first.
    this.#schedule(message, stored);
    await stored;
  }

  /**
   * A message from the shop's own device. WhatsApp echoes the bot's sends here too: wait until any
   * send in flight to the chat is recorded; if the id is then already stored it was ours. Otherwise a
   * person typed on the phone: keep it in the thread and pause the bot in that chat.
   */
  async receiveOwn(message: InboundMessage): Promise<void> {
    if (message.chatKind !== 'private') return;
    await this.#deps.ownSendSettled?.(message.chatId);
    // Ours, but not recorded (the outbox sends it again and records that one): no one typed.
    if (this.#deps.isOwnSend?.(message.id)) return;
    const now = this.#now();
    const fresh = await recordMessage(this.#deps.connection, toStored({ ...message, fromMe: true }, now));
    if (!fresh) return;
    await pauseBot(
      this.#deps.connection,
      message.chatId,
      new Date(now.getTime() + this.#deps.phoneTakeoverMs),
      'phone',
    );
    // Whoever answered on the phone has seen the chat: nothing in it is unread for the console.
    await markChatRead(this.#deps.connection, message.chatId);
    this.#deps.log.info(
      { chatId: message.chatId },
      'someone typed on the shop phone; bot paused in this chat',
    );
  }

  /** Process what a crash left pending, in arrival order. Returns how many. */
  async recover(): Promise<number> {
    const left = await unfinishedMessages(this.#deps.connection);
    for (const stored of left) this.#schedule(fromStored(stored), Promise.resolve(true));
    if (left.length > 0)
      this.#deps.log.info({ count: left.length }, 'inbox: processing messages left by a restart');
    return left.length;
  }

  /** Resolves when everything scheduled so far has been processed. */
  async idle(): Promise<void> {
    while (this.#chains.size > 0) await Promise.all(this.#chains.values());
  }

  /** Process `message` after the chat's earlier messages, once it is stored (`stored` false: a duplicate). */
  #schedule(message: InboundMessage, stored: Promise<boolean>): void {
    const previous = this.#chains.get(message.chatId) ?? Promise.resolve();
    // A failed store is reported by receive() to its caller; here it only means "nothing to process".
    const storedOrNot = stored.then(
      (fresh) => fresh,
      () => false,
    );
    const next = previous
      .then(() => storedOrNot)
      .then((fresh) => (fresh ? this.#slots.run(() => this.#process(message)) : undefined));
    this.#chains.set(message.chatId, next);
    void next.finally(() => {
      if (this.#chains.get(message.chatId) === next) this.#chains.delete(message.chatId);
    });
  }

  /** The error boundary: whatever a handler throws is logged with its context and answered politely once. */
  async #process(message: InboundMessage): Promise<void> {
    const { connection, log, locale } = this.#deps;
    const messageLog = log.child({ chatId: message.chatId, messageId: message.id });
    try {
      const claimed = await claimForProcessing(connection, message.id);
      if (!claimed) return;
      // What the customer wrote is logged only when the process logs at debug (domain/platform/logger.ts).
      messageLog.debug({ type: message.type, body: message.body }, 'processing a customer message');
      const now = this.#now();
      let replies = 0;
      await this.#run({
        message,
        stored: claimed,
        connection,
        log: messageLog,
        locale,
        now,
        reply: async (text, options = {}) => {
          replies += 1;
          await this.#enqueue(
            `reply:${message.id}:${replies}`,
            message.chatId,
            text,
            options.quote ? message.id : undefined,
          );
        },
        notify: (chatId, text, key, options = {}) =>
          this.#enqueue(key, chatId, text, undefined, options.relayTo),
      });
      await finishProcessing(connection, message.id);
    } catch (error) {
      messageLog.error({ err: error }, `message handling failed: ${describeError(error)}`);
      try {
        await finishProcessing(connection, message.id, describeError(error));
        // One apology per chat per hour, however many messages fail.
        const hour = this.#now().toISOString().slice(0, 13);
        await this.#enqueue(
          `fallback:${message.chatId}:${hour}`,
          message.chatId,
          botText(locale, 'fallback.error'),
        );
        // A person looks at it in the console inbox (a no-op if a handler had flagged it already).
        await flagForStaff(connection, message.id, 'failed', this.#now());
      } catch (inner) {
        messageLog.error({ err: inner }, `could not record the failure: ${describeError(inner)}`);
      }
    }
  }

  async #enqueue(
    key: string,
    chatId: string,
    text: string,
    quotedWaId?: string,
    relayTo?: string,
  ): Promise<void> {
    const { queued } = await enqueueMessage(
      this.#deps.connection,
      { key, chatId, text, origin: 'bot', ...(quotedWaId && { quotedWaId }), ...(relayTo && { relayTo }) },
      this.#now(),
    );
    if (queued) this.#deps.onQueued?.();
  }
}

/** Rebuild the transport-level message from what the inbox stored. */
function fromStored(stored: Message): InboundMessage {
  return {
    id: stored.waId,
    chatId: stored.chatId,
    chatKind: 'private',
    senderId: stored.chatId,
    ...(stored.pushName && { pushName: stored.pushName }),
    type: stored.type,
    body: stored.body,
    timestamp: stored.sentAt,
    fromMe: false,
    ...(stored.quotedWaId && { quotedMessageId: stored.quotedWaId }),
    hasMedia: stored.media !== undefined,
    ...(stored.media?.filename && { filename: stored.media.filename }),
  };
}

/** A counting semaphore: at most `size` tasks run at once, the rest wait in arrival order. */
class Slots {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(size: number) {
    this.#free = size;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free -= 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free += 1;
    }
  }
}
