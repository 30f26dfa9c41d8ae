import type { Connection } from 'mongoose';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { followMerged } from '../contacts/contact.use-case.js';
import { chatIdOfPhone, type PhoneNumber } from '../contacts/phone.js';
import { type Message, messageModel } from '../messages/message.model.js';
import { type OutboxItem, outboxModel } from '../outbox/outbox.model.js';
import { activeStaff } from '../users/user.use-case.js';
import { type Chat, chatModel, type PauseReason } from './chat.model.js';
import { botPauseOf } from './chat.use-case.js';

export const CHATS_PAGE_SIZE = 25;
/** Messages a chat's page shows: the latest ones. */
export const THREAD_LENGTH = 100;

/** The chats of staff members' own numbers: their commands are no customer's unread messages. */
async function staffChatIds(connection: Connection): Promise<string[]> {
  const staff = await activeStaff(connection);
  return staff.flatMap((user) => (user.whatsapp ? [chatIdOfPhone(user.whatsapp as PhoneNumber)] : []));
}

/** Customer chats: the customer wrote at least once, and the chat is not a staff member's own. */
const customerChats = (staff: string[]) => ({
  lastMessageAt: { $exists: true },
  ...(staff.length > 0 && { chatId: { $nin: staff } }),
});

/** Unread customer messages over every chat: the dashboard's and the chats list's total. */
export async function unreadChatTotal(connection: Connection): Promise<number> {
  const staff = await staffChatIds(connection);
  const [sum] = await chatModel(connection).aggregate<{ total: number }>([
    { $match: { unread: { $gt: 0 }, ...(staff.length > 0 && { chatId: { $nin: staff } }) } },
    { $group: { _id: null, total: { $sum: '$unread' } } },
  ]);
  return sum?.total ?? 0;
}

/** The live contact of each chat id (merge tombstones followed to the kept contact). */
async function contactsOfChats(connection: Connection, chatIds: string[]): Promise<Map<string, Contact>> {
  const found = await contactModel(connection)
    .find({ chatId: { $in: chatIds } })
    .lean<Contact[]>();
  const live = await Promise.all(found.map((contact) => followMerged(connection, contact)));
  return new Map(found.map((contact, index) => [contact.chatId, live[index] ?? contact]));
}

/** The latest message of a chat, whichever way it went. */
const latestMessage = (connection: Connection, chatId: string) =>
  messageModel(connection).findOne({ chatId }).sort({ sentAt: -1, _id: -1 }).lean<Message>();

export interface ChatListItem {
  chat: Pick<Chat, 'chatId' | 'unread' | 'lastMessageAt'>;
  contact: Contact | null;
  lastMessage: Message | null;
}

/**
 * The console's chats: customers' chats newest first (by the customer's last message), 25 per page, only
 * those with unread messages when `unread` is true, with their contacts and latest messages, and the
 * unread total over every chat.
 */
export async function listChats(
  connection: Connection,
  filter: { unread?: boolean; page?: number },
): Promise<{
  items: ChatListItem[];
  total: number;
  page: number;
  pageSize: number;
  totalUnread: number;
}> {
  const page = Math.max(1, Math.trunc(filter.page ?? 1));
  const staff = await staffChatIds(connection);
  const query = { ...customerChats(staff), ...(filter.unread && { unread: { $gt: 0 } }) };
  const model = chatModel(connection);
  const [chats, total, totalUnread] = await Promise.all([
    model
      .find(query, { chatId: 1, unread: 1, lastMessageAt: 1 })
      .sort({ lastMessageAt: -1, _id: -1 })
      .skip((page - 1) * CHATS_PAGE_SIZE)
      .limit(CHATS_PAGE_SIZE)
      .lean<Chat[]>(),
    model.countDocuments(query),
    unreadChatTotal(connection),
  ]);
  const chatIds = chats.map((chat) => chat.chatId);
  const [contacts, latest] = await Promise.all([
    contactsOfChats(connection, chatIds),
    Promise.all(chatIds.map((chatId) => latestMessage(connection, chatId))),
  ]);
  return {
    items: chats.map((chat, index) => ({
      chat,
      contact: contacts.get(chat.chatId) ?? null,
      lastMessage: latest[index] ?? null,
    })),
    total,
    page,
    pageSize: CHATS_PAGE_SIZE,
    totalUnread,
  };
}

export interface ChatThread {
  chat: Pick<Chat, 'chatId' | 'unread' | 'lastMessageAt'>;
  contact: Contact | null;
  /** The latest THREAD_LENGTH messages, oldest first. */
  messages: Message[];
  /** Staff and bot messages still waiting in the outbox (or failed), oldest first. */
  queued: OutboxItem[];
  botPause: { until: Date; reason: PauseReason } | null;
}

export type ChatThreadResult =
  | { ok: true; thread: ChatThread }
  | { ok: false; code: 'CHAT.NOT_FOUND'; details: string; chatId: string };

/** Whether the shop knows this chat: it has its running state, or a contact (imported, made by staff). */
export async function chatExists(connection: Connection, chatId: string): Promise<boolean> {
  const [chat, contact] = await Promise.all([
    chatModel(connection).exists({ chatId }),
    contactModel(connection).exists({ chatId }),
  ]);
  return chat !== null || contact !== null;
}

export const chatNotFound = (chatId: string) =>
  ({ ok: false, code: 'CHAT.NOT_FOUND', details: `there is no chat ${chatId}`, chatId }) as const;

/** One chat as its console page shows it: contact, latest messages, what is still queued, the bot's pause. */
export async function chatThread(
  connection: Connection,
  chatId: string,
  now: Date,
): Promise<ChatThreadResult> {
  const [chat, found, messages, queued, botPause] = await Promise.all([
    chatModel(connection).findOne({ chatId }, { chatId: 1, unread: 1, lastMessageAt: 1 }).lean<Chat>(),
    contactModel(connection).findOne({ chatId }).lean<Contact>(),
    messageModel(connection)
      .find({ chatId })
      .sort({ sentAt: -1, _id: -1 })
      .limit(THREAD_LENGTH)
      .lean<Message[]>(),
    outboxModel(connection)
      .find({ chatId, state: { $in: ['pending', 'sending', 'failed'] } })
      .sort({ createdAt: 1 })
      .limit(20)
      .lean<OutboxItem[]>(),
    botPauseOf(connection, chatId, now),
  ]);
  if (!chat && !found) return chatNotFound(chatId);
  return {
    ok: true,
    thread: {
      chat: chat ?? { chatId, unread: 0 },
      contact: found && (await followMerged(connection, found)),
      messages: messages.reverse(),
      queued,
      botPause,
    },
  };
}
