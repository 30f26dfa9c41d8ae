import { z } from 'zod';
import { formatRupiah } from '../../domain/i18n/messages.js';
import { issueInvoice } from '../../domain/invoices/invoice.use-case.js';
import { parseOrderNumber } from '../../domain/orders/order.rules.js';
import { recordPayment, rejectPayment, verifyPayment } from '../../domain/payments/payment.use-case.js';
import { USER_ROLES } from '../../domain/users/user.model.js';
import {
  amount,
  forward,
  missing,
  orderNumber,
  parseRupiah,
  paymentMethod,
  paymentNumber,
  problem,
  readWhen,
  words,
} from './args.js';
import { defineCommand } from './command.js';
import { failureText } from './errors.js';
import { localDay, orderCustomer } from './format.js';

export const invoiceCommand = defineCommand({
  name: 'invoice',
  aliases: ['tagihan', 'tagih', 'inv'],
  roles: USER_ROLES,
  help: 'admin.help.invoice',
  usage: 'admin.usage.invoice',
  args: (env) =>
    z.string().transform((raw, ctx) => {
      const [first, ...rest] = raw.trim().split(/\s+/).filter(Boolean);
      const number = orderNumber.safeParse(first);
      if (!number.success) return forward(ctx, number.error.issues);
      const money = rest[0] !== undefined ? parseRupiah(rest[0]) : undefined;
      const dueWords = money !== undefined ? rest.slice(1) : rest;
      if (money !== undefined && (!Number.isSafeInteger(money) || money <= 0))
        return problem(ctx, 'admin.arg.bad_amount', { got: rest[0]! });
      let dueDate: string | undefined;
      if (dueWords.length > 0) {
        const when = readWhen(dueWords.join(' '), env);
        if (!when || when.time) return problem(ctx, 'admin.arg.bad_due', { got: dueWords.join(' ') });
        dueDate = when.date;
      }
      return { number: number.data, amount: money, dueDate };
    }),
  async run({ connection, t, actor, now, timeZone }, input) {
    const result = await issueInvoice(
      connection,
      {
        orderNumber: input.number,
        ...(input.amount !== undefined && { amount: input.amount }),
        ...(input.dueDate && { dueDate: input.dueDate }),
      },
      { actor, at: now, timeZone },
    );
    if (!result.ok) return failureText(t, result, { number: input.number });
    const { invoice, order, created } = result;
    return t(created ? 'admin.invoice.created' : 'admin.invoice.reissued', {
      invoice: invoice.number,
      customer: orderCustomer(order),
      amount: formatRupiah(invoice.amount),
      due: localDay(invoice.dueDate),
    });
  },
});

export const payCommand = defineCommand({
  name: 'pay',
  aliases: ['bayar', 'lunas', 'catatbayar'],
  roles: USER_ROLES,
  help: 'admin.help.pay',
  usage: 'admin.usage.pay',
  args: () =>
    words(z.tuple([orderNumber, amount, paymentMethod.optional()])).transform(([number, money, method]) => ({
      number,
      amount: money,
      method,
    })),
  async run({ connection, t, actor, now, timeZone, message }, input) {
    const result = await recordPayment(
      connection,
      {
        orderNumber: input.number,
        amount: input.amount,
        ...(input.method && { method: input.method }),
        messageId: message.id,
      },
      { actor, at: now, timeZone },
    );
    if (!result.ok) return failureText(t, result, { number: input.number });
    const { payment, order } = result;
    return t('admin.pay.done', {
      payment: payment.number,
      amount: formatRupiah(payment.amount ?? input.amount),
      number: order.number,
      paid: formatRupiah(order.paidAmount),
      total: formatRupiah(order.total),
      status: order.paymentStatus,
    });
  },
});

export const verifyCommand = defineCommand({
  name: 'verify',
  aliases: ['verifikasi', 'setujui', 'acc'],
  roles: USER_ROLES,
  help: 'admin.help.verify',
  usage: 'admin.usage.verify',
  args: () =>
    z.string().transform((raw, ctx) => {
      const [first, ...rest] = raw.trim().split(/\s+/).filter(Boolean);
      const number = paymentNumber.safeParse(first);
      if (!number.success) return forward(ctx, number.error.issues);
      let money: number | undefined;
      let order: string | undefined;
      for (const token of rest) {
        const asOrder = parseOrderNumber(token);
        const asMoney = parseRupiah(token);
        if (asOrder.ok && order === undefined) order = asOrder.text;
        else if (asMoney !== undefined && asMoney > 0 && money === undefined) money = asMoney;
        else if (/^ord-/i.test(token)) return problem(ctx, 'admin.arg.bad_order', { got: token });
        else if (/^\d/.test(token)) return problem(ctx, 'admin.arg.bad_amount', { got: token });
        else return problem(ctx, 'admin.arg.extra');
      }
      return { number: number.data, amount: money, orderNumber: order };
    }),
  async run({ connection, t, actor, now, timeZone }, input) {
    const result = await verifyPayment(
      connection,
      {
        number: input.number,
        ...(input.amount !== undefined && { amount: input.amount }),
        ...(input.orderNumber && { orderNumber: input.orderNumber }),
      },
      { actor, at: now, timeZone },
    );
    if (!result.ok) return failureText(t, result, { number: input.number });
    const { payment, order, changed } = result;
    const params = {
      payment: payment.number,
      amount: formatRupiah(payment.amount ?? 0),
      number: order.number,
      paid: formatRupiah(order.paidAmount),
      total: formatRupiah(order.total),
      status: order.paymentStatus,
    };
    return t(changed ? 'admin.verify.done' : 'admin.verify.unchanged', params);
  },
});

export const rejectCommand = defineCommand({
  name: 'reject',
  aliases: ['tolak'],
  roles: USER_ROLES,
  help: 'admin.help.reject',
  usage: 'admin.usage.reject',
  args: () =>
    words(z.tuple([paymentNumber], z.string())).transform(([number, ...reason], ctx) =>
      reason.length > 0 ? { number, reason: reason.join(' ') } : missing(ctx, 'admin.label.reason'),
    ),
  async run({ connection, t, actor, now }, { number, reason }) {
    const result = await rejectPayment(connection, { number, reason }, { actor, at: now });
    if (!result.ok) return failureText(t, result, { number });
    const { payment, changed } = result;
    return changed
      ? t('admin.reject.done', { payment: payment.number, reason: payment.rejectReason ?? reason })
      : t('admin.reject.unchanged', { payment: payment.number });
  },
});
