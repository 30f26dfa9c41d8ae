import { describe, expect, it } from 'vitest';
import { checkTransition, isOpen, ORDER_STATUSES } from './order-status.rules.js';

describe('order status machine', () => {
  it('walks a delivery order from pending to completed', () => {
    const path = [
      'pending',
      'confirmed',
      'in_progress',
      'review',
      'ready',
      'out_for_delivery',
      'completed',
    ] as const;
    for (let index = 1; index < path.length; index += 1) {
      expect(checkTransition(path[index - 1]!, path[index]!, 'delivery')).toEqual({ ok: true });
    }
  });

  it('lets a pickup order go ready → completed, but not out for delivery', () => {
    expect(checkTransition('ready', 'completed', 'pickup')).toEqual({ ok: true });
    expect(checkTransition('ready', 'out_for_delivery', 'pickup')).toMatchObject({ ok: false });
  });

  it('keeps a delivery order from skipping the delivery', () => {
    expect(checkTransition('ready', 'completed', 'delivery')).toEqual({
      ok: false,
      code: 'ORDER.ILLEGAL_TRANSITION',
      details: { from: 'ready', to: 'completed', allowed: ['out_for_delivery', 'cancelled'] },
    });
  });

  it('sends review back to in_progress', () => {
    expect(checkTransition('review', 'in_progress')).toEqual({ ok: true });
  });

  it('cancels from every open state and never leaves a final one', () => {
    for (const status of ORDER_STATUSES) {
      const result = checkTransition(status, 'cancelled');
      expect(result.ok).toBe(isOpen(status));
      if (!isOpen(status)) expect(checkTransition(status, 'pending').ok).toBe(false);
    }
  });

  it('refuses skipping steps', () => {
    expect(checkTransition('pending', 'ready')).toMatchObject({
      ok: false,
      code: 'ORDER.ILLEGAL_TRANSITION',
    });
    expect(checkTransition('confirmed', 'completed')).toMatchObject({ ok: false });
  });
});
