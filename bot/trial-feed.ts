import type { Connection } from 'mongoose';
import type { Clock } from '../domain/platform/clock.js';
import type { Logger } from '../domain/platform/logger.js';
import { markTrialDelivered, undeliveredTrialMessages } from '../domain/trial/trial.use-case.js';
import type { SimulatorTransport } from './transport/simulator/simulator-transport.js';

/**
 * Feeds the console's "try the bot" messages to the simulator transport, as if customers wrote them.
 * Each message keeps one WhatsApp id (`trial-<id>`), so one handed over twice (a crash between the
 * hand-over and the mark) is stored once by the inbox.
 */
export function startTrialFeed(deps: {
  connection: Connection;
  transport: SimulatorTransport;
  log: Logger;
  clock: Clock;
  everyMs?: number;
}): { stop(): void; poll(): Promise<number> } {
  const { connection, transport, log, clock } = deps;
  let running: Promise<number> | null = null;
  const poll = async (): Promise<number> => {
    const waiting = await undeliveredTrialMessages(connection);
    for (const message of waiting) {
      transport.receive({
        id: `trial-${String(message._id)}`,
        chatId: message.chatId,
        body: message.body,
        pushName: message.pushName,
        timestamp: message.at,
      });
      await markTrialDelivered(connection, message._id, clock.now());
    }
    return waiting.length;
  };
  const timer = setInterval(() => {
    if (running) return;
    running = poll()
      .catch((error: unknown) => {
        log.error({ err: error }, 'feeding a try-out message to the simulator failed');
        return 0;
      })
      .finally(() => {
        running = null;
      });
  }, deps.everyMs ?? 1_000);
  timer.unref();
  return { stop: () => clearInterval(timer), poll };
}
