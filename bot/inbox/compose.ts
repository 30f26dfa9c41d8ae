import type { Connection } from 'mongoose';
import type { Message, MessageMedia } from '../../domain/messages/message.model.js';
import type { Locale } from '../../domain/platform/config.js';
import type { Logger } from '../../domain/platform/logger.js';
import type { InboundMessage } from '../transport/transport.js';

/** What every handler in the chain gets for one customer message. */
export interface MessageContext {
  readonly message: InboundMessage;
  /** The message as stored when processing began (media state, attempts). */
  readonly stored: Message;
  readonly connection: Connection;
  readonly log: Logger;
  readonly locale: Locale;
  readonly now: Date;
  /** The message's file once stored (set by the media step), for features such as payment proofs. */
  media?: MessageMedia;
  /** Queue a reply in this chat. Replies are keyed by the message, so processing it again never doubles them. */
  reply(text: string, options?: { quote?: boolean }): Promise<void>;
  /**
   * Queue a message to another chat (alerts to admins) under a dedupe key, so a re-run never doubles it.
   * `relayTo`: the customer chat the alert is about, so an admin's reply to it reaches that customer.
   */
  notify(chatId: string, text: string, key: string, options?: { relayTo?: string }): Promise<void>;
}

/** One feature in the message chain: do something, then call `next()` to let later features run. */
export type Handler = (context: MessageContext, next: () => Promise<void>) => Promise<void>;

/** Chain handlers in order, grammY/koa style: each decides whether the rest run. */
export function compose(handlers: readonly Handler[]): (context: MessageContext) => Promise<void> {
  return (context) => {
    const run = async (index: number): Promise<void> => {
      const handler = handlers[index];
      if (!handler) return;
      let called = false;
      await handler(context, async () => {
        if (called) throw new Error(`handler ${index} called next() twice`);
        called = true;
        await run(index + 1);
      });
    };
    return run(0);
  };
}
