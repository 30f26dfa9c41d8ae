import { z } from 'zod';
import { messageModel } from '../../../domain/messages/message.model.js';
import { postTrialMessage, TrialTextSchema, trialChatId } from '../../../domain/trial/trial.use-case.js';
import { readSessionStatus } from '../../../domain/whatsapp/session.use-case.js';
import { failWith } from '../errors.js';
import { defineRoute } from '../route.js';
import { threadMessage } from './views.js';

/** The bot can be tried from the console only while it runs on the simulator (never on the shop's real WhatsApp). */
async function available(connection: Parameters<typeof readSessionStatus>[0]): Promise<boolean> {
  const status = await readSessionStatus(connection);
  return status.transport === 'simulator' && status.state === 'ready';
}

/** "Try the bot": every staff member chats with the bot in a test chat of their own. */
export const trialRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/try-bot',
    access: 'signed-in',
    summary: "whether the bot can be tried (simulator running) and the signed-in user's test chat",
    async handler(_input, { connection, user }) {
      if (!user) return failWith({ code: 'AUTH.REQUIRED', details: 'sign in first' });
      const chatId = trialChatId(user._id);
      const [open, thread] = await Promise.all([
        available(connection),
        messageModel(connection).find({ chatId }).sort({ sentAt: -1 }).limit(50).lean(),
      ]);
      return {
        available: open,
        messages: thread.reverse().map(threadMessage),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/try-bot',
    access: 'signed-in',
    summary: 'say something to the bot as a customer would (simulator only)',
    body: z.strictObject({ text: TrialTextSchema }),
    async handler({ body }, { connection, clock, user }, reply) {
      if (!user) return failWith({ code: 'AUTH.REQUIRED', details: 'sign in first' });
      if (!(await available(connection)))
        return failWith({
          code: 'TRIAL.UNAVAILABLE',
          details: 'the bot is not running on the simulator transport, so it cannot be tried from here',
        });
      await postTrialMessage(connection, {
        userId: user._id,
        name: user.name,
        text: body.text,
        at: clock.now(),
      });
      reply.code(202);
      return { queued: true };
    },
  }),
];
