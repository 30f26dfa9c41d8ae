import type { ChatKind } from './transport.js';

/** The kind of chat an id names; only `private` chats are customers. */
export function chatKindOf(chatId: string): ChatKind {
  if (chatId === 'status@broadcast') return 'status';
  if (chatId.endsWith('@c.us') || chatId.endsWith('@lid')) return 'private';
  if (chatId.endsWith('@g.us')) return 'group';
  if (chatId.endsWith('@newsletter')) return 'newsletter';
  return 'other';
}
