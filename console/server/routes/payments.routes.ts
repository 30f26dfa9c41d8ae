import { z } from 'zod';
import { issueInvoice } from '../../../domain/invoices/invoice.use-case.js';
import { rejectPayment, verifyPayment } from '../../../domain/payments/payment.use-case.js';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { failWith } from '../errors.js';
import { defineRoute } from '../route.js';

const rupiah = z.number().int({ error: 'must be whole rupiah' }).positive({ error: 'must be more than 0' });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD' });

/** Invoices and payment decisions, as staff make them on WhatsApp (`invoice`, `verify`, `reject`). */
export const paymentsRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/orders/:number/invoice',
    access: 'signed-in',
    summary: "create or resend the order's invoice (sent to the customer with the payment instructions)",
    params: z.strictObject({ number: z.string().min(1).max(40) }),
    body: z.strictObject({ amount: rupiah.optional(), dueDate: day.optional() }),
    async handler({ params, body }, { connection, clock, actor }) {
      const { timeZone } = await getSettings(connection);
      const result = await issueInvoice(
        connection,
        { orderNumber: params.number, ...body },
        { actor, at: clock.now(), timeZone },
      );
      if (!result.ok) return failWith(result);
      return { invoice: result.invoice, created: result.created };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/payments/:number/verify',
    access: 'signed-in',
    summary: 'approve a payment: counted once on the order and invoice; the customer is told',
    params: z.strictObject({ number: z.string().min(1).max(40) }),
    body: z.strictObject({ amount: rupiah.optional(), orderNumber: z.string().max(40).optional() }),
    async handler({ params, body }, { connection, clock, actor }) {
      const { timeZone } = await getSettings(connection);
      const result = await verifyPayment(
        connection,
        { number: params.number, ...body },
        { actor, at: clock.now(), timeZone },
      );
      if (!result.ok) return failWith(result);
      const { payment, order, invoice, changed } = result;
      return {
        payment,
        order: { number: order.number, paidAmount: order.paidAmount, paymentStatus: order.paymentStatus },
        invoice,
        changed,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/payments/:number/reject',
    access: 'signed-in',
    summary: 'refuse a payment proof with a reason the customer is told',
    params: z.strictObject({ number: z.string().min(1).max(40) }),
    body: z.strictObject({ reason: z.string().trim().min(1).max(300) }),
    async handler({ params, body }, { connection, clock, actor }) {
      const result = await rejectPayment(
        connection,
        { number: params.number, reason: body.reason },
        { actor, at: clock.now() },
      );
      if (!result.ok) return failWith(result);
      return { payment: result.payment, changed: result.changed };
    },
  }),
];
