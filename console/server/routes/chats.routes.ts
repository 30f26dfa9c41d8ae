import { z } from 'zod';
import { markChatRead } from '../../../domain/chats/chat.use-case.js';
import {
  chatExists,
  chatNotFound,
  chatThread,
  listChats,
} from '../../../domain/chats/chat-query.use-case.js';
import type { Contact } from '../../../domain/contacts/contact.model.js';
import { resolveChat } from '../../../domain/messages/attention.use-case.js';
import { MESSAGE_TYPES, type Message } from '../../../domain/messages/message.model.js';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { failWith } from '../errors.js';
import { defineRoute } from '../route.js';
import { sendConsoleReply } from './staff-reply.js';
import { threadMessage } from './views.js';

/** A WhatsApp chat id (`6281234567890@c.us`, `…@lid`), URL-encoded by the client. */
const ChatParams = z.strictObject({
  chatId: z.string().regex(/^[\w.+-]{1,100}@[a-z.]{1,30}$/, {
    error: 'must be a WhatsApp chat id such as 6281234567890@c.us',
  }),
});

const ContactView = z
  .object({ id: z.string(), name: z.string().nullable(), phone: z.string().nullable() })
  .nullable();

const contactView = (contact: Contact | null): z.infer<typeof ContactView> =>
  contact && {
    id: String(contact._id),
    name: contact.name ?? contact.pushName ?? null,
    phone: contact.phone ?? null,
  };

const ChatsAnswer = z.object({
  items: z.array(
    z.object({
      chatId: z.string(),
      contact: ContactView,
      unread: z.number().int().min(0),
      lastMessageAt: z.iso.datetime().nullable(),
      lastMessage: z
        .object({
          body: z.string(),
          type: z.enum(MESSAGE_TYPES),
          direction: z.enum(['in', 'out']),
          author: z.enum(['customer', 'bot', 'staff', 'phone']),
          sentAt: z.iso.datetime(),
        })
        .nullable(),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  totalUnread: z.number().int(),
});

const lastMessageView = (message: Message | null) =>
  message && {
    body: message.body,
    type: message.type,
    direction: message.direction,
    author: message.author,
    sentAt: message.sentAt.toISOString(),
  };

const ReplyBody = z.strictObject({
  text: z.string().trim().min(1, { error: 'must not be empty' }).max(4000),
  /** The client's id for this reply: sending it again sends nothing more. */
  requestId: z.uuid().optional(),
});

/** The console's chats (SPEC §7 inbox): unread counts, a chat's thread, reading and answering it. Everyday work for every role. */
export const chatsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/chats',
    access: 'signed-in',
    summary:
      'customer chats newest first (by their last message), 25 per page, unread=true for unread ones only; the unread total',
    query: z.strictObject({
      unread: z
        .enum(['true', 'false'], { error: 'must be true or false' })
        .transform((value) => value === 'true')
        .optional(),
      page: z.coerce.number().int().min(1).max(10_000).optional(),
    }),
    response: ChatsAnswer,
    async handler({ query }, { connection }) {
      const found = await listChats(connection, {
        ...(query.unread !== undefined && { unread: query.unread }),
        ...(query.page !== undefined && { page: query.page }),
      });
      return {
        ...found,
        items: found.items.map(({ chat, contact, lastMessage }) => ({
          chatId: chat.chatId,
          contact: contactView(contact),
          unread: chat.unread,
          lastMessageAt: chat.lastMessageAt?.toISOString() ?? null,
          lastMessage: lastMessageView(lastMessage),
        })),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/chats/:chatId',
    access: 'signed-in',
    summary:
      "one chat: its contact, last 100 messages, replies still queued, unread count and the bot's pause (reading it changes nothing)",
    params: ChatParams,
    async handler({ params }, { connection, clock }) {
      const found = await chatThread(connection, params.chatId, clock.now());
      if (!found.ok) return failWith(found);
      const { chat, contact, messages, queued, botPause } = found.thread;
      return {
        chatId: chat.chatId,
        unread: chat.unread,
        lastMessageAt: chat.lastMessageAt?.toISOString() ?? null,
        contact: contactView(contact),
        messages: messages.map(threadMessage),
        queued: queued.map((item) => ({
          text: item.text,
          origin: item.origin,
          state: item.state,
          createdAt: item.createdAt.toISOString(),
        })),
        /** The bot is quiet in this chat until then (a hand-over, a staff reply, the shop phone); null when it answers. */
        pausedUntil: botPause?.until.toISOString() ?? null,
        pauseReason: botPause?.reason ?? null,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/chats/:chatId/read',
    access: 'signed-in',
    summary: 'a staff member opened the chat: its unread count goes to 0',
    params: ChatParams,
    async handler({ params }, { connection }) {
      if (!(await markChatRead(connection, params.chatId)) && !(await chatExists(connection, params.chatId)))
        return failWith(chatNotFound(params.chatId));
      return { chatId: params.chatId, unread: 0 };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/chats/:chatId/reply',
    access: 'signed-in',
    summary:
      'answer the customer on WhatsApp (a leading /shortcut expands to its quick reply); the bot pauses, the chat is read and its inbox items closed',
    params: ChatParams,
    body: ReplyBody,
    async handler({ params, body }, { connection, clock, actor }) {
      if (!(await chatExists(connection, params.chatId))) return failWith(chatNotFound(params.chatId));
      const at = clock.now();
      const sent = await sendConsoleReply(
        connection,
        { chatId: params.chatId, text: body.text, requestId: body.requestId },
        at,
      );
      // The customer has an answer: what waited in the inbox for this chat is done, as after an inbox reply.
      const resolved = await resolveChat(connection, params.chatId, 'replied', { actor, at });
      return {
        queued: sent.queued,
        text: sent.text,
        botPausedUntil: sent.pausedUntil.toISOString(),
        unread: 0,
        resolved,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/quick-replies',
    access: 'signed-in',
    summary: "the shop's quick replies for the reply boxes (type / to pick one); edited in the settings",
    response: z.object({ quickReplies: z.array(z.object({ shortcut: z.string(), text: z.string() })) }),
    async handler(_input, { connection }) {
      const { quickReplies } = await getSettings(connection);
      return { quickReplies: quickReplies.map(({ shortcut, text }) => ({ shortcut, text })) };
    },
  }),
];
