import { saveConversation } from '../../domain/conversations/conversation.use-case.js';
import { formatRupiah } from '../../domain/i18n/messages.js';
import { openLeadForContact, updateLead } from '../../domain/leads/lead.use-case.js';
import { createOrder, findOrderByNumber, updateOrderDetails } from '../../domain/orders/order.use-case.js';
import { alertStaff, customerLabel, orderOwner, type Turn, text, trackingLink } from './turn.js';

export const CUSTOM_CREATED = 'custom_created';
/** Photos sent this soon after a custom request are its references, not payment proofs. */
const REFERENCE_WINDOW_MS = 30 * 60_000;

/** Words that name what kind of custom work is asked for; the first match is the category. */
const CATEGORIES: [RegExp, string][] = [
  [/\blogo\b/, 'logo'],
  [/\b(branding|brand identity|identitas brand)\b/, 'branding'],
  [/\b(undangan|invitation)\b/, 'undangan'],
  [/\b(banner|spanduk|brosur|flyer|poster|kartu nama|stiker|sticker|cetak|print)\b/, 'print'],
  [/\b(kaos|sablon|tshirt|t-shirt|kemeja|seragam)\b/, 'apparel'],
  [/\b(buket|bouquet|bunga|florist)\b/, 'bouquet'],
  [/\b(hampers|parcel|parsel)\b/, 'hampers'],
  [/\b(kue|cake|tart)\b/, 'cake'],
  [/\b(website|web|landing page|aplikasi|app)\b/, 'web'],
  [/\b(desain|design|ilustrasi|illustration|feed|konten)\b/, 'design'],
];

export const customCategory = (message: string): string | undefined =>
  CATEGORIES.find(([pattern]) => pattern.test(message.toLowerCase()))?.[1];

/**
 * "bikin logo buat usaha kopi, budget 500rb, deadline tgl 20" (with or without a reference photo):
 * a pending custom order and the contact's lead, then a quote from the team.
 */
export async function takeCustomOrder(turn: Turn): Promise<void> {
  const { connection, message, now, media } = turn.context;
  const brief = message.body.trim();
  const category = customCategory(brief);
  const actor = { kind: 'customer' as const, id: String(turn.contact._id) };
  const result = await createOrder(
    connection,
    {
      ...orderOwner(turn),
      kind: 'custom',
      custom: {
        ...(category && { category }),
        description: brief,
        referenceMedia: media?.path ? [media.path] : [],
        ...(turn.parsed.date && { deadline: turn.parsed.date }),
        ...(turn.parsed.amount !== null && { budget: turn.parsed.amount }),
      },
      fulfilment: {},
      source: 'whatsapp',
      requestKey: `wa:${message.id}`,
      messageIds: [message.id],
    },
    { actor, at: now, timeZone: turn.settings.timeZone },
  );
  if (!result.ok) throw new Error(`custom order refused: ${result.code} ${result.details}`);
  const order = result.order;
  const { lead, created } = await openLeadForContact(
    connection,
    {
      contactId: turn.contact._id,
      channel: turn.contact.firstChannel ?? 'organic',
      interest: brief,
      at: now,
      actor,
    },
    turn.settings,
  );
  // The lead opened at first contact knew nothing yet: now it knows what the customer wants, and the budget.
  if (!created && !lead.interest) {
    const patch = {
      interest: brief.slice(0, 500),
      ...(turn.parsed.amount !== null && { estimatedValue: turn.parsed.amount }),
    };
    const updated = await updateLead(connection, lead._id, patch, { actor, at: now }, turn.settings);
    if (!updated.ok) turn.context.log.warn({ code: updated.code }, `lead not updated: ${updated.details}`);
  }
  const budget =
    turn.parsed.amount !== null
      ? text(turn, 'custom.budget', { value: formatRupiah(turn.parsed.amount) })
      : '';
  const deadline = turn.parsed.date ? text(turn, 'custom.deadline', { value: turn.parsed.date }) : '';
  const reference = media?.path ? text(turn, 'custom.reference') : '';
  await turn.context.reply(
    text(turn, 'custom.received', {
      number: order.number,
      brief,
      budget: budget + reference,
      deadline,
      link: trackingLink(turn.settings, order.trackingToken),
    }),
  );
  await saveConversation(
    connection,
    message.chatId,
    { kind: CUSTOM_CREATED, data: { number: order.number } },
    { now, ttlMs: REFERENCE_WINDOW_MS },
  );
  await alertStaff(turn, `order:${order.number}`, 'alert.new_custom', {
    number: order.number,
    customer: customerLabel(turn.contact),
    brief,
    budget: budget + reference,
    deadline,
  });
}

/** A photo or file right after a custom request: another reference for that order. */
export async function attachReference(turn: Turn, number: string): Promise<boolean> {
  const { connection, media, now } = turn.context;
  const order = await findOrderByNumber(connection, number);
  if (!media?.path || !order?.custom) return false;
  const referenceMedia = [...new Set([...order.custom.referenceMedia, media.path])];
  const result = await updateOrderDetails(
    connection,
    { number, patch: { custom: { referenceMedia } } },
    { actor: { kind: 'customer', id: String(turn.contact._id) }, at: now },
  );
  if (!result.ok) return false;
  await turn.context.reply(text(turn, 'custom.reference_added', { number }));
  return true;
}
