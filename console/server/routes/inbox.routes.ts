import { z } from 'zod';
import { type Contact, contactModel } from '../../../domain/contacts/contact.model.js';
import { contactForChat, followMerged } from '../../../domain/contacts/contact.use-case.js';
import { addActivity, openLeadForContact, updateLead } from '../../../domain/leads/lead.use-case.js';
import {
  type AttentionContact,
  claimAttention,
  type FlaggedMessage,
  openAttention,
  releaseAttention,
  resolveAttention,
  resolveChat,
} from '../../../domain/messages/attention.use-case.js';
import {
  ATTENTION_REASONS,
  type AttentionOutcome,
  MESSAGE_TYPES,
} from '../../../domain/messages/message.model.js';
import { createOrder } from '../../../domain/orders/order.use-case.js';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { createTask } from '../../../domain/tasks/task.use-case.js';
import { failWith } from '../errors.js';
import { defineRoute, type RouteContext } from '../route.js';
import { sendConsoleReply } from './staff-reply.js';

/** WhatsApp message ids (`false_628…@c.us_3EB0…`), URL-encoded by the client. */
const WaIdParams = z.strictObject({ waId: z.string().min(1).max(200) });

const contactView = (contact: AttentionContact | null) =>
  contact && {
    id: String(contact._id),
    name: contact.name ?? contact.pushName ?? null,
    phone: contact.phone ?? null,
  };

const InboxAnswer = z.object({
  items: z.array(
    z.object({
      waId: z.string(),
      chatId: z.string(),
      contact: z
        .object({ id: z.string(), name: z.string().nullable(), phone: z.string().nullable() })
        .nullable(),
      body: z.string(),
      type: z.enum(MESSAGE_TYPES),
      sentAt: z.iso.datetime(),
      reason: z.enum(ATTENTION_REASONS),
      flaggedAt: z.iso.datetime(),
    }),
  ),
  total: z.number().int(),
});

/** The message as text for what staff make of it: its words, else its kind ("[image]"), at most `max` characters. */
const textOf = (message: FlaggedMessage, max: number): string =>
  (message.body.trim() || `[${message.type}]`).slice(0, max);

/**
 * The contact behind the message's chat (the kept one if it was merged); made from the chat when the bot
 * never got that far (a failure).
 */
async function contactOf(ctx: RouteContext, message: FlaggedMessage): Promise<Contact> {
  const existing = await contactModel(ctx.connection).findOne({ chatId: message.chatId }).lean<Contact>();
  if (existing) return followMerged(ctx.connection, existing);
  const { contact } = await contactForChat(ctx.connection, {
    chatId: message.chatId,
    ...(message.pushName && { pushName: message.pushName }),
    at: message.sentAt,
  });
  return contact;
}

/**
 * Act on one open inbox item: claim it (a double click or a colleague at the same moment gets 409), do
 * the work, then resolve it with what was made. A refusal or an error lets the claim go, so the item
 * stays open and nothing of the attempt is left behind.
 */
async function actOn<T>(
  ctx: RouteContext,
  waId: string,
  work: (
    message: FlaggedMessage,
    at: Date,
  ) => Promise<{ outcome: AttentionOutcome; ref?: string; answer: T }>,
): Promise<T> {
  const at = ctx.clock.now();
  const claimed = await claimAttention(ctx.connection, waId, { actor: ctx.actor, at });
  if (!claimed.ok) return failWith(claimed);
  let done: Awaited<ReturnType<typeof work>>;
  try {
    done = await work(claimed.message, at);
  } catch (error) {
    await releaseAttention(ctx.connection, waId, at).catch((inner: unknown) =>
      ctx.log.error({ err: inner, waId }, 'could not release an inbox claim; it lapses by itself'),
    );
    throw error;
  }
  const resolved = await resolveAttention(
    ctx.connection,
    { waId, outcome: done.outcome, ...(done.ref !== undefined && { ref: done.ref }) },
    { actor: ctx.actor, at },
  );
  // Only when the claim lapsed mid-work and someone else closed the item: what was made stays the one thing.
  if (!resolved.ok) return failWith(resolved);
  return done.answer;
}

