import type { Connection } from 'mongoose';
import { DEFAULT_SEND_POLICY, type SendPolicy } from '../domain/outbox/outbox.rules.js';
import { type Clock, systemClock } from '../domain/platform/clock.js';
import type { Config } from '../domain/platform/config.js';
import { describeError } from '../domain/platform/errors.js';
import type { Logger } from '../domain/platform/logger.js';
import { recordSessionState } from '../domain/whatsapp/session.use-case.js';
import type { Handler } from './inbox/compose.js';
import { quietWhilePaused } from './inbox/guards.js';
import { Inbox } from './inbox/inbox.js';
import { storeIncomingMedia } from './inbox/media.handler.js';
import { OutboxSender } from './outbox/outbox-sender.js';
import type { AckState, ConnectionState, InboundMessage, Transport } from './transport/transport.js';

export interface BotDeps {
  connection: Connection;
  transport: Transport;
  log: Logger;
  config: Pick<Config, 'dataDir' | 'shop' | 'humanTakeoverMs' | 'sending'>;
  /** Features after the built-in guards, in order (admin commands, customer conversation…). */
  handlers?: readonly Handler[];
  /** Overrides the configured pace (tests and benchmarks). */
  sendPolicy?: SendPolicy;
  outboxPollMs?: number;
  clock?: Clock;
}

export interface Bot {
  readonly inbox: Inbox;
  readonly sender: OutboxSender;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Assemble the bot without starting it: transport events → inbox → handler chain → outbox → transport. */
export function buildBot(deps: BotDeps): Bot {
  const { connection, transport, log, config } = deps;
  const sender = new OutboxSender({
    connection,
    transport,
    log,
    policy: deps.sendPolicy ?? { ...DEFAULT_SEND_POLICY, ...config.sending },
    dataDir: config.dataDir,
    ...(deps.outboxPollMs !== undefined && { pollMs: deps.outboxPollMs }),
    ...(deps.clock && { clock: deps.clock }),
  });
  const inbox = new Inbox({
    connection,
    log,
    locale: config.shop.locale,
    // Files are kept even while a person has taken over the chat: staff see them in the thread.
    handlers: [
      storeIncomingMedia({ transport, dataDir: config.dataDir, timeZone: config.shop.timeZone }),
      quietWhilePaused,
      ...(deps.handlers ?? []),
    ],
    onQueued: () => sender.wake(),
    ownSendSettled: (chatId) => sender.settled(chatId),
    isOwnSend: (waId) => sender.isOwnSend(waId),
    phoneTakeoverMs: config.humanTakeoverMs,
    ...(deps.clock && { clock: deps.clock }),
  });

  // Listeners must never throw into the transport: each piece of work is logged if it fails (the inbox
  // processes a stored message again after a restart) and awaited on stop, so nothing is cut short.
  const inFlight = new Set<Promise<void>>();
  const track = (what: string, work: Promise<unknown>, context: Record<string, string> = {}) => {
    const tracked = work.then(
      () => {},
      (error: unknown) => log.error({ err: error, ...context }, `${what}: ${describeError(error)}`),
    );
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
  };
  const about = (message: InboundMessage) => ({ chatId: message.chatId, messageId: message.id });
  // Receipt is confirmed to the transport only once the message is stored: a kill before that gets it again.
  const onMessage = (message: InboundMessage) =>
    track(
      'storing an incoming message failed',
      inbox.receive(message).then(() => message.onStored?.()),
      about(message),
    );
  const onOwn = (message: InboundMessage) =>
    track('recording a message from the shop phone failed', inbox.receiveOwn(message), about(message));
  const onAck = ({ messageId, state }: { messageId: string; state: AckState }) =>
    track('recording a delivery ack failed', sender.acknowledge(messageId, state));
  // Session states are written one after another, in the order WhatsApp reported them, each stamped when
  // it happened: the outage record (console banner, owner e-mail) depends on `ready` landing after the
  // `disconnected` it ends, never before.
  const clock = deps.clock ?? systemClock;
  let stateWrites: Promise<unknown> = Promise.resolve();
  const recordState = (what: string, update: Parameters<typeof recordSessionState>[1]) => {
    const at = clock.now();
    const write = stateWrites.then(() => recordSessionState(connection, update, at));
    // The chain goes on after a failed write; `track` logs the failure.
    stateWrites = write.catch(() => undefined);
    track(what, write);
  };
  const onState = ({ state, detail }: { state: ConnectionState; detail?: string }) =>
    recordState('recording the session state failed', {
      state,
      transport: transport.kind,
      ...(detail && { detail }),
    });
  const onQr = (qr: string) =>
    recordState('recording the QR code failed', { state: 'qr', qr, transport: transport.kind });

  return {
    inbox,
    sender,
    async start() {
      transport.on('message', onMessage);
      transport.on('ownMessage', onOwn);
      transport.on('ack', onAck);
      transport.on('state', onState);
      transport.on('qr', onQr);
      await inbox.recover();
      await sender.start();
      await transport.start();
    },
    /** Stop taking messages, finish the ones in hand, stop sending, then close WhatsApp. */
    async stop() {
      transport.off('message', onMessage);
      transport.off('ownMessage', onOwn);
      await Promise.all(inFlight);
      await inbox.idle();
      await sender.stop();
      await transport.stop();
      await Promise.all(inFlight);
      transport.off('ack', onAck);
      transport.off('state', onState);
      transport.off('qr', onQr);
    },
  };
}
