import { describe, expect, it } from 'vitest';
import type { MessageAuthor } from '../messages/message.model.js';
import { conversationsOf, firstResponseSeconds } from './first-response.rules.js';

const wib = (local: string) => new Date(`${local}+07:00`);
const chat = (...lines: [string, MessageAuthor][]) =>
  lines.map(([at, author]) => ({ author, sentAt: wib(`2026-11-${at}`) }));

describe('conversationsOf', () => {
  it('opens on a customer message after 4 hours of silence and closes at the first person who answers', () => {
    const conversations = conversationsOf(
      chat(
        ['10T09:00:00', 'customer'], // A opens (first message of the chat)
        ['10T09:00:30', 'bot'], // the bot does not answer for a person
        ['10T09:05:00', 'customer'],
        ['10T09:20:00', 'staff'], // A answered after 20 minutes = 1200 s
        ['10T09:25:00', 'staff'],
        ['10T10:00:00', 'customer'], // 35 minutes after staff: same conversation
        ['10T15:00:00', 'customer'], // 5 h of silence: B opens
        ['10T15:01:00', 'bot'],
        ['10T18:00:00', 'customer'], // 2 h 59 after the bot: still B
        ['11T09:00:00', 'customer'], // 15 h: C opens; B was never answered by a person
        ['11T09:30:00', 'phone'], // the shop's own phone answers C: 1800 s
        ['12T10:00:00', 'staff'], // staff start a chat…
        ['12T10:10:00', 'customer'], // …the customer answers within 4 h: nothing opens
        ['12T14:10:00', 'customer'], // exactly 4 h of silence: D opens, unanswered
      ),
    );
    expect(
      conversations.map((conversation) => [conversation.startedAt, firstResponseSeconds(conversation)]),
    ).toEqual([
      [wib('2026-11-10T09:00:00'), 1200],
      [wib('2026-11-10T15:00:00'), undefined],
      [wib('2026-11-11T09:00:00'), 1800],
      [wib('2026-11-12T14:10:00'), undefined],
    ]);
  });

  it('a chat of only outgoing messages has no conversation', () => {
    expect(conversationsOf(chat(['10T09:00:00', 'staff'], ['10T09:01:00', 'bot']))).toEqual([]);
  });
});