/** The console inbox (SPEC §7): messages that need a person, and making an order, lead or task of them. */
export const inboxRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/inbox',
    access: 'signed-in',
    summary: 'messages that need a person (unclear, hand-over, while paused, failed), newest first, 100 max',
    response: InboxAnswer,
    async handler(_input, { connection }) {
      const { items, total } = await openAttention(connection, { limit: 100 });
      return {
        items: items.map(({ message, contact }) => ({
          waId: message.waId,
          chatId: message.chatId,
          contact: contactView(contact),
          body: message.body,
          type: message.type,
          sentAt: message.sentAt.toISOString(),
          reason: message.attention.reason,
          flaggedAt: message.attention.at.toISOString(),
        })),
        total,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/inbox/:waId/order',
    access: 'signed-in',
    summary: 'make a custom order of an inbox message (once per message) and close the item',
    params: WaIdParams,
    body: z.strictObject({
      description: z.string().trim().min(1, { error: 'must not be empty' }).max(4000).optional(),
      budget: z
        .number({ error: 'must be a number of rupiah' })
        .int({ error: 'must be whole rupiah' })
        .min(0)
        .max(Number.MAX_SAFE_INTEGER)
        .optional(),
      deadline: z.iso.date({ error: 'must be a date as YYYY-MM-DD' }).optional(),
    }),
    async handler({ params, body }, ctx) {
      return actOn(ctx, params.waId, async (message, at) => {
        const description = body.description ?? message.body.trim().slice(0, 4000);
        if (!description)
          return failWith({
            code: 'REQUEST.INVALID',
            details: 'body.description: the message has no text; describe the order',
            field: 'body.description',
          });
        const contact = await contactOf(ctx, message);
        const customerName = contact.name ?? contact.pushName;
        const reference = message.media?.state === 'stored' ? message.media.path : undefined;
        const { timeZone } = await getSettings(ctx.connection);
        const result = await createOrder(
          ctx.connection,
          {
            kind: 'custom',
            contactId: contact._id,
            chatId: message.chatId,
            ...(customerName && { customerName }),
            custom: {
              description,
              ...(body.budget !== undefined && { budget: body.budget }),
              ...(body.deadline && { deadline: body.deadline }),
              ...(reference && { referenceMedia: [reference] }),
            },
            source: 'console',
            // A second try (a double click after a lapsed claim, a retry) finds this order.
            requestKey: `inbox:${message.waId}`,
            messageIds: [message.waId],
          },
          { actor: ctx.actor, at, timeZone },
        );
        if (!result.ok) return failWith(result);
        const { order, created } = result;
        return {
          outcome: 'order',
          ref: order.number,
          answer: { order: { number: order.number, status: order.status, total: order.total }, created },
        };
      });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/inbox/:waId/lead',
    access: 'signed-in',
    summary: "the contact's open lead (made if none) with the message as a chat activity; closes the item",
    params: WaIdParams,
    body: z.strictObject({ interest: z.string().trim().min(1).max(500).optional() }),
    async handler({ params, body }, ctx) {
      return actOn(ctx, params.waId, async (message, at) => {
        const contact = await contactOf(ctx, message);
        const settings = await getSettings(ctx.connection);
        const change = { actor: ctx.actor, at };
        const opened = await openLeadForContact(
          ctx.connection,
          {
            contactId: contact._id,
            // There is no "whatsapp" channel: every lead comes through WhatsApp; the channel is the source.
            channel: contact.firstChannel ?? 'organic',
            ...(body.interest && { interest: body.interest }),
            ...change,
          },
          settings,
        );
        let lead = opened.lead;
        if (!opened.created && body.interest && !lead.interest) {
          const updated = await updateLead(
            ctx.connection,
            lead._id,
            { interest: body.interest },
            change,
            settings,
          );
          if (!updated.ok) return failWith(updated);
          lead = updated.lead;
        }
        const noted = await addActivity(ctx.connection, {
          leadId: lead._id,
          kind: 'chat',
          text: textOf(message, 2000),
          ...(ctx.user && { by: ctx.user._id }),
          ...change,
        });
        if (!noted.ok) return failWith(noted);
        return {
          outcome: 'lead',
          ref: String(lead._id),
          answer: { lead: { id: String(lead._id), stage: lead.stage }, created: opened.created },
        };
      });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/inbox/:waId/task',
    access: 'signed-in',
    summary: 'a task for me about the message’s contact (text defaults to the message); closes the item',
    params: WaIdParams,
    body: z.strictObject({
      text: z.string().trim().min(1, { error: 'must not be empty' }).max(500).optional(),
      dueAt: z.iso.datetime({ offset: true, error: 'must be an ISO date-time with an offset' }),
    }),
    async handler({ params, body }, ctx) {
      return actOn(ctx, params.waId, async (message, at) => {
        const contact = await contactOf(ctx, message);
        const { timeZone } = await getSettings(ctx.connection);
        const result = await createTask(
          ctx.connection,
          {
            text: body.text ?? textOf(message, 500),
            dueAt: new Date(body.dueAt),
            ...(ctx.user && { assigneeId: ctx.user._id }),
            link: { kind: 'contact', id: contact._id },
          },
          { actor: ctx.actor, at, timeZone },
        );
        if (!result.ok) return failWith(result);
        const { task } = result;
        return {
          outcome: 'task',
          ref: String(task.number),
          answer: {
            task: {
              number: task.number,
              text: task.text,
              dueAt: task.dueAt.toISOString(),
              status: task.status,
              assigneeId: task.assigneeId ? String(task.assigneeId) : null,
            },
          },
        };
      });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/inbox/:waId/reply',
    access: 'signed-in',
    summary:
      'answer the customer on WhatsApp (a leading /shortcut expands to its quick reply; the bot pauses there); closes every open item of the chat',
    params: WaIdParams,
    body: z.strictObject({
      text: z.string().trim().min(1, { error: 'must not be empty' }).max(4000),
      /** The client's id for this reply: sending it again sends nothing more. */
      requestId: z.uuid().optional(),
    }),
    async handler({ params, body }, ctx) {
      const sent = await actOn(ctx, params.waId, async (message, at) => {
        // An unknown quick reply throws here: the claim is let go and the item stays open.
        const reply = await sendConsoleReply(
          ctx.connection,
          { chatId: message.chatId, text: body.text, requestId: body.requestId },
          at,
        );
        return { outcome: 'replied', answer: { ...reply, chatId: message.chatId, at } };
      });
      // The customer has an answer: the chat's other open items are done too.
      const others = await resolveChat(ctx.connection, sent.chatId, 'replied', {
        actor: ctx.actor,
        at: sent.at,
      });
      return {
        queued: sent.queued,
        text: sent.text,
        botPausedUntil: sent.pausedUntil.toISOString(),
        resolved: 1 + others,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/inbox/:waId/done',
    access: 'signed-in',
    summary: 'nothing to do for this message: close the item',
    params: WaIdParams,
    async handler({ params }, ctx) {
      return actOn(ctx, params.waId, async () => ({
        outcome: 'dismissed',
        answer: { done: true },
      }));
    },
  }),
];
