import { expireConversations } from '../conversations/conversation.use-case.js';
import type { JobDeps, JobHandler } from './job.js';

export const CONVERSATION_EXPIRY = 'conversation-expiry';

/** Delete conversation states (order drafts, questions in progress) whose time to live has passed. */
export const conversationExpiryJob: JobHandler = {
  name: CONVERSATION_EXPIRY,
  async run({ connection, log, now }: JobDeps) {
    const removed = await expireConversations(connection, now);
    if (removed > 0) log.debug({ job: CONVERSATION_EXPIRY, removed }, 'expired conversation states removed');
  },
};
