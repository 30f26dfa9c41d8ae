import { beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../domain/orders/order.model.js';
import { recordPaymentProof } from '../../../domain/payments/payment.use-case.js';
import { catalogOrder, resetShop, ZONE } from '../../../domain/payments/testing/payment-fixtures.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';

const db = useTestDatabase();
const at = new Date('2026-11-23T03:00:00Z');
let app: App;
let headers: { cookie: string; 'x-csrf-token': string };
let order: Order;

beforeAll(async () => {
  const contact = await resetShop(db.connection, at);
  order = await catalogOrder(db.connection, contact, at, ['confirmed']);
  for (const [index, amount] of [100_000, 205_000, 999_000].entries())
    await recordPaymentProof(
      db.connection,
      { contactId: contact._id, orderNumber: order.number, amount, messageId: `proof-${index}` },
      { actor: { kind: 'customer' }, at, timeZone: ZONE },
    );
  ({ app } = await buildTestApp(db.connection));
  await staffUser(db.connection, 'admin');
  headers = await loginAs(app, 'admin');
});

const post = (url: string, payload: object) => app.inject({ method: 'POST', url, headers, payload });

describe('invoice and payment routes', () => {
  it('issues the invoice, then counts verified payments up to paid and refuses an overpayment with 422', async () => {
    const invoice = await post(`/api/orders/${order.number}/invoice`, {});
    expect(invoice.statusCode).toBe(200);
    expect(invoice.json()).toMatchObject({ created: true, invoice: { amount: 305_000, status: 'sent' } });
    const partial = (await post('/api/payments/PAY-202611-0001/verify', {})).json();
    expect(partial.order).toEqual({ number: order.number, paidAmount: 100_000, paymentStatus: 'partial' });
    const overpaid = await post('/api/payments/PAY-202611-0003/verify', {});
    expect(overpaid.statusCode).toBe(422);
    expect(overpaid.json()).toMatchObject({ error: 'PAYMENT.OVERPAID', outstanding: 205_000 });
    const paid = (await post('/api/payments/PAY-202611-0002/verify', {})).json();
    expect(paid).toMatchObject({ order: { paymentStatus: 'paid' }, invoice: { status: 'paid' } });
  });

  it('rejects a proof with its reason, and says so when it was already decided', async () => {
    const rejected = await post('/api/payments/PAY-202611-0003/reject', { reason: 'nominal tidak sesuai' });
    expect(rejected.json()).toMatchObject({ changed: true, payment: { status: 'rejected' } });
    const verified = await post('/api/payments/PAY-202611-0001/reject', { reason: 'salah' });
    expect(verified.statusCode).toBe(409);
    expect(verified.json().error).toBe('PAYMENT.ALREADY_VERIFIED');
    expect((await post('/api/payments/PAY-202611-0099/verify', {})).statusCode).toBe(404);
  });
});
