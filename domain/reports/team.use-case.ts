import type { Connection, Types } from 'mongoose';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { chatIdOfPhone, parsePhone } from '../contacts/phone.js';
import { type Lead, leadModel } from '../leads/lead.model.js';
import { type Message, messageModel } from '../messages/message.model.js';
import { orderModel } from '../orders/order.model.js';
import { trialChatId } from '../trial/trial.use-case.js';
import { type User, userModel } from '../users/user.model.js';
import {
  type ChatMessage,
  conversationsOf,
  firstResponseSeconds,
  SILENCE_MS,
} from './first-response.rules.js';
import { median, type ReportRange, type ReportRangeInput, resolveReportRange } from './report-range.rules.js';
import { earnedOrdersStages, PAID } from './revenue.rules.js';

/** One staff member's figures over the range, or the unassigned work (userId null). */
export interface TeamRow {
  userId: string | null;
  name: string | null;
  /** Their leads (assignee now) created, moved to another stage, or given an activity in the range. */
  leadsHandled: number;
  /** Their leads won in the range (closedAt). */
  won: number;
  /** Rupiah earned in the range on completed, paid orders assigned to them. */
  revenue: number;
  /** Customer conversations opened in the range in chats of contacts whose lead is theirs. */
  conversations: number;
  /** Of those, the ones a person answered. */
  answered: number;
  /** Median seconds to the first staff reply over the answered ones; null when none was answered. */
  medianFirstResponseSeconds: number | null;
}

export interface TeamReport {
  from: string;
  to: string;
  /** Active users and any other user with figures, by name; the unassigned row last. */
  rows: TeamRow[];
}

export type TeamResult =
  | { ok: true; report: TeamReport }
  | Extract<ReturnType<typeof resolveReportRange>, { ok: false }>;

/** A reply later than this after the range's end is not looked for (the conversation counts unanswered). */
export const REPLY_WINDOW_MS = 7 * 86_400_000;

const UNASSIGNED = 'unassigned';
type Figures = Omit<TeamRow, 'userId' | 'name' | 'medianFirstResponseSeconds'> & { responses: number[] };

/**
 * Team performance per assignee over the range. Definitions:
 * - leads handled: leads assigned to the user now (not deleted) that were created, changed stage, or got
 *   a (not deleted) activity in the range;
 * - won: those of their leads won in the range (closedAt in the range);
 * - revenue: completed, paid orders whose assignee is the user, counted when completed (monthlyReport's
 *   revenue) — the order's own assignee, not the lead's, because that is who did the work;
 * - first response (first-response.rules.ts): in every customer chat, a conversation opens with a
 *   customer message after ≥ 4 hours without any message, and is answered by the first staff or phone
 *   message (bot replies do not count); conversations opened in the range count, answered or not, and
 *   the median is over the answered ones' seconds (an even count takes the mean of the middle two). A
 *   conversation belongs to the assignee of the chat's contact's newest lead created before the range's
 *   end (a merged chat's contact is the one it was merged into); a contact without a lead, or whose lead
 *   has no assignee, is unassigned. Staff's own chats (their WhatsApp numbers) and console test chats are
 *   not customer chats. Replies more than REPLY_WINDOW_MS after the range are not looked for.
 * Work without an assignee goes into the unassigned row.
 */
export async function teamReport(connection: Connection, input: ReportRangeInput): Promise<TeamResult> {
  const resolved = resolveReportRange(input);
  if (!resolved.ok) return resolved;
  const { range } = resolved;
  const users = await userModel(connection)
    .find({}, { name: 1, active: 1, whatsapp: 1 })
    .lean<Pick<User, '_id' | 'name' | 'active' | 'whatsapp'>[]>();
  const figures = new Map<string, Figures>();
  const of = (assignee: Types.ObjectId | undefined | null) => {
    const key = assignee ? String(assignee) : UNASSIGNED;
    let row = figures.get(key);
    if (!row) {
      row = { leadsHandled: 0, won: 0, revenue: 0, conversations: 0, answered: 0, responses: [] };
      figures.set(key, row);
    }
    return row;
  };

  await countLeads(connection, range, of);
  const revenue = await orderModel(connection).aggregate<{ _id: Types.ObjectId | null; revenue: number }>([
    ...earnedOrdersStages(range, input.now, { since: range.start, match: PAID }),
    { $group: { _id: '$assignee', revenue: { $sum: '$total' } } },
  ]);
  for (const row of revenue) of(row._id).revenue += row.revenue;
  await measureFirstResponses(connection, range, input.now, users, of);

  const rows: TeamRow[] = [];
  for (const user of [...users].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const row = figures.get(String(user._id));
    if (!row && !user.active) continue;
    rows.push(teamRow(String(user._id), user.name, row));
  }
  // Work assigned to a user that no longer exists is shown under its id.
  const known = new Set(users.map((user) => String(user._id)));
  for (const [key, row] of figures)
    if (key !== UNASSIGNED && !known.has(key)) rows.push(teamRow(key, null, row));
  rows.push(teamRow(null, null, figures.get(UNASSIGNED)));
  return { ok: true, report: { from: range.from, to: range.to, rows } };
}

function teamRow(userId: string | null, name: string | null, figures: Figures | undefined): TeamRow {
  const { responses, ...counts } = figures ?? {
    leadsHandled: 0,
    won: 0,
    revenue: 0,
    conversations: 0,
    answered: 0,
    responses: [],
  };
  return { userId, name, ...counts, medianFirstResponseSeconds: median(responses) };
}

