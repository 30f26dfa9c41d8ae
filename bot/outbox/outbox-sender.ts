import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Connection } from 'mongoose';
import type { DeliveryState } from '../../domain/messages/message.model.js';
import { laterDelivery, messageTypeOfMime } from '../../domain/messages/message.rules.js';
import { recordDelivery, recordMessage } from '../../domain/messages/message.use-case.js';
import type { OutboxOrigin } from '../../domain/outbox/outbox.model.js';
import { type SendPolicy, SendThrottle } from '../../domain/outbox/outbox.rules.js';
import {
  type ClaimedItem,
  claimNext,
  markAttemptFailed,
  markSent,
  releaseClaims,
} from '../../domain/outbox/outbox.use-case.js';
import { type Clock, systemClock } from '../../domain/platform/clock.js';
import { describeError } from '../../domain/platform/errors.js';
import type { Logger } from '../../domain/platform/logger.js';
import type { AckState, Transport } from '../transport/transport.js';

export interface OutboxSenderDeps {
  connection: Connection;
  transport: Transport;
  log: Logger;
  policy: SendPolicy;
  dataDir: string;
  /** How often to look for messages queued by other processes (the console, jobs). */
  pollMs?: number;
  random?: () => number;
  clock?: Clock;
}

const AUTHOR: Record<OutboxOrigin, 'bot' | 'staff'> = { bot: 'bot', job: 'bot', staff: 'staff' };

/**
 * The only place that sends WhatsApp messages: claims due outbox items one at a time, paces them per
 * chat and per minute, records them in the chat thread, and retries failures with backoff.
 */
export class OutboxSender {
  readonly #deps: OutboxSenderDeps;
  readonly #throttle: SendThrottle;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #draining = false;
  #wakeAgain = false;
  #loop: Promise<void> = Promise.resolve();
  /** The chat being sent to right now, so WhatsApp's echo of our own send is not taken for a human. */
  #inFlight: { chatId: string; done: Promise<void> } | undefined;
  /** Acks that arrived before the sent message was recorded (WhatsApp is that fast). */
  readonly #earlyAcks = new Map<string, DeliveryState>();
  /** Ids WhatsApp gave this run's sends, whether or not recording them worked. */
  readonly #sentIds = new Set<string>();

  constructor(deps: OutboxSenderDeps) {
    this.#deps = deps;
    this.#throttle = new SendThrottle(deps.policy, deps.random);
  }

