import { activeCatalog } from '../../domain/catalog/catalog.use-case.js';
import type { Product } from '../../domain/catalog/product.model.js';
import { shopDay } from '../../domain/chats/chat.rules.js';
import { claimAwayMessage } from '../../domain/chats/chat.use-case.js';
import { contactForChat } from '../../domain/contacts/contact.use-case.js';
import { chatIdOfPhone, type PhoneNumber } from '../../domain/contacts/phone.js';
import type { Conversation } from '../../domain/conversations/conversation.model.js';
import {
  bumpMisunderstood,
  getConversation,
  resetMisunderstood,
} from '../../domain/conversations/conversation.use-case.js';
import {
  noteCustomerMessage as noteLeadMessage,
  openLeadForContact,
} from '../../domain/leads/lead.use-case.js';
import { flagForStaff } from '../../domain/messages/attention.use-case.js';
import { isWithinBusinessHours } from '../../domain/settings/settings.rules.js';
import { getSettings } from '../../domain/settings/settings.use-case.js';
import { userById } from '../../domain/users/user.use-case.js';
import type { Handler } from '../inbox/compose.js';
import { createParser, type Parser } from '../understanding/parse-message.js';
import type { MediaKind } from '../understanding/types.js';
import { attachReference, CUSTOM_CREATED, takeCustomOrder } from './custom.flow.js';
import { handOver, handoverReason } from './handover.flow.js';
import { describeHours } from './hours.js';
import { answerDraft, cancelDraft, ORDER_DRAFT, OrderDraftSchema, startOrder } from './order.flow.js';
import { greet, showCatalog, showPrices } from './replies.flow.js';
import { cancel, showStatus, takePaymentProof } from './service.flow.js';
import { alertStaff, customerLabel, say, type Turn, text } from './turn.js';

/** One parser per catalog version: building the fuzzy index is the expensive part. */
function parserCache(): (catalog: Product[]) => Parser {
  let key = '';
  let parser: Parser | undefined;
  return (catalog) => {
    const entries = catalog.map((product) => ({
      id: product.sku,
      name: product.name,
      aliases: product.aliases,
      price: product.price,
    }));
    const nextKey = JSON.stringify(entries);
    if (!parser || nextKey !== key) {
      parser = createParser(entries);
      key = nextKey;
    }
    return parser;
  };
}

const mediaKind = (type: string): MediaKind | null =>
  type === 'image' || type === 'sticker' ? 'image' : type === 'document' ? 'document' : null;

/**
 * The customer's side of the chat (SPEC §4): understand the message, keep the contact and lead current,
 * and answer like a good CS would — catalog, prices, orders with their details, custom requests,
 * payment proofs, status, cancellations, and a hand-over to a person when needed.
 */
export function customerConversation(): Handler {
  const parserFor = parserCache();
  return async (context) => {
    const { connection, message, now } = context;
    const settings = await getSettings(connection);
    const catalog = await activeCatalog(connection);
    const parsed = parserFor(catalog).parse(
      { text: message.body, media: mediaKind(message.type) },
      { now, timeZone: settings.timeZone },
    );
    const { contact, created } = await contactForChat(connection, {
      chatId: message.chatId,
      ...(message.pushName && { pushName: message.pushName }),
      ...(parsed.channel && { channel: parsed.channel }),
      at: now,
    });
    const turn: Turn = { context, settings, contact, parsed, catalog };

    // A message processed again after a kill may be the one that created the contact: it still opens
    // the lead and alerts the team (both idempotent), or the new customer would never reach anyone.
    const retried = (context.stored.processing?.attempts ?? 1) > 1;
    if (created || (retried && contact.createdAt >= context.stored.receivedAt)) await welcomeLead(turn);
    else await tellAssignee(turn);
    await awayIfClosed(turn);
    const state = await getConversation(connection, message.chatId, now);
    await route(turn, state);
  };
}

async function route(turn: Turn, state: Conversation | null): Promise<void> {
  const { intent, items } = turn.parsed;
  const draft = state?.kind === ORDER_DRAFT ? OrderDraftSchema.safeParse(state.data) : undefined;
  if (intent === 'handover') return handOver(turn, handoverReason(turn.context.message.body));
  if (intent === 'cancel') return draft?.success ? cancelDraft(turn) : cancel(turn);
  if (draft?.success) {
    // A quick question in the middle of an order is answered; the draft waits.
    if (items.length === 0 && (intent === 'catalog' || intent === 'price' || intent === 'status')) {
      return answerIntent(turn, state);
    }
    return answerDraft(turn, draft.data);
  }
  await answerIntent(turn, state);
}