async function countLeads(
  connection: Connection,
  range: ReportRange,
  of: (assignee: Types.ObjectId | undefined) => Figures,
) {
  const within = { $gte: range.start, $lt: range.end };
  // Leads have no index on these dates (thousands per shop, not millions): this scans the collection.
  const leads = await leadModel(connection)
    .find(
      {
        deletedAt: { $exists: false },
        createdAt: { $lt: range.end },
        $or: [
          { createdAt: within },
          { stageChangedAt: within },
          { activities: { $elemMatch: { at: within, deletedAt: { $exists: false } } } },
        ],
      },
      { assignee: 1, stage: 1, closedAt: 1, _id: 0 },
    )
    .lean<Pick<Lead, 'assignee' | 'stage' | 'closedAt'>[]>();
  for (const lead of leads) {
    const row = of(lead.assignee);
    row.leadsHandled += 1;
    if (lead.stage === 'won' && lead.closedAt && lead.closedAt >= range.start && lead.closedAt < range.end)
      row.won += 1;
  }
}

/**
 * Stream the messages from SILENCE_MS before the range (to see whether its first customer message broke
 * a silence) to the reply window after it, chat by chat in time order, on the {chatId, sentAt} index —
 * hinted, so a large range never becomes an in-memory sort.
 */
async function measureFirstResponses(
  connection: Connection,
  range: ReportRange,
  now: Date,
  users: Pick<User, '_id' | 'whatsapp'>[],
  of: (assignee: Types.ObjectId | undefined) => Figures,
) {
  const staffChats = new Set(users.map((user) => trialChatId(user._id)));
  for (const user of users) {
    const phone = user.whatsapp ? parsePhone(user.whatsapp) : undefined;
    if (phone?.ok) staffChats.add(chatIdOfPhone(phone.phone));
  }
  const upTo = new Date(Math.min(now.getTime() + 1, range.end.getTime() + REPLY_WINDOW_MS));
  const cursor = messageModel(connection)
    .find(
      { sentAt: { $gte: new Date(range.start.getTime() - SILENCE_MS), $lt: upTo } },
      { chatId: 1, author: 1, sentAt: 1, _id: 0 },
    )
    .sort({ chatId: 1, sentAt: 1 })
    .hint({ chatId: 1, sentAt: 1 })
    .lean<Pick<Message, 'chatId' | 'author' | 'sentAt'>>()
    .cursor({ batchSize: 5_000 });

  /** Seconds of each conversation opened in the range, per chat (undefined: unanswered). */
  const perChat = new Map<string, (number | undefined)[]>();
  let chatId: string | undefined;
  let messages: ChatMessage[] = [];
  const close = () => {
    if (chatId === undefined || staffChats.has(chatId)) return;
    const opened = conversationsOf(messages).filter(
      (conversation) => conversation.startedAt >= range.start && conversation.startedAt < range.end,
    );
    if (opened.length > 0) perChat.set(chatId, opened.map(firstResponseSeconds));
  };
  for await (const message of cursor) {
    if (message.chatId !== chatId) {
      close();
      chatId = message.chatId;
      messages = [];
    }
    messages.push(message);
  }
  close();

  const assignees = await assigneesOfChats(connection, [...perChat.keys()], range.end);
  for (const [chat, seconds] of perChat) {
    const row = of(assignees.get(chat));
    for (const value of seconds) {
      row.conversations += 1;
      if (value === undefined) continue;
      row.answered += 1;
      row.responses.push(value);
    }
  }
}

/** Per chat id, the assignee of its contact's newest lead created before `end` (undefined: none). */
async function assigneesOfChats(
  connection: Connection,
  chatIds: string[],
  end: Date,
): Promise<Map<string, Types.ObjectId | undefined>> {
  const contactOf = new Map<string, Types.ObjectId>();
  for (let start = 0; start < chatIds.length; start += 5_000) {
    // On the unique {chatId} index.
    const contacts = await contactModel(connection)
      .find({ chatId: { $in: chatIds.slice(start, start + 5_000) } }, { chatId: 1, mergedInto: 1 })
      .lean<Pick<Contact, '_id' | 'chatId' | 'mergedInto'>[]>();
    // A tombstone's chat belongs to the contact it was merged into (merges repoint, so one step is enough).
    for (const contact of contacts) contactOf.set(contact.chatId, contact.mergedInto ?? contact._id);
  }
  // Every lead up to the end, scanned once, the newest per contact kept (leads are thousands, not millions): a long
  // `$in` of contact ids would cost the test server a comparison per id per lead.
  const newest = new Map<string, Types.ObjectId | undefined>();
  const cursor = leadModel(connection)
    .find(
      { deletedAt: { $exists: false }, createdAt: { $lt: end } },
      { contactId: 1, assignee: 1, createdAt: 1, _id: 0 },
    )
    .lean<Pick<Lead, 'contactId' | 'assignee' | 'createdAt'>>()
    .cursor({ batchSize: 5_000 });
  const newestAt = new Map<string, Date>();
  for await (const lead of cursor) {
    const key = String(lead.contactId);
    const seen = newestAt.get(key);
    if (seen && seen >= lead.createdAt) continue;
    newestAt.set(key, lead.createdAt);
    newest.set(key, lead.assignee);
  }
  return new Map(
    chatIds.map((chat) => {
      const contactId = contactOf.get(chat);
      return [chat, contactId ? newest.get(String(contactId)) : undefined];
    }),
  );
}