  async start(): Promise<void> {
    const released = await releaseClaims(this.#deps.connection, new Date(this.#now().getTime() + 1));
    if (released > 0)
      this.#deps.log.warn({ released }, 'outbox: resending messages a crash left unconfirmed');
    this.#running = true;
    this.wake();
  }

  /** Stop after the message in hand. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    await this.idle();
  }

  /** Look for work now (something was just queued in this process). */
  wake(): void {
    if (!this.#running) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    // One drain at a time; a wake during a drain makes it look once more when it ends.
    if (this.#draining) {
      this.#wakeAgain = true;
      return;
    }
    this.#draining = true;
    this.#loop = this.#drain()
      .catch((error: unknown) => {
        // The database hiccuped: log it and look again later rather than stopping all sends.
        this.#deps.log.error({ err: error }, `outbox: ${describeError(error)}`);
        this.#sleep(this.#deps.pollMs ?? 1000);
      })
      .finally(() => {
        this.#draining = false;
        if (this.#wakeAgain) {
          this.#wakeAgain = false;
          this.wake();
        }
      });
  }

  /** Resolves once no send to `chatId` is in flight. */
  async settled(chatId: string): Promise<void> {
    while (this.#inFlight?.chatId === chatId) await this.#inFlight.done;
  }

  /**
   * Whether WhatsApp gave this id to one of our sends in this run: its echo is ours even when the send
   * could not be recorded afterwards (the database failed; the outbox sends it again), never a person
   * typing on the shop's phone.
   */
  isOwnSend(waId: string): boolean {
    return this.#sentIds.has(waId);
  }

  /** A delivery ack from WhatsApp. */
  async acknowledge(waId: string, state: AckState): Promise<void> {
    if (state === 'pending') return;
    if (await recordDelivery(this.#deps.connection, waId, state)) return;
    // Not recorded yet (WhatsApp acks before sendMessage returns): keep it for #send, then try once
    // more in case #send recorded the message in between.
    this.#earlyAcks.set(waId, laterDelivery(this.#earlyAcks.get(waId), state));
    if (this.#earlyAcks.size > 1000) this.#earlyAcks.delete(this.#earlyAcks.keys().next().value!);
    await recordDelivery(this.#deps.connection, waId, state);
  }

  /** Resolves when the sender is waiting for its next turn (nothing in hand). */
  async idle(): Promise<void> {
    let loop: Promise<void>;
    do {
      loop = this.#loop;
      await loop;
    } while (loop !== this.#loop);
  }

  async #drain(): Promise<void> {
    const { pollMs = 1000 } = this.#deps;
    while (this.#running) {
      const now = this.#now().getTime();
      const globalWait = this.#throttle.globalWaitMs(now);
      if (globalWait > 0) return this.#sleep(globalWait);
      const item = await claimNext(this.#deps.connection, {
        now: new Date(now),
        blockedChats: this.#throttle.blockedChats(now),
      });
      if (!item) return this.#sleep(Math.min(pollMs, this.#throttle.nextChatFreeMs(now) ?? pollMs));
      await this.#send(item);
    }
  }

  #sleep(ms: number): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => this.wake(), ms);
  }

  async #send(item: ClaimedItem): Promise<void> {
    const { connection, transport, log, policy, dataDir } = this.#deps;
    let finish = () => {};
    this.#inFlight = { chatId: item.chatId, done: new Promise((resolve) => (finish = resolve)) };
    try {
      const options = item.quotedWaId ? { quotedMessageId: item.quotedWaId } : {};
      const sent = item.media
        ? await transport.sendMedia(
            item.chatId,
            {
              mimetype: item.media.mime,
              data: await readFile(path.join(dataDir, item.media.path)),
              ...(item.media.filename && { filename: item.media.filename }),
            },
            { ...options, caption: item.text },
          )
        : await transport.sendText(item.chatId, item.text, options);
      this.#sentIds.add(sent.id);
      if (this.#sentIds.size > 1000) this.#sentIds.delete(this.#sentIds.values().next().value!);
      const now = this.#now();
      this.#throttle.record(item.chatId, now.getTime());
      await markSent(connection, item._id, sent.id, now);
      await recordMessage(connection, {
        waId: sent.id,
        chatId: item.chatId,
        direction: 'out',
        author: AUTHOR[item.origin],
        type: item.media ? messageTypeOfMime(item.media.mime) : 'text',
        body: item.text,
        sentAt: now,
        receivedAt: now,
        ...(item.quotedWaId && { quotedWaId: item.quotedWaId }),
        delivery: this.#takeEarlyAck(sent.id) ?? 'sent',
        outboxKey: item.key,
      });
    } catch (error) {
      const now = this.#now();
      this.#throttle.record(item.chatId, now.getTime());
      const outcome = await markAttemptFailed(connection, item, describeError(error), policy, now);
      log.warn(
        { key: item.key, chatId: item.chatId, attempt: item.attempts, outcome },
        `outbox: send failed: ${describeError(error)}`,
      );
    } finally {
      this.#inFlight = undefined;
      finish();
    }
  }

  #now(): Date {
    return (this.#deps.clock ?? systemClock).now();
  }

  #takeEarlyAck(waId: string): DeliveryState | undefined {
    const state = this.#earlyAcks.get(waId);
    this.#earlyAcks.delete(waId);
    return state;
  }
}