async function answerIntent(turn: Turn, state: Conversation | null): Promise<void> {
  const { connection, message, now } = turn.context;
  if (turn.parsed.intent !== 'unknown' && (state?.misunderstood ?? 0) > 0) {
    await resetMisunderstood(connection, message.chatId, now);
  }
  switch (turn.parsed.intent) {
    case 'greeting':
      return greet(turn);
    case 'catalog':
      return showCatalog(turn);
    case 'price':
      return showPrices(turn);
    case 'order':
      return turn.parsed.items.length > 0 ? startOrder(turn) : showCatalog(turn);
    case 'custom_order':
      return takeCustomOrder(turn);
    case 'payment':
      return takePaymentProof(turn);
    case 'status':
      return showStatus(turn);
    case 'thanks':
      return say(turn, 'thanks');
    case 'cancel':
      return cancel(turn);
    case 'handover':
      return handOver(turn, handoverReason(message.body));
    case 'unknown':
      return notUnderstood(turn, state);
  }
}

/**
 * Not understood: a file right after a custom request is its reference, after an order its payment proof;
 * anything else waits in the console inbox, and two unclear messages in a row go to a person.
 */
async function notUnderstood(turn: Turn, state: Conversation | null): Promise<void> {
  const { connection, message, now, media } = turn.context;
  if (media?.path && (message.type === 'image' || message.type === 'document')) {
    const custom = state?.kind === CUSTOM_CREATED ? (state.data as { number?: unknown }).number : undefined;
    if (typeof custom === 'string' && (await attachReference(turn, custom))) return;
    return takePaymentProof(turn);
  }
  await flagForStaff(connection, message.id, 'unclear', now);
  const count = await bumpMisunderstood(connection, message.chatId, now);
  if (count >= 2) return handOver(turn, 'misunderstood');
  await say(turn, 'unknown');
}

/** First contact: the contact's lead (with the channel the first message hints at), and an alert. */
async function welcomeLead(turn: Turn): Promise<void> {
  const { connection, message, now } = turn.context;
  const channel = turn.parsed.channel ?? 'organic';
  await openLeadForContact(
    connection,
    { contactId: turn.contact._id, channel, at: now, actor: { kind: 'bot' } },
    turn.settings,
  );
  await alertStaff(turn, `lead:${String(turn.contact._id)}`, 'alert.new_lead', {
    customer: customerLabel(turn.contact),
    channel,
    text: message.body || `[${message.type}]`,
    phone: turn.contact.phone ?? turn.contact.chatId,
  });
}

/** The lead's assignee hears when their lead writes again (throttled in the lead rules). */
async function tellAssignee(turn: Turn): Promise<void> {
  const { connection, message, now } = turn.context;
  const { lead, alert } = await noteLeadMessage(connection, turn.contact._id, now);
  if (!alert || !lead?.assignee) return;
  const assignee = await userById(connection, lead.assignee);
  if (!assignee?.whatsapp) return;
  await turn.context.notify(
    chatIdOfPhone(assignee.whatsapp as PhoneNumber),
    text(turn, 'alert.new_lead', {
      customer: customerLabel(turn.contact),
      channel: lead.channel,
      text: message.body,
      phone: turn.contact.phone ?? turn.contact.chatId,
    }),
    `lead-wrote:${message.id}`,
  );
}

/**
 * Outside business hours the away message goes out once per chat per shop day; the message is still
 * handled. It has its own key (contact and day), not the message's next reply number: a message
 * processed again after a kill gets the same keys for its answers whether or not this went out first.
 */
async function awayIfClosed(turn: Turn): Promise<void> {
  const { settings, context } = turn;
  if (isWithinBusinessHours(settings, context.now)) return;
  const day = shopDay(context.now, settings.timeZone);
  await context.notify(
    context.message.chatId,
    settings.awayMessage ??
      text(turn, 'away', {
        shop: settings.shopName,
        hours: describeHours(settings.businessHours, settings.locale),
      }),
    `away:${String(turn.contact._id)}:${day}`,
  );
  await claimAwayMessage(context.connection, context.message.chatId, day);
}
